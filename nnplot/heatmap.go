package nnplot

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// maxHeatCells bounds the size of a [HeatMap]: beyond it the numbers in
// the cells could not be read anyway.
const maxHeatCells = 10000

// HeatMap draws a grid of numbers as coloured cells, like a table whose
// cells are shaded by value: values[r][c] is row r (drawn from the top,
// labelled rowLabels[r] on the y axis) and column c (labelled
// colLabels[c] on the x axis). Each cell shows its value, in black or
// white to stay readable on its colour; light cells are low values, dark
// blue ones high, and a colour bar beside the grid gives the scale. NaN
// marks a missing value (a setting whose run never reached its goal): a
// grey cell with "–", explained by a "no value" swatch under the colour
// bar. nil labels number the rows or columns from 1.
// Options: Title, and Axes(x, y) naming the columns and the rows.
//
// Ragged rows, a label count that differs from the grid's, an infinite
// value or an empty grid give a Figure carrying the error.
//
//	nnplot.HeatMap([]string{"1", "2"}, []string{"4", "8", "16"}, medians,
//		nnplot.Axes("neurons per layer", "hidden layers"),
//		nnplot.Title("median epochs to 100% accuracy"))
func HeatMap(rowLabels, colLabels []string, values [][]float64, opts ...Option) *Figure {
	return figureOf(heatMap(rowLabels, colLabels, values, opts...))
}

// heatMap is HeatMap with its error returned.
func heatMap(rowLabels, colLabels []string, values [][]float64, opts ...Option) (*Figure, error) {
	h, err := newHeatCells(rowLabels, colLabels, values)
	if err != nil {
		return nil, fmt.Errorf("nnplot: HeatMap: %w", err)
	}
	s := collect(opts)
	p := plot.New()
	p.Title.Text = s.title
	p.Title.TextStyle.Font.Size = vg.Points(13)
	p.Title.Padding = vg.Points(8)
	p.X.Label.Text, p.Y.Label.Text = s.xLabel, s.yLabel
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font.Size = vg.Points(11)
		a.Tick.Label.Font.Size = vg.Points(11)
		a.LineStyle.Width = 0
		a.Tick.LineStyle.Width = 0
		a.Tick.Length = vg.Points(2)
		a.Padding = 0
	}
	p.X.Tick.Marker = labelTicks(h.colLabels)
	p.Y.Tick.Marker = labelTicks(reversed(h.rowLabels))
	p.Add(h)
	width := min(max(130+90*h.cols+110, 420), 980)
	height := min(max(100+56*h.rows, 260), 720)
	f := newFigure(width, height, p)
	f.colorBar = &h.scale
	return f, nil
}

// heatCells is the plotter of a heat map: the cells, their values, and the
// colour scale they share.
type heatCells struct {
	values               [][]float64
	rows, cols           int
	rowLabels, colLabels []string
	scale                colorScale
}

// newHeatCells checks the grid and its labels and finds the value range.
func newHeatCells(rowLabels, colLabels []string, values [][]float64) (*heatCells, error) {
	if len(values) == 0 || len(values[0]) == 0 {
		return nil, errors.New("no values")
	}
	h := &heatCells{values: values, rows: len(values), cols: len(values[0])}
	if h.rows*h.cols > maxHeatCells {
		return nil, fmt.Errorf("%d×%d cells; at most %d can be drawn", h.rows, h.cols, maxHeatCells)
	}
	h.scale = colorScale{min: math.Inf(1), max: math.Inf(-1)}
	for r, row := range values {
		if len(row) != h.cols {
			return nil, fmt.Errorf("row %d has %d values, row 0 has %d", r, len(row), h.cols)
		}
		for c, v := range row {
			switch {
			case math.IsInf(v, 0):
				return nil, fmt.Errorf("values[%d][%d] is %v; use NaN for a missing value", r, c, v)
			case math.IsNaN(v):
				h.scale.missing = true
			default:
				h.scale.min, h.scale.max = math.Min(h.scale.min, v), math.Max(h.scale.max, v)
			}
		}
	}
	var err error
	if h.rowLabels, err = labelsFor("row", rowLabels, h.rows); err != nil {
		return nil, err
	}
	if h.colLabels, err = labelsFor("column", colLabels, h.cols); err != nil {
		return nil, err
	}
	return h, nil
}

// labelsFor returns the labels of n rows or columns: the given ones, or
// 1…n when there are none.
func labelsFor(what string, labels []string, n int) ([]string, error) {
	if labels == nil {
		labels = make([]string, n)
		for i := range labels {
			labels[i] = strconv.Itoa(i + 1)
		}
	}
	if len(labels) != n {
		return nil, fmt.Errorf("%d %s labels for %d %ss", len(labels), what, n, what)
	}
	return labels, nil
}

// reversed returns a reversed copy of s.
func reversed(s []string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[len(s)-1-i] = v
	}
	return out
}

// DataRange implements plot.DataRanger: cell (r, c) is centred on x = c
// and y = rows-1-r, so that row 0 is at the top.
func (h *heatCells) DataRange() (xmin, xmax, ymin, ymax float64) {
	return -0.5, float64(h.cols) - 0.5, -0.5, float64(h.rows) - 0.5
}

// Plot implements plot.Plotter.
func (h *heatCells) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	gap := vg.Points(1) // white lines between the cells
	cellWidth := trX(1) - trX(0)
	for r, row := range h.values {
		y := float64(h.rows - 1 - r)
		for col, v := range row {
			x := float64(col)
			x0, x1 := trX(x-0.5)+gap, trX(x+0.5)-gap
			y0, y1 := trY(y-0.5)+gap, trY(y+0.5)-gap
			fill := h.scale.color(v)
			c.FillPolygon(fill, []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}})
			text := cellText(v)
			sty := fitText(text, cellWidth-vg.Points(6), inkOn(fill))
			if sty.Font.Size == 0 {
				continue // the cell is too small for its number
			}
			c.FillText(sty, vg.Point{X: (x0 + x1) / 2, Y: (y0 + y1) / 2}, text)
		}
	}
}

// cellText prints a cell's value briefly: whole numbers in full, others
// with three significant digits (without an exponent from 1 up), NaN as
// a dash.
func cellText(v float64) string {
	switch {
	case math.IsNaN(v):
		return "–"
	case v == math.Trunc(v) && math.Abs(v) < 1e7:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case math.Abs(v) >= 100:
		return strconv.FormatFloat(math.Round(v), 'f', 0, 64) // 236.5 → 237, as people round
	case math.Abs(v) >= 1:
		return strconv.FormatFloat(v, 'f', 2-int(math.Floor(math.Log10(math.Abs(v)))), 64)
	}
	return strconv.FormatFloat(v, 'g', 3, 64)
}

// fitText returns a centred text style of colour c in which text fits in
// width: 14 points (to be read from the back of a classroom), smaller for
// long numbers down to 7; a zero font size when even that does not fit.
func fitText(text string, width vg.Length, c color.Color) draw.TextStyle {
	for size := 14.0; size >= 7; size-- {
		sty := textStyle(vg.Points(size), c)
		sty.XAlign, sty.YAlign = draw.XCenter, draw.YCenter
		if sty.Width(text) <= width {
			return sty
		}
	}
	return draw.TextStyle{}
}

// labelTicks puts the i-th label at i: the row or column labels of a heat
// map.
type labelTicks []string

// Ticks implements plot.Ticker.
func (l labelTicks) Ticks(lo, hi float64) []plot.Tick {
	ticks := make([]plot.Tick, len(l))
	for i, s := range l {
		ticks[i] = plot.Tick{Value: float64(i), Label: s}
	}
	return ticks
}
