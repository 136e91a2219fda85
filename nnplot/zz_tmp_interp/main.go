package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/gokernel/gokernel/engine"
)

type out struct{}

func (out) Stream(name, text string) { fmt.Printf("[%s] %s", name, text) }
func (out) Display(data, md map[string]any, id string, update bool) {
	keys := []string{}
	for k, v := range data {
		s := fmt.Sprint(v)
		if len(s) > 60 {
			s = s[:60] + "..."
		}
		keys = append(keys, k+"="+s)
	}
	fmt.Printf("[display id=%.6s update=%v] %s md=%v\n", id, update, strings.Join(keys, " | "), md)
}
func (out) ClearOutput(wait bool)                         { fmt.Println("[clear]", wait) }
func (out) Input(p string, pw bool) (string, error)        { return "", nil }

func main() {
	e, err := engine.New()
	if err != nil {
		panic(err)
	}
	cells := []string{
		`import (
	"github.com/gokernel/gokernel/display"
	"github.com/gokernel/gokernel/nnlib"
	"github.com/gokernel/gokernel/nnplot"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)`,
		`display.Show(display.HTML("<i>x</i>"))
display.Markdown("# final")`,
		`type card struct{ t string }
func (c card) MIMEBundle() (map[string]any, map[string]any) { return map[string]any{"text/html": "<b>" + c.t + "</b>"}, nil }`,
		`fmt.Println(display.Show(display.Render(card{"hi"})))
card{"final"}`,
		`h := display.NewHandle()
for i := 0; i < 3; i++ { h.Update(display.Text(fmt.Sprint("step ", i))) }
display.Clear(true)`,
		`x := [][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}
y := [][]float64{{0}, {1}, {1}, {0}}
m, _ := nnlib.NewSequential(nnlib.Dense(16, nnlib.InputDim(2), nnlib.Activation("relu")), nnlib.Dense(1, nnlib.Activation("sigmoid")))
m.Compile(nnlib.CompileOptions{Loss: "binary_crossentropy", Optimizer: "adam", Metrics: []string{"binary_accuracy"}})
hist, err := nnplot.FitLive(m, x, y, nnlib.FitOptions{Epochs: 100, BatchSize: 4}, nnplot.MarkPerfect())
fmt.Println(hist.Len(), err)`,
		`nnplot.Compare("binary_accuracy", []nnplot.Run{{"16", hist}, {Label: "again", History: hist}}, nnplot.MarkPerfect())`,
		`nnplot.Diagram(m)`,
		`f, _ := nnplot.Boundary(m, x, y, nnplot.Annotate())
f`,
		`p := plot.New()
l, _ := plotter.NewLine(plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 1}})
p.Add(l)
display.Show(display.Plot(p, display.Size(300, 200), display.AsSVG()))
p`,
		`nnplot.Activations()`,
		`display.PNG([]byte("junk"))`,
		`display.Show(display.PNG([]byte("junk")))`,
	}
	for i, c := range cells {
		fmt.Printf("--- cell %d\n", i)
		r := e.Execute(context.Background(), c, out{})
		if r.Err != nil {
			fmt.Println("ERROR:", r.Err.Name, r.Err.Value)
		}
		if r.Data != nil {
			s := fmt.Sprint(r.Data["text/plain"])
			ks := []string{}
			for k := range r.Data {
				ks = append(ks, k)
			}
			fmt.Println("RESULT:", ks, s)
		}
	}
}
