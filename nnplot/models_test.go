package nnplot

import (
	"testing"

	"github.com/gokernel/gokernel/nnlib"
)

// xorModel builds one of the tutorial's models: 2 inputs, hidden relu layers
// of the given widths, one sigmoid output, compiled for XOR.
func xorModel(t testing.TB, hidden ...int) *nnlib.Sequential {
	t.Helper()
	var layers []nnlib.Layer
	for i, units := range hidden {
		opts := []nnlib.DenseOption{nnlib.Activation("relu")}
		if i == 0 {
			opts = append(opts, nnlib.InputDim(2))
		}
		layers = append(layers, nnlib.Dense(units, opts...))
	}
	layers = append(layers, nnlib.Dense(1, nnlib.Activation("sigmoid")))
	m, err := nnlib.NewSequential(layers...)
	if err != nil {
		t.Fatal(err)
	}
	m.SetSeed(7)
	if err := m.Compile(nnlib.CompileOptions{Loss: "binary_crossentropy", Optimizer: "adam", Metrics: []string{"binary_accuracy"}}); err != nil {
		t.Fatal(err)
	}
	return m
}

// xorData is the four XOR rows and their labels.
var (
	xorX = [][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}
	xorY = [][]float64{{0}, {1}, {1}, {0}}
)
