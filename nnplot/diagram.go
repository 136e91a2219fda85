package nnplot

import (
	"errors"
	"fmt"
	"image/color"
	"strings"

	"github.com/gokernel/gokernel/nnlib"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// maxNeuronsShown is the widest layer drawn neuron by neuron; wider layers
// show their first and last neurons around a gap.
const maxNeuronsShown = 16

// Diagram draws a Sequential model as a network: one column of neurons per
// layer — inputs, hidden layers, outputs — with every connection between
// neighbouring columns, each column labelled with the layer's name, width
// and activation. Layers wider than 16 neurons are drawn as their first and
// last neurons around a gap. The model must know its input width (from
// nnlib.InputDim on the first layer, or after Fit). Options: Title
// (default: the model's name, widths and parameter count).
//
//	nnplot.Diagram(model)
func Diagram(m *nnlib.Sequential, opts ...Option) *Figure {
	return figureOf(diagram(m, opts...))
}

// diagram is Diagram with its error returned.
func diagram(m *nnlib.Sequential, opts ...Option) (*Figure, error) {
	if m == nil {
		return nil, errors.New("nnplot: Diagram: nil model")
	}
	cols, err := modelColumns(m)
	if err != nil {
		return nil, fmt.Errorf("nnplot: Diagram: %w", err)
	}
	widths := make([]string, len(cols))
	for i, c := range cols {
		widths[i] = fmt.Sprint(c.units)
	}
	p := plot.New()
	p.HideAxes()
	p.Title.Text = fmt.Sprintf("%s: %s, %d parameters", m.Name(), strings.Join(widths, "-"), m.CountParams())
	if s := collect(opts); s.title != "" {
		p.Title.Text = s.title
	}
	p.Title.TextStyle.Font.Size = vg.Points(13)
	p.Add(network(cols))
	return newFigure(max(360, 170*len(cols)+40), 420, p), nil
}

// column is one column of the diagram.
type column struct {
	name, detail string
	units        int
	role         int  // roleInput, roleHidden or roleOutput
	shaped       bool // detail says all: class and output shape
}

const (
	roleInput = iota
	roleHidden
	roleOutput
)

// modelColumns turns a model's layers into diagram columns: one per Dense
// layer after the input column; Activation and Dropout layers annotate the
// column before them.
func modelColumns(m *nnlib.Sequential) ([]column, error) {
	if m.InputDim() == 0 {
		return nil, errors.New("the model's input width is unknown; give the first layer nnlib.InputDim(n), or Fit the model first")
	}
	cols := []column{{name: "input", detail: "", units: m.InputDim(), role: roleInput}}
	if in := m.InputShape(); len(in) > 1 {
		cols[0].detail = shapeText(in)
	}
	for _, l := range m.Layers() {
		last := &cols[len(cols)-1]
		switch l := l.(type) {
		case *nnlib.DenseLayer:
			cols = append(cols, column{name: l.Name(), detail: l.Activation(), units: l.Units(), role: roleHidden})
		case *nnlib.ActivationLayer:
			last.detail = l.Activation()
		case *nnlib.DropoutLayer:
			last.detail = strings.TrimSpace(last.detail + fmt.Sprintf(" + dropout %g", l.Rate()))
		case shaped:
			// Convolutions, pooling, reshaping, normalization: a column of
			// the layer's output values, named by its class and shape.
			shape := l.OutputShape()
			if shape == nil {
				return nil, fmt.Errorf("layer %q is not built", l.Name())
			}
			detail := l.ClassName() + " " + shapeText(shape)
			if c, ok := l.(*nnlib.ConvLayer); ok {
				detail += ", " + c.Activation()
			}
			n := 1
			for _, d := range shape {
				n *= d
			}
			cols = append(cols, column{name: l.Name(), detail: detail, units: n, role: roleHidden, shaped: true})
		default:
			return nil, fmt.Errorf("cannot draw layer %q of type %T", l.Name(), l)
		}
	}
	if len(cols) < 2 {
		return nil, errors.New("the model has no Dense layer to draw")
	}
	cols[len(cols)-1].role = roleOutput
	return cols, nil
}

// shaped is a layer that knows its output shape (every nnlib layer).
type shaped interface {
	nnlib.Layer
	OutputShape() []int
}

// shapeText writes a sample's shape as "6×6×16".
func shapeText(shape []int) string {
	parts := make([]string, len(shape))
	for i, d := range shape {
		parts[i] = fmt.Sprint(d)
	}
	return strings.Join(parts, "×")
}

// slots returns the vertical slots of a column: neuron indices, with -1 for
// the gap of a wide layer.
func (c column) slots() []int {
	if c.units <= maxNeuronsShown {
		s := make([]int, c.units)
		for i := range s {
			s[i] = i
		}
		return s
	}
	k := maxNeuronsShown/2 - 1
	s := make([]int, 0, 2*k+1)
	for i := range k {
		s = append(s, i)
	}
	s = append(s, -1)
	for i := c.units - k; i < c.units; i++ {
		s = append(s, i)
	}
	return s
}

// network is the plot.Plotter that draws the columns.
type network []column

var (
	roleStroke = [...]color.Color{gray, palette[0], palette[1]}
	roleFill   = [...]color.Color{
		color.RGBA{240, 240, 240, 255},
		color.RGBA{222, 236, 246, 255},
		color.RGBA{252, 238, 208, 255},
	}
	edgeColor = color.NRGBA{90, 90, 90, 70}
)

// Plot draws the network on the data area of the plot.
func (n network) Plot(c draw.Canvas, _ *plot.Plot) {
	label := textStyle(vg.Points(10.5), color.Black)
	label.XAlign, label.YAlign = draw.XCenter, draw.YTop
	labelHeight := 2*label.Height("Mg") + vg.Points(6)

	top, bottom := c.Max.Y-vg.Points(6), c.Min.Y+labelHeight
	colWidth := (c.Max.X - c.Min.X) / vg.Length(len(n))
	most := 0
	for _, col := range n {
		most = max(most, len(col.slots()))
	}
	step := min((top-bottom)/vg.Length(most), vg.Points(34))
	radius := min(step*0.36, colWidth*0.1, vg.Points(11))
	mid := (top + bottom) / 2

	centres := make([][]vg.Point, len(n))
	for i, col := range n {
		x := c.Min.X + colWidth*(vg.Length(i)+0.5)
		slots := col.slots()
		centres[i] = make([]vg.Point, len(slots))
		for j := range slots {
			y := mid + step*(vg.Length(len(slots)-1)/2-vg.Length(j))
			centres[i][j] = vg.Point{X: x, Y: y}
		}
	}

	// Connections first, so that the neurons cover their ends.
	c.SetLineStyle(draw.LineStyle{Color: edgeColor, Width: vg.Points(0.6)})
	for i := 0; i+1 < len(n); i++ {
		from, to := n[i].slots(), n[i+1].slots()
		for a, sa := range from {
			for b, sb := range to {
				if sa < 0 || sb < 0 {
					continue
				}
				var path vg.Path
				path.Move(centres[i][a])
				path.Line(centres[i+1][b])
				c.Stroke(path)
			}
		}
	}

	for i, col := range n {
		for j, s := range col.slots() {
			pt := centres[i][j]
			if s < 0 {
				drawGap(c, pt, radius)
				continue
			}
			var circle vg.Path
			circle.Move(vg.Point{X: pt.X + radius, Y: pt.Y})
			circle.Arc(pt, radius, 0, 2*3.141592653589793)
			circle.Close()
			c.SetColor(roleFill[col.role])
			c.Fill(circle)
			c.SetLineStyle(draw.LineStyle{Color: roleStroke[col.role], Width: vg.Points(1.2)})
			c.Stroke(circle)
		}
		text := col.name + "\n" + columnDetail(col)
		c.FillText(label, vg.Point{X: centres[i][0].X, Y: bottom - vg.Points(4)}, text)
	}
}

// columnDetail is the second label line of a column: its width and
// activation.
func columnDetail(col column) string {
	if col.shaped {
		return col.detail
	}
	switch col.role {
	case roleInput:
		if col.detail != "" {
			return col.detail + " values"
		}
		if col.units == 1 {
			return "1 value"
		}
		return fmt.Sprintf("%d values", col.units)
	}
	s := fmt.Sprintf("%d × %s", col.units, col.detail)
	if col.units == 1 {
		s = fmt.Sprintf("1 × %s", col.detail)
	}
	return s
}

// drawGap draws the three dots that stand for the neurons a wide layer
// does not show.
func drawGap(c draw.Canvas, pt vg.Point, radius vg.Length) {
	c.SetColor(gray)
	for _, dy := range []vg.Length{-radius * 0.7, 0, radius * 0.7} {
		var dot vg.Path
		centre := vg.Point{X: pt.X, Y: pt.Y + dy}
		r := max(radius*0.12, vg.Points(1))
		dot.Move(vg.Point{X: centre.X + r, Y: centre.Y})
		dot.Arc(centre, r, 0, 2*3.141592653589793)
		dot.Close()
		c.Fill(dot)
	}
}
