package nnplot

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// colorScale maps the values of a [HeatMap] to colours, light to dark,
// and draws itself as a colour bar.
type colorScale struct {
	min, max float64 // of the finite values; min > max when there are none
	missing  bool    // some value is NaN
}

// missingColor is the colour of a NaN cell: a neutral grey that no value
// gets.
var missingColor = color.RGBA{190, 190, 190, 255}

// sequentialStops run from a very light blue through nnplot's blue to a
// dark navy: light for low values, dark for high ones, readable on a
// projector and in grey print.
var sequentialStops = []color.RGBA{
	{240, 246, 251, 255},
	{168, 206, 232, 255},
	{72, 148, 200, 255},
	{0, 98, 160, 255},
	{16, 45, 100, 255},
}

// color is the colour of value v.
func (s colorScale) color(v float64) color.RGBA {
	if math.IsNaN(v) {
		return missingColor
	}
	t := 0.5
	if s.max > s.min {
		t = (v - s.min) / (s.max - s.min)
	}
	return sequential(t)
}

// sequential is the colour at t in [0, 1] of the sequential palette.
func sequential(t float64) color.RGBA {
	t = math.Min(math.Max(t, 0), 1) * float64(len(sequentialStops)-1)
	i := min(int(t), len(sequentialStops)-2)
	return mix(sequentialStops[i], sequentialStops[i+1], t-float64(i))
}

// inkOn is the text colour, black or white, with the higher contrast on
// background c (WCAG's contrast ratio; at least 4.5 whatever c is).
func inkOn(c color.RGBA) color.Color {
	l := luminance(c)
	if (l+0.05)/0.05 >= 1.05/(l+0.05) {
		return color.Black
	}
	return color.White
}

// luminance is the relative luminance of c as WCAG defines it: 0 for
// black, 1 for white.
func luminance(c color.RGBA) float64 {
	linear := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*linear(c.R) + 0.7152*linear(c.G) + 0.0722*linear(c.B)
}

// Colour bar geometry.
var (
	colorBarStrip = vg.Points(78) // the room right of the panel
	colorBarGap   = vg.Points(14) // between the panel and the bar
	colorBarWidth = vg.Points(14)
)

// panelArea is the part of a figure's canvas c left to the panel of a
// heat map: all but the colour bar's strip and a small margin at the left
// and bottom, which keeps the tick labels inside.
func panelArea(c draw.Canvas) draw.Canvas {
	return draw.Crop(c, vg.Points(4), -colorBarStrip, vg.Points(2), 0)
}

// drawBeside draws the colour bar at the right of c, level with the data
// area of p, and returns the rest of c for the panel.
func (s colorScale) drawBeside(c draw.Canvas, p *plot.Plot) draw.Canvas {
	rest := panelArea(c)
	data := p.DataCanvas(rest)
	x0 := rest.Max.X + colorBarGap
	x1 := x0 + colorBarWidth
	y0, y1 := data.Min.Y, data.Max.Y
	label := textStyle(vg.Points(10), color.Gray{Y: 40})
	label.YAlign = draw.YCenter
	edge := draw.LineStyle{Color: color.Gray{Y: 150}, Width: vg.Points(0.5)}
	if s.missing {
		// A swatch for missing values below the bar.
		side := colorBarWidth
		c.FillPolygon(missingColor, box(x0, y0, x1, y0+side))
		c.StrokeLines(edge, append(box(x0, y0, x1, y0+side), vg.Point{X: x0, Y: y0}))
		dash := textStyle(vg.Points(10), inkOn(missingColor))
		dash.XAlign, dash.YAlign = draw.XCenter, draw.YCenter
		c.FillText(dash, vg.Point{X: (x0 + x1) / 2, Y: y0 + side/2}, "–")
		c.FillText(label, vg.Point{X: x1 + vg.Points(4), Y: y0 + side/2}, "no value")
		y0 += side + vg.Points(16)
	}
	if s.min > s.max || y1-y0 < vg.Points(20) {
		return rest // no finite value, or no room
	}
	const bands = 64
	for i := range bands {
		lo := y0 + (y1-y0)*vg.Length(i)/bands
		hi := y0 + (y1-y0)*vg.Length(i+1)/bands + vg.Points(0.3) // overlap: no seams
		c.FillPolygon(sequential((float64(i)+0.5)/bands), box(x0, lo, x1, min(hi, y1)))
	}
	c.StrokeLines(edge, append(box(x0, y0, x1, y1), vg.Point{X: x0, Y: y0}))
	if !(s.max > s.min) {
		c.FillText(label, vg.Point{X: x1 + vg.Points(4), Y: (y0 + y1) / 2}, cellText(s.min))
		return rest
	}
	at := func(v float64) vg.Length { return y0 + (y1-y0)*vg.Length((v-s.min)/(s.max-s.min)) }
	tick := draw.LineStyle{Color: color.Gray{Y: 40}, Width: vg.Points(0.8)}
	for _, t := range (roundTicks{}).Ticks(s.min, s.max) {
		y := at(t.Value)
		c.StrokeLine2(tick, x1, y, x1+vg.Points(3), y)
		c.FillText(label, vg.Point{X: x1 + vg.Points(5), Y: y}, t.Label)
	}
	return rest
}

// box is the corners of a rectangle, counter-clockwise.
func box(x0, y0, x1, y1 vg.Length) []vg.Point {
	return []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}
}
