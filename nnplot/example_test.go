package nnplot_test

import (
	"fmt"
	"math"

	"github.com/gokernel/gokernel/display"
	"github.com/gokernel/gokernel/nnlib"
	"github.com/gokernel/gokernel/nnplot"
)

var (
	xorX = [][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}
	xorY = [][]float64{{0}, {1}, {1}, {0}}
)

// tutorialModel is the tutorial's 2-16-1 network, compiled for XOR.
func tutorialModel(hidden ...int) *nnlib.Sequential {
	layers := []nnlib.Layer{nnlib.Dense(hidden[0], nnlib.InputDim(2), nnlib.Activation("relu"))}
	for _, units := range hidden[1:] {
		layers = append(layers, nnlib.Dense(units, nnlib.Activation("relu")))
	}
	layers = append(layers, nnlib.Dense(1, nnlib.Activation("sigmoid")))
	m, err := nnlib.NewSequential(layers...)
	if err != nil {
		panic(err)
	}
	m.SetSeed(1)
	if err := m.Compile(nnlib.CompileOptions{Loss: "binary_crossentropy", Optimizer: "adam", Metrics: []string{"binary_accuracy"}}); err != nil {
		panic(err)
	}
	return m
}

// In a notebook the figure appears as a picture — as the last line of a
// cell, nnplot.Curves(hist, nnplot.MarkPerfect()) alone is enough; outside
// one, as here, display.Show prints its text description.
func ExampleCurves() {
	model := tutorialModel(16)
	hist, err := model.Fit(xorX, xorY, nnlib.FitOptions{Epochs: 300, BatchSize: 4})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := display.Show(nnplot.Curves(hist, nnplot.MarkPerfect())); err != nil {
		fmt.Println(err)
	}
	// Output:
	// <figure 920x360 "loss" "binary accuracy">
}

func ExampleCompare() {
	var runs []nnplot.Run
	for _, hidden := range [][]int{{16}, {16, 16}, {32}} {
		hist, err := tutorialModel(hidden...).Fit(xorX, xorY, nnlib.FitOptions{Epochs: 200, BatchSize: 4})
		if err != nil {
			fmt.Println(err)
			return
		}
		runs = append(runs, nnplot.Run{Label: fmt.Sprint(hidden), History: hist})
	}
	if err := display.Show(nnplot.Compare("binary_accuracy", runs, nnplot.MarkPerfect())); err != nil {
		fmt.Println(err)
	}
	// Output:
	// <figure 640x400 "binary accuracy">
}

func ExampleDiagram() {
	if err := display.Show(nnplot.Diagram(tutorialModel(16, 16))); err != nil {
		fmt.Println(err)
	}
	// Output:
	// <figure 720x420 "sequential: 2-16-16-1, 337 parameters">
}

func ExampleActivations() {
	if err := display.Show(nnplot.Activations("sigmoid", "relu")); err != nil {
		fmt.Println(err)
	}
	// Output:
	// <figure 640x440 "activation functions">
}

func ExamplePoints() {
	if err := display.Show(nnplot.Points(xorX, xorY, nnplot.Classes("false", "true"), nnplot.Annotate(), nnplot.Title("XOR"))); err != nil {
		fmt.Println(err)
	}
	// Output:
	// <figure 560x440 "XOR">
}

func ExampleBoundary() {
	model := tutorialModel(16)
	if _, err := model.Fit(xorX, xorY, nnlib.FitOptions{Epochs: 300, BatchSize: 4}); err != nil {
		fmt.Println(err)
		return
	}
	if err := display.Show(nnplot.Boundary(model, xorX, xorY, nnplot.Title("decision boundary"))); err != nil {
		fmt.Println(err)
	}
	// Output:
	// <figure 560x460 "decision boundary">
}

// FitLive trains with a live progress line and growing curves in the
// cell's output; outside a notebook it prints the final progress line.
func ExampleFitLive() {
	model := tutorialModel(16)
	hist, err := nnplot.FitLive(model, xorX, xorY, nnlib.FitOptions{Epochs: 500, BatchSize: 4}, nnplot.MarkPerfect())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(hist.Len(), "epochs")
	// Output:
	// Epoch 500/500 [==============================] - loss: 0.3135 - binary_accuracy: 1.0000
	// 500 epochs
}

// A picture that cannot be drawn carries its error, which display.Show
// returns and a cell shows as text.
func ExampleFigure_Err() {
	f := nnplot.Curves(&nnlib.History{})
	fmt.Println(f.Err())
	fmt.Println(display.Show(f))
	// Output:
	// nnplot: Curves: the history is empty; train with Fit first
	// nnplot: Curves: the history is empty; train with Fit first
}

// The shop owner's customers by age and income: two of the four segments
// buy — XOR in disguise.
func ExampleQuadrants() {
	customers := [][]float64{
		{25, 30000}, {31, 22000}, {58, 85000}, {64, 71000}, // do not buy
		{27, 80000}, {35, 92000}, {52, 26000}, {61, 35000}, // buy
	}
	buys := []int{0, 0, 0, 0, 1, 1, 1, 1}
	f := nnplot.Points(customers, buys, nnplot.Classes("does not buy", "buys"),
		nnplot.Axes("age", "income"), nnplot.Quadrants(40, 50000), nnplot.Title("customers"))
	if err := display.Show(f); err != nil {
		fmt.Println(err)
	}
	// Output:
	// <figure 560x440 "customers">
}

// A grid search summarised: median epochs to 100% accuracy by depth and
// width, NaN where no run got there.
func ExampleHeatMap() {
	medians := [][]float64{
		{math.NaN(), 412, 236.5, 151},
		{640, 205, 120, 84},
	}
	f := nnplot.HeatMap([]string{"1", "2"}, []string{"2", "4", "8", "16"}, medians,
		nnplot.Axes("neurons per layer", "hidden layers"), nnplot.Title("median epochs to 100% accuracy"))
	if err := display.Show(f); err != nil {
		fmt.Println(err)
	}

	ragged := nnplot.HeatMap(nil, nil, [][]float64{{1, 2}, {3}})
	fmt.Println(ragged.Err())
	// Output:
	// <figure 600x260 "median epochs to 100% accuracy">
	// nnplot: HeatMap: row 1 has 1 values, row 0 has 2
}
