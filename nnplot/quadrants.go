package nnplot

import (
	"fmt"
	"image/color"
	"math"
	"strconv"

	"github.com/gokernel/gokernel/display"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// dividers draws the dashed lines of [Quadrants] across the whole data
// area; it has no data range of its own, so it never widens the axes.
type dividers struct {
	x, y  float64
	style draw.LineStyle
}

// quadrantStyle is the look of the dividing lines: dark grey, dashed, thin
// enough to leave the points in front.
var quadrantStyle = draw.LineStyle{Color: color.Gray{Y: 90}, Width: vg.Points(1.2), Dashes: []vg.Length{vg.Points(6), vg.Points(4)}}

// Plot implements plot.Plotter.
func (d dividers) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	x, y := trX(d.x), trY(d.y)
	c.StrokeLine2(d.style, x, c.Min.Y, x, c.Max.Y)
	c.StrokeLine2(d.style, c.Min.X, y, c.Max.X, y)
}

// checkQuadrants checks the dividing lines of s, if any.
func checkQuadrants(s settings) error {
	if s.quadrants && (!finite(s.quadX) || !finite(s.quadY)) {
		return fmt.Errorf("Quadrants(%v, %v): the lines must be finite", s.quadX, s.quadY)
	}
	return nil
}

// roundTicks labels an axis with 3–7 round values (multiples of 1, 2 or 5
// times a power of ten) printed compactly: 25, 50000, 0.2 rather than
// 25.00, 5e+04, 0.20.
type roundTicks struct{}

// Ticks implements plot.Ticker.
func (roundTicks) Ticks(lo, hi float64) []plot.Tick {
	span := hi - lo
	if !(span > 0) || !finite(span) {
		return nil
	}
	// The largest round step that leaves at least three ticks.
	step := math.Pow(10, math.Ceil(math.Log10(span)))
	for i := 0; math.Floor(hi/step)-math.Ceil(lo/step)+1 < 3 && i < 12; i++ {
		switch m := step / math.Pow(10, math.Floor(math.Log10(step)+1e-9)); {
		case m > 4.5: // 5 → 2
			step *= 0.4
		default: // 1 → 0.5, 2 → 1
			step *= 0.5
		}
	}
	var ticks []plot.Tick
	for k := math.Ceil(lo / step); k <= math.Floor(hi/step); k++ {
		// Round away the binary noise of k·step (0.6000000000000001).
		v, _ := strconv.ParseFloat(strconv.FormatFloat(k*step, 'g', 12, 64), 64)
		ticks = append(ticks, plot.Tick{Value: v, Label: display.FormatFloat(v, 64)})
	}
	return ticks
}
