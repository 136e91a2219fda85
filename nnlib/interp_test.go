package nnlib_test

import (
	"testing"

	"github.com/gokernel/gokernel/symbols"
	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
)

// The notebook path: interpreted code (as in a cell) builds and trains a
// model through the generated symbol tables, with a callback type of its
// own and a CallbackFuncs of interpreted closures.
func TestInterpretedCallback(t *testing.T) {
	i := interp.New(interp.Options{})
	if err := i.Use(stdlib.Symbols); err != nil {
		t.Fatal(err)
	}
	if err := i.Use(symbols.Symbols); err != nil {
		t.Fatal(err)
	}
	_, err := i.Eval(`
import (
	"fmt"

	"github.com/gokernel/gokernel/nnlib"
)

type stopper struct{ epochs, batches int }

func (s *stopper) OnEpochEnd(epoch int, logs map[string]float64) error {
	s.epochs++
	if epoch == 9 {
		return nnlib.ErrStopTraining
	}
	return nil
}

func (s *stopper) OnBatchEnd(batch int, logs map[string]float64) error {
	s.batches++
	return nil
}

func run() (int, int, int, float64, error) {
	m, err := nnlib.NewSequential(
		nnlib.Dense(16, nnlib.InputDim(2), nnlib.Activation("relu")),
		nnlib.Dense(1, nnlib.Activation("sigmoid")))
	if err != nil {
		return 0, 0, 0, 0, err
	}
	if err := m.Compile(nnlib.CompileOptions{Loss: "mean_squared_error", Optimizer: "adam", Metrics: []string{"binary_accuracy"}}); err != nil {
		return 0, 0, 0, 0, err
	}
	x := [][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}
	y := [][]float64{{0}, {1}, {1}, {0}}
	s := &stopper{}
	lastLoss := 0.0
	funcs := nnlib.CallbackFuncs{EpochEnd: func(epoch int, logs map[string]float64) error {
		lastLoss = logs["loss"]
		return nil
	}}
	h, err := m.Fit(x, y, nnlib.FitOptions{Epochs: 50, Callbacks: []nnlib.Callback{s, funcs}})
	if err != nil {
		return 0, 0, 0, 0, err
	}
	if got := h.Get("loss")[h.Len()-1]; got != lastLoss {
		return 0, 0, 0, 0, fmt.Errorf("the callback saw loss %v, history ends with %v", lastLoss, got)
	}
	return s.epochs, s.batches, h.Len(), lastLoss, nil
}
`)
	if err != nil {
		t.Fatal(err)
	}
	v, err := i.Eval("run")
	if err != nil {
		t.Fatal(err)
	}
	run, ok := v.Interface().(func() (int, int, int, float64, error))
	if !ok {
		t.Fatalf("run has type %T", v.Interface())
	}
	epochs, batches, histLen, lastLoss, err := run()
	if err != nil {
		t.Fatal(err)
	}
	if epochs != 10 || batches != 10 || histLen != 10 || lastLoss <= 0 {
		t.Errorf("interpreted callbacks: %d epochs, %d batches, history %d, last loss %v; want 10, 10, 10, > 0", epochs, batches, histLen, lastLoss)
	}
}
