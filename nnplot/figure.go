package nnplot

import (
	"errors"
	"fmt"
	"image/color"
	stddraw "image/draw"

	"github.com/gokernel/gokernel/display"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Figure is a picture made of one or more gonum plots laid out in a grid.
// Every nnplot function returns one. It shows itself in a notebook (it is
// a display.Renderer: the last expression of a cell, or display.Show(f)),
// and its panels are ordinary *plot.Plot values that can be adjusted with
// gonum/plot's API before showing it.
//
// A Figure that could not be made (an empty history, a model without an
// input width, ...) carries the error instead of panels, so that every
// picture stays a one-liner in a cell: [Figure.Err] reports it,
// display.Show returns it, and as the value of a cell it shows its text.
//
// Drawing a Figure briefly changes its panels (their background), so one
// Figure must not be drawn from two goroutines at once.
type Figure struct {
	// Panels are the plots, row by row.
	Panels []*plot.Plot
	// Columns is the number of panels per row; 0 puts all in one row.
	Columns int
	// Width and Height are the displayed size in CSS pixels.
	Width, Height int

	colorBar *colorScale // drawn at the right of the panels when set (HeatMap)
	err      error
}

// figureOf turns the result of a picture function into a Figure, failed
// when err is set.
func figureOf(f *Figure, err error) *Figure {
	if err != nil {
		return &Figure{err: err}
	}
	return f
}

// Err reports why the figure could not be made, or nil.
func (f *Figure) Err() error {
	if f == nil {
		return errors.New("nnplot: nil figure")
	}
	return f.err
}

// newFigure returns a figure of the given panels laid out in one row.
func newFigure(width, height int, panels ...*plot.Plot) *Figure {
	return &Figure{Panels: panels, Width: width, Height: height}
}

// grid returns the number of columns and rows of the layout.
func (f *Figure) grid() (cols, rows int) {
	n := len(f.Panels)
	cols = f.Columns
	if cols <= 0 || cols > n {
		cols = n
	}
	if cols == 0 {
		return 0, 0
	}
	return cols, (n + cols - 1) / cols
}

// Draw draws the panels on c, with their axes aligned. It makes a Figure a
// display.Drawer.
func (f *Figure) Draw(c draw.Canvas) {
	if f.Err() != nil {
		return
	}
	cols, rows := f.grid()
	if cols == 0 {
		return
	}
	if _, raster := c.Canvas.(interface{ Image() stddraw.Image }); raster {
		// A raster canvas (vgimg's, as display draws on) starts white;
		// filling each panel's white background again would rasterise
		// the whole picture once more.
		for _, p := range f.Panels {
			if p.BackgroundColor == color.White {
				p.BackgroundColor = nil
				defer func() { p.BackgroundColor = color.White }()
			}
		}
	}
	c = f.margins(c)
	if f.colorBar != nil {
		c = f.colorBar.drawBeside(c, f.Panels[0])
	}
	if len(f.Panels) == 1 {
		f.Panels[0].Draw(c)
		return
	}
	grid := make([][]*plot.Plot, rows)
	for r := range grid {
		grid[r] = make([]*plot.Plot, cols)
		for col := range cols {
			if i := r*cols + col; i < len(f.Panels) {
				grid[r][col] = f.Panels[i]
			} else {
				grid[r][col] = plot.New() // filler for an incomplete last row
				grid[r][col].HideAxes()
			}
		}
	}
	tiles := draw.Tiles{Rows: rows, Cols: cols, PadX: vg.Points(18), PadY: vg.Points(18),
		PadTop: vg.Points(4), PadBottom: vg.Points(4), PadLeft: vg.Points(4), PadRight: vg.Points(8)}
	canvases := plot.Align(grid, tiles, c)
	for r := range grid {
		for col := range cols {
			if r*cols+col < len(f.Panels) {
				grid[r][col].Draw(canvases[r][col])
			}
		}
	}
}

// margins is the part of c the figure draws on: for a single panel, all
// but a small margin at the top and the left, where the title, the top
// tick label, the legend and the y tick labels would touch the edge (a
// grid of panels has the margins of its tiles).
func (f *Figure) margins(c draw.Canvas) draw.Canvas {
	if len(f.Panels) == 1 {
		return draw.Crop(c, vg.Points(4), 0, 0, -vg.Points(6))
	}
	return c
}

// Bundle renders the figure at its size as a display.Bundle; options such
// as display.AsSVG() or display.Size(w, h) override the defaults.
func (f *Figure) Bundle(opts ...display.PlotOption) display.Bundle {
	if err := f.Err(); err != nil {
		return display.Failed(err)
	}
	all := append([]display.PlotOption{display.Size(f.Width, f.Height)}, opts...)
	b := display.Plot(f, all...)
	if b.Err() == nil {
		b.Data[display.MIMEText] = f.String()
	}
	return b
}

// MIMEBundle renders the figure as a PNG at its size; it makes a Figure a
// display.Renderer.
func (f *Figure) MIMEBundle() (data, metadata map[string]any) {
	return f.Bundle().MIMEBundle()
}

// String describes the figure by its panel titles.
func (f *Figure) String() string {
	if err := f.Err(); err != nil {
		return err.Error()
	}
	s := fmt.Sprintf("<figure %dx%d", f.Width, f.Height)
	for _, p := range f.Panels {
		if p.Title.Text != "" {
			s += fmt.Sprintf(" %q", p.Title.Text)
		}
	}
	return s + ">"
}
