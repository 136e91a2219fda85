package nnplot

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"strconv"

	"github.com/gokernel/gokernel/nnlib"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Points draws labelled points of a plane: x holds one row of two values
// per point, labels its class — []float64 or [][]float64 with one column
// (0/1, thresholded at 0.5; several columns are one-hot and take the
// largest), []int, or []string (class names). Each class gets a colour and
// a marker shape. The axes span the points with a margin and are labelled
// with round values, whatever the scale of the data. Options: Axes,
// Classes, Title, Annotate, Quadrants.
//
//	nnplot.Points(xorX, xorY, nnplot.Classes("0", "1"), nnplot.Annotate())
//	nnplot.Points(customers, buys, nnplot.Classes("does not buy", "buys"),
//		nnplot.Axes("age", "income"), nnplot.Quadrants(40, 50000))
func Points(x [][]float64, labels any, opts ...Option) *Figure {
	return figureOf(points(x, labels, opts...))
}

// points is Points with its error returned.
func points(x [][]float64, labels any, opts ...Option) (*Figure, error) {
	s := collect(opts)
	p, err := pointsPanel(x, labels, s, nil)
	if err != nil {
		return nil, fmt.Errorf("nnplot: Points: %w", err)
	}
	return newFigure(560, 440, p), nil
}

// pointsPanel is the panel of Points; under, when set, adds what goes
// beneath the points (Boundary's heat map) once the axes span the points.
func pointsPanel(x [][]float64, labels any, s settings, under func(p *plot.Plot) error) (*plot.Plot, error) {
	if err := checkPlane(x); err != nil {
		return nil, err
	}
	if err := checkQuadrants(s); err != nil {
		return nil, err
	}
	classOf, names, err := classify(labels, len(x))
	if err != nil {
		return nil, err
	}
	if len(s.classes) > 0 {
		if len(s.classes) < len(names) {
			return nil, fmt.Errorf("%d class names for %d classes", len(s.classes), len(names))
		}
		names = s.classes[:len(names)]
	}
	xLabel, yLabel := s.xLabel, s.yLabel
	if xLabel == "" && yLabel == "" {
		xLabel, yLabel = "x₁", "x₂"
	}
	p := newPanel(s.title, xLabel, yLabel)
	if s.quadrants {
		pad(p, append(x[:len(x):len(x)], []float64{s.quadX, s.quadY}))
	} else {
		pad(p, x)
	}
	if under != nil {
		if err := under(p); err != nil {
			return nil, err
		}
	}
	if s.quadrants {
		p.Add(dividers{x: s.quadX, y: s.quadY, style: quadrantStyle})
	}
	for k, name := range names {
		var pts plotter.XYs
		for i, row := range x {
			if classOf[i] == k {
				pts = append(pts, plotter.XY{X: row[0], Y: row[1]})
			}
		}
		if len(pts) == 0 {
			continue
		}
		sc, err := plotter.NewScatter(pts)
		if err != nil {
			return nil, err
		}
		sc.GlyphStyle = classGlyph(k)
		p.Add(sc)
		addLegend(p, name, sc)
	}
	if s.annotate {
		if err := annotate(p, x); err != nil {
			return nil, err
		}
	}
	p.Legend.Top = true
	p.Legend.Left = false
	p.Legend.XOffs, p.Legend.YOffs = -vg.Points(4), -vg.Points(4) // off the edges of an untitled picture
	return p, nil
}

// checkPlane checks that x holds finite points of a plane.
func checkPlane(x [][]float64) error {
	if len(x) == 0 {
		return errors.New("no points")
	}
	for i, row := range x {
		if len(row) != 2 {
			return fmt.Errorf("row %d has %d values; points of a plane have 2", i, len(row))
		}
		if !finite(row[0]) || !finite(row[1]) {
			return fmt.Errorf("row %d is not finite: %v", i, row)
		}
	}
	return nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// classify turns labels into a class index per point and the class names.
func classify(labels any, n int) (classOf []int, names []string, err error) {
	classOf = make([]int, n)
	count := func(got int) error {
		if got != n {
			return fmt.Errorf("%d labels for %d points", got, n)
		}
		return nil
	}
	maxClass := 0
	switch l := labels.(type) {
	case []float64:
		if err := count(len(l)); err != nil {
			return nil, nil, err
		}
		for i, v := range l {
			classOf[i] = threshold(v)
		}
		maxClass = 1
	case [][]float64:
		if err := count(len(l)); err != nil {
			return nil, nil, err
		}
		for i, row := range l {
			switch {
			case len(row) == 0:
				return nil, nil, fmt.Errorf("label %d is empty", i)
			case len(row) == 1:
				classOf[i] = threshold(row[0])
				maxClass = max(maxClass, 1)
			default:
				classOf[i] = argmax(row)
				maxClass = max(maxClass, len(row)-1)
			}
		}
	case []int:
		if err := count(len(l)); err != nil {
			return nil, nil, err
		}
		for i, v := range l {
			if v < 0 {
				return nil, nil, fmt.Errorf("label %d is negative: %d", i, v)
			}
			classOf[i] = v
			maxClass = max(maxClass, v)
		}
	case []string:
		if err := count(len(l)); err != nil {
			return nil, nil, err
		}
		index := map[string]int{}
		for i, v := range l {
			k, ok := index[v]
			if !ok {
				k = len(names)
				index[v] = k
				names = append(names, v)
			}
			classOf[i] = k
		}
		return classOf, names, nil
	default:
		return nil, nil, fmt.Errorf("labels of type %T; use []float64, [][]float64, []int or []string", labels)
	}
	for k := 0; k <= maxClass; k++ {
		names = append(names, strconv.Itoa(k))
	}
	return classOf, names, nil
}

func threshold(v float64) int {
	if v > 0.5 {
		return 1
	}
	return 0
}

func argmax(row []float64) int {
	best := 0
	for i, v := range row {
		if v > row[best] {
			best = i
		}
	}
	return best
}

// glyphShapes tell classes apart without colour.
var glyphShapes = []draw.GlyphDrawer{draw.CircleGlyph{}, draw.PyramidGlyph{}, draw.BoxGlyph{}, draw.TriangleGlyph{}, draw.SquareGlyph{}, draw.CrossGlyph{}}

// classGlyph is the marker of class k.
func classGlyph(k int) draw.GlyphStyle {
	return draw.GlyphStyle{Color: seriesColor(k), Radius: vg.Points(5), Shape: glyphShapes[k%len(glyphShapes)]}
}

// annotate writes "(x, y)" beside each point.
func annotate(p *plot.Plot, x [][]float64) error {
	var xys plotter.XYLabels
	var pts plotter.XYs
	var texts []string
	for _, row := range x {
		pts = append(pts, plotter.XY{X: row[0], Y: row[1]})
		texts = append(texts, fmt.Sprintf("(%s, %s)", strconv.FormatFloat(row[0], 'g', 4, 64), strconv.FormatFloat(row[1], 'g', 4, 64)))
	}
	xys.XYs, xys.Labels = pts, texts
	labels, err := plotter.NewLabels(xys)
	if err != nil {
		return err
	}
	for i := range labels.TextStyle {
		labels.TextStyle[i] = textStyle(vg.Points(9), color.Gray{Y: 60})
	}
	labels.Offset = vg.Point{X: vg.Points(7), Y: vg.Points(4)}
	p.Add(labels)
	return nil
}

// pad widens the axes 15% beyond the points, so that markers and labels at
// the edge stay inside, and 35% above them, leaving the legend a band of
// its own. Points that all share a coordinate get a span of their own
// scale around it.
func pad(p *plot.Plot, x [][]float64) {
	x0, x1, y0, y1 := bounds(x)
	dx, dy := span(x0, x1), span(y0, y1)
	p.X.Min, p.X.Max = x0-0.15*dx, x1+0.15*dx
	p.Y.Min, p.Y.Max = y0-0.15*dy, y1+0.35*dy
}

// span is the extent of [lo, hi], or half the magnitude of lo (at least
// 0.5) when the interval is a single value.
func span(lo, hi float64) float64 {
	if hi > lo {
		return hi - lo
	}
	return math.Max(math.Abs(lo)/2, 0.5)
}

// bounds is the bounding box of the points.
func bounds(x [][]float64) (x0, x1, y0, y1 float64) {
	x0, y0 = math.Inf(1), math.Inf(1)
	x1, y1 = math.Inf(-1), math.Inf(-1)
	for _, row := range x {
		x0, x1 = math.Min(x0, row[0]), math.Max(x1, row[0])
		y0, y1 = math.Min(y0, row[1]), math.Max(y1, row[1])
	}
	return x0, x1, y0, y1
}

// Boundary draws what a model with two inputs has learned: its output over
// a grid covering the points, as a heat map (blue for 0, orange for 1,
// white at 0.5) with the 0.5 contour, and the labelled points on top
// (see [Points] for labels). A model with several outputs colours each
// cell by its predicted class. Options: those of Points, and Resolution.
//
//	nnplot.Boundary(model, xorX, xorY)
func Boundary(m *nnlib.Sequential, x [][]float64, labels any, opts ...Option) *Figure {
	return figureOf(boundary(m, x, labels, opts...))
}

// boundary is Boundary with its error returned.
func boundary(m *nnlib.Sequential, x [][]float64, labels any, opts ...Option) (*Figure, error) {
	if m == nil {
		return nil, errors.New("nnplot: Boundary: nil model")
	}
	s := collect(opts)
	if s.resolution < 2 || s.resolution > 1000 {
		return nil, fmt.Errorf("nnplot: Boundary: resolution %d is not in [2, 1000]", s.resolution)
	}
	underlay := func(p *plot.Plot) error {
		g, err := evaluateGrid(m, p.X.Min, p.X.Max, p.Y.Min, p.Y.Max, s.resolution)
		if err != nil {
			return err
		}
		if g.classes > 1 {
			hm := plotter.NewHeatMap(g, classPalette(g.classes))
			hm.Min, hm.Max, hm.Rasterized = -0.5, float64(g.classes)-0.5, true
			p.Add(hm)
			return nil
		}
		hm := plotter.NewHeatMap(g, divergingPalette{})
		hm.Min, hm.Max, hm.Rasterized = 0, 1, true
		p.Add(hm)
		if g.min < 0.5 && g.max > 0.5 {
			c := plotter.NewContour(g, []float64{0.5}, nil)
			style := draw.LineStyle{Color: color.Gray{Y: 70}, Width: vg.Points(1.2), Dashes: []vg.Length{vg.Points(4), vg.Points(3)}}
			c.LineStyles = []draw.LineStyle{style}
			p.Add(c)
			addLegend(p, "output = 0.5", &plotter.Line{LineStyle: style})
		}
		return nil
	}
	p, err := pointsPanel(x, labels, s, underlay)
	if err != nil {
		return nil, fmt.Errorf("nnplot: Boundary: %w", err)
	}
	return newFigure(560, 460, p), nil
}

// grid is a model's output over a regular grid (plotter.GridXYZ).
type grid struct {
	x0, dx, y0, dy float64
	cols, rows     int
	z              []float64
	classes        int
	min, max       float64
}

func (g *grid) Dims() (c, r int)   { return g.cols, g.rows }
func (g *grid) Z(c, r int) float64 { return g.z[r*g.cols+c] }
func (g *grid) X(c int) float64    { return g.x0 + g.dx*(float64(c)+0.5) }
func (g *grid) Y(r int) float64    { return g.y0 + g.dy*(float64(r)+0.5) }

// evaluateGrid runs the model once over the centres of an n×n grid.
func evaluateGrid(m *nnlib.Sequential, x0, x1, y0, y1 float64, n int) (*grid, error) {
	g := &grid{x0: x0, dx: (x1 - x0) / float64(n), y0: y0, dy: (y1 - y0) / float64(n), cols: n, rows: n}
	in := make([][]float64, 0, n*n)
	for r := range n {
		for c := range n {
			in = append(in, []float64{g.X(c), g.Y(r)})
		}
	}
	out, err := m.Predict(in)
	if err != nil {
		return nil, err
	}
	g.z = make([]float64, len(out))
	g.min, g.max = math.Inf(1), math.Inf(-1)
	for i, row := range out {
		g.classes = len(row)
		v := row[0]
		if len(row) > 1 {
			v = float64(argmax(row))
		}
		g.z[i] = v
		g.min, g.max = math.Min(g.min, v), math.Max(g.max, v)
	}
	return g, nil
}

// divergingPalette runs from light blue (0) through white (0.5) to light
// orange (1): the colours of classes 0 and 1, faded so the points stand
// out.
type divergingPalette struct{}

func (divergingPalette) Colors() []color.Color {
	const steps = 64
	out := make([]color.Color, steps)
	lo, hi := fade(seriesColor(0), 0.4), fade(seriesColor(1), 0.4)
	for i := range out {
		t := float64(i) / (steps - 1)
		if t < 0.5 {
			out[i] = mix(lo, color.RGBA{255, 255, 255, 255}, t*2)
		} else {
			out[i] = mix(color.RGBA{255, 255, 255, 255}, hi, (t-0.5)*2)
		}
	}
	return out
}

// classPaletteColors is the faded colours of n classes.
type classPaletteColors []color.Color

func (c classPaletteColors) Colors() []color.Color { return c }

func classPalette(n int) classPaletteColors {
	out := make(classPaletteColors, n)
	for k := range out {
		out[k] = fade(seriesColor(k), 0.7)
	}
	return out
}

// fade mixes c with white: t=0 keeps c, t=1 gives white.
func fade(c color.RGBA, t float64) color.RGBA { return mix(c, color.RGBA{255, 255, 255, 255}, t) }

// mix interpolates linearly between two opaque colours.
func mix(a, b color.RGBA, t float64) color.RGBA {
	l := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*(1-t) + float64(y)*t)) }
	return color.RGBA{l(a.R, b.R), l(a.G, b.G), l(a.B, b.B), 255}
}
