package nnplot

import (
	"image/color"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// palette is the series colours: the colour-blind-friendly Okabe–Ito set
// (its yellow, too faint on white, replaced by a dark purple), blue and
// orange first as in Keras tutorials' train/validation curves.
var palette = []color.RGBA{
	{0, 114, 178, 255},   // blue
	{230, 159, 0, 255},   // orange
	{0, 158, 115, 255},   // bluish green
	{204, 121, 167, 255}, // reddish purple
	{86, 180, 233, 255},  // sky blue
	{213, 94, 0, 255},    // vermillion
	{110, 70, 150, 255},  // dark purple
	{0, 0, 0, 255},       // black
}

// seriesColor returns the colour of the i-th series.
func seriesColor(i int) color.RGBA { return palette[i%len(palette)] }

var (
	gray      = color.RGBA{120, 120, 120, 255}
	lightGray = color.RGBA{225, 225, 225, 255}
)

// newPanel returns a plot with nnplot's common look: a title, axis labels
// with round tick values, a light grid behind the data.
func newPanel(title, xLabel, yLabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font.Size = vg.Points(13)
	p.X.Label.Text = xLabel
	p.Y.Label.Text = yLabel
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font.Size = vg.Points(11)
		a.Tick.Label.Font.Size = vg.Points(10)
		a.Tick.Marker = roundTicks{}
	}
	grid := plotter.NewGrid()
	grid.Vertical.Color = lightGray
	grid.Horizontal.Color = lightGray
	p.Add(grid)
	p.Legend.TextStyle.Font.Size = vg.Points(10)
	p.Legend.Padding = vg.Points(2)
	return p
}

// lineStyle is a solid line of colour c; dashed for validation series.
func lineStyle(c color.Color, dashed bool) draw.LineStyle {
	s := draw.LineStyle{Color: c, Width: vg.Points(1.6)}
	if dashed {
		s.Dashes = []vg.Length{vg.Points(5), vg.Points(3)}
	}
	return s
}

// textStyle is a label style of the given size and colour.
func textStyle(size vg.Length, c color.Color) draw.TextStyle {
	return draw.TextStyle{
		Color:   c,
		Font:    font.From(plot.DefaultFont, size),
		Handler: plot.DefaultTextHandler,
	}
}

// pretty turns a Keras log key into a title: "binary_accuracy" becomes
// "binary accuracy".
func pretty(key string) string { return strings.ReplaceAll(key, "_", " ") }

// addLegend adds a legend entry to p whose row has a white background, so
// that curves and marker lines running under the legend do not cross its
// text.
func addLegend(p *plot.Plot, name string, thumbs ...plot.Thumbnailer) {
	p.Legend.Add(name, append([]plot.Thumbnailer{legendBackdrop{legend: &p.Legend, name: name}}, thumbs...)...)
}

// legendBackdrop is a legend thumbnail that paints the background of its
// entry's row, thumbnail and text. As the first thumbnail of the entry it
// is drawn before the others and the text; the rows, padding included,
// do not overlap, so no backdrop covers another row's text.
type legendBackdrop struct {
	legend *plot.Legend
	name   string
}

// Thumbnail implements plot.Thumbnailer; c is the thumbnail's area.
func (b legendBackdrop) Thumbnail(c *draw.Canvas) {
	margin := vg.Points(2)
	text := b.legend.TextStyle.Rectangle(" " + b.name).Max.X
	x0, x1 := c.Min.X-text-margin, c.Max.X+margin
	if b.legend.Left {
		x0, x1 = c.Min.X-margin, c.Max.X+text+margin
	}
	y0, y1 := c.Min.Y-b.legend.Padding, c.Max.Y
	c.FillPolygon(color.White, []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}})
}
