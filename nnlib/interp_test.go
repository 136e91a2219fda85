package nnlib_test

import (
	"strings"
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

// A seed sweep written in a cell: nnlib.Parallel calls an interpreted
// closure from several goroutines at once.
func TestInterpretedParallelSweep(t *testing.T) {
	i := interp.New(interp.Options{})
	if err := i.Use(stdlib.Symbols); err != nil {
		t.Fatal(err)
	}
	if err := i.Use(symbols.Symbols); err != nil {
		t.Fatal(err)
	}
	_, err := i.Eval(`
import "github.com/gokernel/gokernel/nnlib"

func sweep() ([]int, error) {
	x := [][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}
	y := []float64{0, 1, 1, 0}
	first := make([]int, 16)
	err := nnlib.Parallel(len(first), func(i int) error {
		m, err := nnlib.NewSequential(
			nnlib.Dense(16, nnlib.InputDim(2), nnlib.Activation("relu")),
			nnlib.Dense(1, nnlib.Activation("sigmoid")))
		if err != nil {
			return err
		}
		if err := m.Compile(nnlib.CompileOptions{Loss: "mse", Optimizer: nnlib.Adam{CorrectedEpsilon: true}, Metrics: []string{"binary_accuracy"}}); err != nil {
			return err
		}
		if err := m.InitWeightsMulberry32(uint32(i + 1)); err != nil {
			return err
		}
		h, err := m.Fit(x, y, nnlib.FitOptions{Epochs: 500, NoShuffle: true})
		if err != nil {
			return err
		}
		first[i] = h.FirstEpochAtLeast("binary_accuracy", 1)
		return nil
	})
	return first, err
}
`)
	if err != nil {
		t.Fatal(err)
	}
	v, err := i.Eval("sweep")
	if err != nil {
		t.Fatal(err)
	}
	first, err := v.Interface().(func() ([]int, error))()
	if err != nil {
		t.Fatal(err)
	}
	// The reference's first 100% epochs for seeds 1..16 of the tutorial model
	// (xor_seed_sweep.json, variant A, TensorFlow.js's Adam).
	want := []int{55, 64, 98, 28, 180, 142, 54, 68, 173, 391, 58, 119, 298, 80, 47, 157}
	for s, w := range want {
		if first[s] != w {
			t.Errorf("seed %d: first 100%% epoch %d, want %d", s+1, first[s], w)
		}
	}
}

// Cell code for the two traps of a notebook: a model whose creation failed
// (its error ignored) and an optimizer option set to zero.
func TestInterpretedNilModelAndZeroOption(t *testing.T) {
	i := interp.New(interp.Options{})
	if err := i.Use(stdlib.Symbols); err != nil {
		t.Fatal(err)
	}
	if err := i.Use(symbols.Symbols); err != nil {
		t.Fatal(err)
	}
	v, err := i.Eval(`
import "github.com/gokernel/gokernel/nnlib"

func cell() (string, string, error) {
	bad, _ := nnlib.NewSequential(nnlib.Dense(0, nnlib.InputDim(2)))
	_, fitErr := bad.Fit([][]float64{{0, 1}}, []float64{1}, nnlib.FitOptions{Epochs: 1})
	m, err := nnlib.NewSequential(nnlib.Dense(1, nnlib.InputDim(2)))
	if err != nil {
		return "", "", err
	}
	err = m.Compile(nnlib.CompileOptions{Loss: "mse", Optimizer: nnlib.Adam{LearningRate: 0.01, Beta1: nnlib.Float(0)}})
	if err != nil {
		return "", "", err
	}
	_, err = m.Fit([][]float64{{0, 1}}, []float64{1}, nnlib.FitOptions{Epochs: 2})
	return fitErr.Error(), bad.Summary(), err
}
`)
	if err != nil {
		t.Fatal(err)
	}
	if v, err = i.Eval("cell"); err != nil {
		t.Fatal(err)
	}
	fitErr, summary, err := v.Interface().(func() (string, string, error))()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(fitErr, "never created") || !strings.Contains(summary, "nil model") {
		t.Errorf("nil model: Fit error %q, Summary %q", fitErr, summary)
	}
}

// The notebook path for float32: a cell switches the default dtype, trains
// a model whose products run in float32, reads the layer's dtype, and a
// bad dtype name comes back as an error, not a panic.
func TestInterpretedFloat32(t *testing.T) {
	i := interp.New(interp.Options{})
	if err := i.Use(stdlib.Symbols); err != nil {
		t.Fatal(err)
	}
	if err := i.Use(symbols.Symbols); err != nil {
		t.Fatal(err)
	}
	v, err := i.Eval(`
import (
	"fmt"
	"io"

	"github.com/gokernel/gokernel/nnlib"
)

func run() string {
	if err := nnlib.SetFloatX("float32"); err != nil {
		return err.Error()
	}
	defer nnlib.SetFloatX("float64")
	m, err := nnlib.NewSequential(
		nnlib.Dense(64, nnlib.InputDim(2), nnlib.Activation("relu")),
		nnlib.Dense(1, nnlib.Activation("sigmoid")))
	if err != nil {
		return err.Error()
	}
	if err := m.Compile(nnlib.CompileOptions{Loss: "mean_squared_error", Optimizer: "adam"}); err != nil {
		return err.Error()
	}
	x := [][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}
	y := [][]float64{{0}, {1}, {1}, {0}}
	h, err := m.Fit(x, y, nnlib.FitOptions{Epochs: 5, Output: io.Discard})
	if err != nil {
		return err.Error()
	}
	w := m.GetWeights()[0][0]
	_, bad := nnlib.NewSequential(nnlib.Dense(4, nnlib.InputDim(2), nnlib.DType("float16")))
	return fmt.Sprintf("%s %s %d %v | %v", nnlib.FloatX(), m.Layers()[0].(*nnlib.DenseLayer).DType(),
		len(h.Get("loss")), float64(float32(w)) == w, bad)
}
`)
	if err != nil {
		t.Fatal(err)
	}
	v, err = i.Eval(`run()`)
	if err != nil {
		t.Fatal(err)
	}
	want := `float32 float32 5 true | nnlib: layer "dense" (Dense): unknown dtype "float16" (nnlib computes in "float32" or "float64")`
	if got := v.String(); got != want {
		t.Fatalf("cell returned\n%s\nwant\n%s", got, want)
	}
}
