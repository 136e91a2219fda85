package display

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Drawer is anything that draws itself on a gonum/plot canvas: a
// *plot.Plot, or a figure made of several plots.
type Drawer interface {
	Draw(c draw.Canvas)
}

// Default picture geometry: the displayed size in CSS pixels and the number
// of image pixels per CSS pixel (2 keeps pictures sharp on high-DPI screens).
const (
	DefaultWidth  = 600
	DefaultHeight = 400
	DefaultScale  = 2
)

// maxSide bounds a picture's side in image pixels, so that a typo in a size
// does not allocate gigabytes.
const maxSide = 16384

// PlotOption adjusts how [Plot] renders a picture.
type PlotOption func(*plotSettings)

type plotSettings struct {
	width, height int
	scale         float64
	svg           bool
}

// Size sets the displayed size of a picture in CSS pixels (default 600×400).
// Text and lines keep their size in points, so a larger picture has more
// room rather than bigger letters.
func Size(width, height int) PlotOption {
	return func(s *plotSettings) { s.width, s.height = width, height }
}

// Scale sets how many image pixels a PNG has per CSS pixel (default 2, for
// high-DPI screens; 1 halves the size of the PNG).
func Scale(scale float64) PlotOption {
	return func(s *plotSettings) { s.scale = scale }
}

// AsSVG renders the picture as SVG instead of PNG: sharp at any zoom and
// cheap to produce, but heavy for pictures with very many marks, and
// Jupyter frontends render SVG only in trusted notebooks (a reopened
// notebook that was executed elsewhere shows the text fallback).
func AsSVG() PlotOption {
	return func(s *plotSettings) { s.svg = true }
}

func (s plotSettings) validate() error {
	if s.width <= 0 || s.height <= 0 {
		return fmt.Errorf("display: Plot: size %dx%d: width and height must be positive", s.width, s.height)
	}
	if !(s.scale > 0) || math.IsInf(s.scale, 0) {
		return fmt.Errorf("display: Plot: scale %v must be positive", s.scale)
	}
	if float64(s.width)*s.scale > maxSide || float64(s.height)*s.scale > maxSide {
		return fmt.Errorf("display: Plot: %dx%d at scale %v exceeds %d pixels a side", s.width, s.height, s.scale, maxSide)
	}
	return nil
}

// Plot renders d — typically a *plot.Plot — as a PNG (or SVG with
// [AsSVG]) bundle of the requested size. The PNG is drawn at [DefaultScale]
// times the displayed size and carries width/height metadata, so it stays
// sharp on high-DPI screens.
func Plot(d Drawer, opts ...PlotOption) Bundle {
	if isNil(d) {
		return Failed(errors.New("display: Plot: nil plot"))
	}
	s := plotSettings{width: DefaultWidth, height: DefaultHeight, scale: DefaultScale}
	for _, opt := range opts {
		if opt != nil {
			opt(&s)
		}
	}
	if err := s.validate(); err != nil {
		return Failed(err)
	}
	text := plotText(d, s)
	if s.svg {
		svg, err := renderSVG(d, s)
		if err != nil {
			return Failed(err)
		}
		return Bundle{Data: map[string]any{MIMESVG: svg, MIMEText: text}}
	}
	b, err := renderPNG(d, s)
	if err != nil {
		return Failed(err)
	}
	out := imageBundle(MIMEPNG, b, s.width, s.height).WithSize(s.width, s.height)
	out.Data[MIMEText] = text
	return out
}

// cssPixel is the length of a CSS pixel (1/96 inch) in points.
const cssPixel = vg.Inch / 96

// renderPNG draws d on a raster canvas and encodes it.
func renderPNG(d Drawer, s plotSettings) (b []byte, err error) {
	defer recoverDraw(&err)
	dpi := int(math.Round(96 * s.scale))
	c := vgimg.NewWith(
		vgimg.UseWH(vg.Length(s.width)*cssPixel, vg.Length(s.height)*cssPixel),
		vgimg.UseDPI(dpi),
	)
	d.Draw(draw.New(&blankWhite{Canvas: c}))
	if img, ok := c.Image().(*image.RGBA); ok {
		return encodeOpaqueRGBA(img) // the canvas starts white: always opaque
	}
	return encodePNG(c.Image())
}

// blankWhite is a raster canvas that starts white and skips fills in
// opaque white until something else has been drawn: they change nothing,
// and a plot's background fill would otherwise rasterise the whole
// picture once more (a third of the time of a simple plot).
type blankWhite struct {
	*vgimg.Canvas
	color color.Color
	drawn bool
}

func (c *blankWhite) SetColor(col color.Color) {
	c.color = col
	c.Canvas.SetColor(col)
}

func (c *blankWhite) Fill(p vg.Path) {
	if !c.drawn && c.color != nil {
		if r, g, b, a := c.color.RGBA(); r == 0xffff && g == 0xffff && b == 0xffff && a == 0xffff {
			return
		}
	}
	c.drawn = true
	c.Canvas.Fill(p)
}

func (c *blankWhite) Stroke(p vg.Path) {
	c.drawn = true
	c.Canvas.Stroke(p)
}

func (c *blankWhite) FillString(f font.Face, pt vg.Point, text string) {
	c.drawn = true
	c.Canvas.FillString(f, pt, text)
}

func (c *blankWhite) DrawImage(r vg.Rectangle, img image.Image) {
	c.drawn = true
	c.Canvas.DrawImage(r, img)
}

// renderSVG draws d on an SVG canvas.
func renderSVG(d Drawer, s plotSettings) (svg string, err error) {
	defer recoverDraw(&err)
	c := vgsvg.New(vg.Length(s.width)*cssPixel, vg.Length(s.height)*cssPixel)
	d.Draw(draw.New(c))
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return "", fmt.Errorf("display: Plot: %w", err)
	}
	return buf.String(), nil
}

// recoverDraw turns a panic while drawing (gonum/plot panics on, for
// example, a logarithmic axis over non-positive values) into an error.
func recoverDraw(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("display: Plot: drawing failed: %v", r)
	}
}

// plotText is the text fallback of a picture.
func plotText(d Drawer, s plotSettings) string {
	if p, ok := d.(*plot.Plot); ok && p.Title.Text != "" {
		return fmt.Sprintf("<plot %q %dx%d>", p.Title.Text, s.width, s.height)
	}
	return fmt.Sprintf("<plot %dx%d>", s.width, s.height)
}
