package display_test

import (
	"fmt"
	"math"

	"github.com/gokernel/gokernel/display"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

// Outside a kernel, as here, display writes the text representation of what
// it shows to standard output; in a notebook the rich one appears.
func ExampleShow() {
	display.Show(display.Markdown("**Epoch 500**: loss 0.0123"))
	display.Show(display.HTML("<i>done</i> &mdash; 4/4 correct"))
	// Output:
	// **Epoch 500**: loss 0.0123
	// done — 4/4 correct
}

func ExamplePlot() {
	p := plot.New()
	p.Title.Text = "y = x²"
	pts := plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 1}, {X: 2, Y: 4}}
	line, err := plotter.NewLine(pts)
	if err != nil {
		fmt.Println(err)
		return
	}
	p.Add(line)

	// A PNG of 1600×600 pixels shown as 800×300 CSS pixels.
	b := display.Plot(p, display.Size(800, 300))
	fmt.Println(b.Err(), b.Metadata[display.MIMEPNG])
	display.Show(b)
	// Output:
	// <nil> map[height:300 width:800]
	// <plot "y = x²" 800x300>
}

func ExampleHandle() {
	h := display.NewHandle()
	for epoch := 1; epoch <= 3; epoch++ {
		h.Update(display.Text(fmt.Sprintf("epoch %d/3", epoch)))
	}
	// Output:
	// epoch 1/3
	// epoch 2/3
	// epoch 3/3
}

func ExampleMIMEBundle() {
	data, _, ok := display.MIMEBundle(display.LaTeX(`\sigma(x) = \frac{1}{1+e^{-x}}`))
	fmt.Println(ok, data[display.MIMELaTeX])
	_, _, ok = display.MIMEBundle(42)
	fmt.Println(ok)
	// Output:
	// true $$\sigma(x) = \frac{1}{1+e^{-x}}$$
	// false
}

func ExamplePNG() {
	b := display.PNG([]byte("not a PNG"))
	fmt.Println(display.Show(b))
	// Output:
	// display: PNG: png: invalid format: not a PNG file
}

func ExampleJSON() {
	display.Show(display.JSON(map[string]any{"loss": 0.25, "epochs": 500}))
	// Output:
	// {
	//   "epochs": 500,
	//   "loss": 0.25
	// }
}

// In a notebook the table appears as HTML; outside one, as here, its
// aligned text is printed.
func ExampleTable() {
	rows := [][]float64{{0, 0, 0}, {0, 1, 1}, {1, 0, 1}, {1, 1, 0}}
	display.Show(display.Table([]string{"x1", "x2", "XOR"}, rows))

	results := [][]any{
		{1, 16, 0.1 + 0.2, "ok"},
		{2, 8, 2.0 / 3, "slow"},
	}
	display.Show(display.Table([]string{"layers", "units", "loss", "note"}, results))

	bad := display.Table([]string{"x1", "x2"}, [][]float64{{0, 0, 0}})
	fmt.Println(bad.Err())
	// Output:
	// x1  x2  XOR
	// --  --  ---
	//  0   0    0
	//  0   1    1
	//  1   0    1
	//  1   1    0
	// layers  units      loss  note
	// ------  -----  --------  ----
	//      1     16       0.3  ok
	//      2      8  0.666667  slow
	// display: Table: row 0 has 3 cells; the header has 2 columns
}

func ExampleFormatFloat() {
	for _, v := range []float64{0.1 + 0.2, 50000, 2.0 / 3, 1.5e-7, math.NaN()} {
		fmt.Println(display.FormatFloat(v, 64))
	}
	// Output:
	// 0.3
	// 50000
	// 0.666667
	// 1.5e-07
	// NaN
}
