package nnplot

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"strconv"

	"github.com/gokernel/gokernel/nnlib"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// maxImages bounds the pictures of one [Images] figure.
const maxImages = 200

// Images draws small greyscale images in a grid, each with its caption
// above it (nil captions: none): images[i] holds one image of height×width
// values row by row (a row of x for a model with Input(height, width, 1)).
// Each image is scaled from its own lowest value (white) to its highest
// (black), as handwriting on paper. Options: Title, and Columns (default
// 10 per row).
//
//	nnplot.Images(x[:20], 8, 8, captions)
func Images(images [][]float64, height, width int, captions []string, opts ...Option) *Figure {
	return figureOf(imageGrid(images, height, width, captions, false, opts))
}

// Columns sets the number of pictures per row of [Images] and [Filters].
func Columns(n int) Option {
	return func(s *settings) { s.columns = n }
}

func imageGrid(images [][]float64, height, width int, captions []string, diverging bool, opts []Option) (*Figure, error) {
	if len(images) == 0 {
		return nil, errors.New("nnplot: Images: no images")
	}
	if len(images) > maxImages {
		return nil, fmt.Errorf("nnplot: Images: %d images; at most %d can be drawn in one figure", len(images), maxImages)
	}
	if height <= 0 || width <= 0 || height*width > 4096 {
		return nil, fmt.Errorf("nnplot: Images: image size %d×%d must be positive and at most 4096 pixels", height, width)
	}
	if captions != nil && len(captions) != len(images) {
		return nil, fmt.Errorf("nnplot: Images: %d captions for %d images", len(captions), len(images))
	}
	s := collect(opts)
	cols := s.columns
	if cols <= 0 {
		cols = 10
	}
	cols = min(cols, len(images))
	f := &Figure{Columns: cols}
	for i, img := range images {
		if len(img) != height*width {
			return nil, fmt.Errorf("nnplot: Images: image %d has %d values, want %d×%d = %d", i, len(img), height, width, height*width)
		}
		for _, v := range img {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("nnplot: Images: image %d contains %v", i, v)
			}
		}
		p := plot.New()
		p.HideAxes()
		if captions != nil {
			p.Title.Text = captions[i]
			p.Title.TextStyle.Font.Size = vg.Points(10)
			p.Title.Padding = vg.Points(2)
		}
		p.Add(&pixels{values: img, rows: height, cols: width, diverging: diverging})
		f.Panels = append(f.Panels, p)
	}
	if s.title != "" && len(f.Panels) > 0 {
		// The figure's title goes above the first panel's caption.
		first := f.Panels[0]
		if first.Title.Text != "" {
			first.Title.Text = s.title + "\n" + first.Title.Text
		} else {
			first.Title.Text = s.title
		}
	}
	rows := (len(images) + cols - 1) / cols
	cell := 64
	if captions != nil {
		cell = 80
	}
	f.Width = min(max(cols*72, 200), 980)
	f.Height = min(rows*cell+20, 2000)
	return f, nil
}

// pixels is a plotter of one image: a rows×cols grid of square cells.
type pixels struct {
	values     []float64
	rows, cols int
	// diverging shades negative values red and positive ones blue around
	// a white zero (convolution filters); otherwise white to black.
	diverging bool
}

// DataRange implements plot.DataRanger.
func (px *pixels) DataRange() (xmin, xmax, ymin, ymax float64) {
	side := float64(max(px.rows, px.cols))
	return 0, side, 0, side
}

// Plot implements plot.Plotter. The pixels are square, the image
// centred in the panel whatever the panel's shape.
func (px *pixels) Plot(c draw.Canvas, p *plot.Plot) {
	w, h := c.Max.X-c.Min.X, c.Max.Y-c.Min.Y
	cell := min(w/vg.Length(px.cols), h/vg.Length(px.rows))
	left := c.Min.X + (w-cell*vg.Length(px.cols))/2
	bottom := c.Min.Y + (h-cell*vg.Length(px.rows))/2
	trX := func(x float64) vg.Length { return left + cell*vg.Length(x) }
	trY := func(y float64) vg.Length { return bottom + cell*vg.Length(y) }
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range px.values {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	absMax := math.Max(math.Abs(lo), math.Abs(hi))
	for r := 0; r < px.rows; r++ {
		for col := 0; col < px.cols; col++ {
			v := px.values[r*px.cols+col]
			var fill color.Color
			if px.diverging {
				t := 0.0
				if absMax > 0 {
					t = v / absMax
				}
				fill = divergingColor(t)
			} else {
				t := 0.0
				if hi > lo {
					t = (v - lo) / (hi - lo)
				}
				g := uint8(math.Round(255 * (1 - t)))
				fill = color.Gray{Y: g}
			}
			y := float64(px.rows - 1 - r)
			x0, x1 := trX(float64(col)), trX(float64(col+1))
			y0, y1 := trY(y), trY(y+1)
			c.FillPolygon(fill, []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}})
		}
	}
}

// divergingColor maps t in [-1, 1] to red (negative), white (0) and blue
// (positive).
func divergingColor(t float64) color.Color {
	t = math.Max(-1, math.Min(1, t))
	if t < 0 {
		k := uint8(math.Round(255 * (1 + t)))
		return color.RGBA{R: 200 + uint8(math.Round(55*(1+t))), G: k, B: k, A: 255}
	}
	k := uint8(math.Round(255 * (1 - t)))
	return color.RGBA{R: k, G: k + uint8(math.Round(float64(255-k)*0.25)), B: 200 + uint8(math.Round(55*(1-t))), A: 255}
}

// Filters draws what a convolution learned: each filter of a Conv2D
// layer as a small picture of its kernel weights (for the first input
// channel, or averaged over the channels), red for negative, blue for
// positive, white for zero. Options: Title, Columns.
//
//	nnplot.Filters(conv)
func Filters(layer *nnlib.ConvLayer, opts ...Option) *Figure {
	return figureOf(filters(layer, opts))
}

func filters(layer *nnlib.ConvLayer, opts []Option) (*Figure, error) {
	if layer == nil {
		return nil, errors.New("nnplot: Filters: nil layer")
	}
	shape := layer.KernelShape()
	if len(shape) != 4 {
		return nil, fmt.Errorf("nnplot: Filters: layer %q is not a built Conv2D layer (kernel shape %v); build the model first", layer.Name(), shape)
	}
	kh, kw, in, nf := shape[0], shape[1], shape[2], shape[3]
	k := layer.Kernel()
	images := make([][]float64, nf)
	captions := make([]string, nf)
	for f := range images {
		img := make([]float64, kh*kw)
		for i := 0; i < kh*kw; i++ {
			for ch := 0; ch < in; ch++ {
				img[i] += k[(i*in+ch)*nf+f] / float64(in)
			}
		}
		images[f] = img
		captions[f] = "filter " + strconv.Itoa(f+1)
	}
	if s := collect(opts); s.columns == 0 {
		opts = append(opts, Columns(8))
	}
	return imageGrid(images, kh, kw, captions, true, opts)
}

// ConfusionMatrix draws how often each true class (rows) was predicted
// as each class (columns), as a heat map with the counts in the cells:
// the diagonal holds the right answers. classes names the classes 0, 1,
// ...; nil numbers them from 0. Options: Title.
//
//	nnplot.ConfusionMatrix(yTest, predicted, nil)
func ConfusionMatrix(trueLabels, predicted []int, classes []string, opts ...Option) *Figure {
	return figureOf(confusionMatrix(trueLabels, predicted, classes, opts))
}

func confusionMatrix(trueLabels, predicted []int, classes []string, opts []Option) (*Figure, error) {
	classes, counts, err := confusionCounts(trueLabels, predicted, classes)
	if err != nil {
		return nil, fmt.Errorf("nnplot: ConfusionMatrix: %w", err)
	}
	s := collect(opts)
	title := s.title
	if title == "" {
		title = "confusion matrix"
	}
	f, err := heatMap(classes, classes, counts, Axes("predicted", "true"), Title(title))
	if err != nil {
		return nil, fmt.Errorf("nnplot: ConfusionMatrix: %w", err)
	}
	return f, nil
}

// confusionCounts counts[t][p]: how often true class t was predicted as p.
func confusionCounts(trueLabels, predicted []int, classes []string) ([]string, [][]float64, error) {
	if len(trueLabels) == 0 || len(trueLabels) != len(predicted) {
		return nil, nil, fmt.Errorf("%d true labels and %d predictions; they must be as many, and not none", len(trueLabels), len(predicted))
	}
	n := len(classes)
	if classes == nil {
		for _, v := range append(append([]int(nil), trueLabels...), predicted...) {
			n = max(n, v+1)
		}
		classes = make([]string, n)
		for i := range classes {
			classes[i] = strconv.Itoa(i)
		}
	}
	if n > 100 {
		return nil, nil, fmt.Errorf("%d classes; at most 100 can be drawn", n)
	}
	counts := make([][]float64, n)
	for i := range counts {
		counts[i] = make([]float64, n)
	}
	for i, t := range trueLabels {
		p := predicted[i]
		if t < 0 || t >= n || p < 0 || p >= n {
			return nil, nil, fmt.Errorf("label %d or prediction %d at index %d is not a class in [0, %d)", t, p, i, n)
		}
		counts[t][p]++
	}
	return classes, counts, nil
}
