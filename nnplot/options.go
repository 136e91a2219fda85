package nnplot

import "time"

// Option adjusts a picture. Each function documents the options it
// understands; it ignores the others.
type Option func(*settings)

type settings struct {
	keys           []string
	markPerfect    bool
	xLabel, yLabel string
	classes        []string
	title          string
	annotate       bool
	resolution     int
	xMin, xMax     float64
	interval       time.Duration
	intervalSet    bool
	quadrants      bool
	quadX, quadY   float64
	columns        int
}

func collect(opts []Option) settings {
	s := settings{resolution: 120, xMin: -5, xMax: 5}
	for _, o := range opts {
		if o != nil {
			o(&s)
		}
	}
	return s
}

// Keys limits [Curves] and [Live] to the given quantities, e.g.
// Keys("loss"); their val_ series come along. By default every logged
// quantity gets a panel.
func Keys(keys ...string) Option {
	return func(s *settings) { s.keys = append(s.keys, keys...) }
}

// MarkPerfect marks, on accuracy curves ([Curves], [Compare], [Live]), the
// first epoch at which the accuracy reached 100%, and names it in the
// legend.
func MarkPerfect() Option {
	return func(s *settings) { s.markPerfect = true }
}

// Axes names the two input dimensions of [Points] and [Boundary], e.g.
// Axes("age", "income").
func Axes(x, y string) Option {
	return func(s *settings) { s.xLabel, s.yLabel = x, y }
}

// Classes names the classes of [Points] and [Boundary] in the legend:
// Classes("false", "true") for XOR's 0 and 1.
func Classes(names ...string) Option {
	return func(s *settings) { s.classes = names }
}

// Title sets the title of a one-panel picture ([Curves] with one panel,
// [Compare], [Diagram], [Points], [Boundary], [ActivationsWith]).
func Title(title string) Option {
	return func(s *settings) { s.title = title }
}

// Annotate writes each point's coordinates beside it in [Points] and
// [Boundary] — for a handful of points like XOR's four.
func Annotate() Option {
	return func(s *settings) { s.annotate = true }
}

// Resolution sets how many cells a side of [Boundary]'s grid has (default
// 120; the model is evaluated once per cell).
func Resolution(n int) Option {
	return func(s *settings) { s.resolution = n }
}

// Range sets the interval of x over which [ActivationsWith] draws the
// functions (default -5 to 5).
func Range(lo, hi float64) Option {
	return func(s *settings) { s.xMin, s.xMax = lo, hi }
}

// Quadrants divides the plane of [Points] and [Boundary] into four with
// dashed lines at x = x and y = y, e.g. Quadrants(40, 50000) for customers
// by age and income. The axes widen to show both lines.
func Quadrants(x, y float64) Option {
	return func(s *settings) { s.quadrants, s.quadX, s.quadY = true, x, y }
}
