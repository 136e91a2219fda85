package nnlib

import (
	"bytes"
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/cell"
	"gonum.org/v1/gonum/mat"
)

func tutorialModel(t *testing.T) *Sequential {
	t.Helper()
	m, err := NewSequential(Dense(16, InputDim(2), Activation("relu")), Dense(1, Activation("sigmoid")))
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Compile(CompileOptions{Loss: "mean_squared_error", Optimizer: "adam", Metrics: []string{"binary_accuracy"}}); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestSummary(t *testing.T) {
	m := tutorialModel(t)
	s := m.Summary()
	for _, want := range []string{`Model: "sequential"`, "│ dense (Dense)", "│ dense_1 (Dense)", "(None, 16)", "(None, 1)", " 48 │", " 17 │", "Total params: 65 (520.00 B)"} {
		if !strings.Contains(s, want) {
			t.Errorf("summary lacks %q:\n%s", want, s)
		}
	}
	data, _ := m.MIMEBundle()
	if data["text/plain"] != s || !strings.Contains(data["text/html"].(string), "<table>") {
		t.Errorf("bad MIME bundle: %v", data)
	}
}

func TestVerbose2Format(t *testing.T) {
	m := tutorialModel(t)
	x, y := xorData()
	var out bytes.Buffer
	if _, err := m.Fit(x, y, FitOptions{Epochs: 3, Verbose: 2, Output: &out}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 6 || lines[0] != "Epoch 1/3" || lines[4] != "Epoch 3/3" {
		t.Fatalf("unexpected output:\n%s", out.String())
	}
	re := regexp.MustCompile(`^1/1 - \d+s - \d+(us|ms|s)/step - binary_accuracy: \d\.\d{4} - loss: \d\.\d{4}$`)
	for _, l := range []string{lines[1], lines[3], lines[5]} {
		if !re.MatchString(l) {
			t.Errorf("epoch line %q does not match Keras 3's format", l)
		}
	}
}

func TestVerbose1AndValidation(t *testing.T) {
	m := tutorialModel(t)
	x, y := xorData()
	x = append(x, x...)
	y = append(y, y...)
	var out bytes.Buffer
	h, err := m.Fit(x, y, FitOptions{Epochs: 2, BatchSize: 2, Verbose: 1, ValidationSplit: 0.25, Output: &out})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(h.Keys(), ","); got != "binary_accuracy,loss,val_binary_accuracy,val_loss" {
		t.Errorf("keys %s", got)
	}
	if !strings.Contains(out.String(), "3/3 \x1b[0m") && !strings.Contains(out.String(), "3/3") {
		t.Errorf("no progress bar in %q", out.String())
	}
	if !strings.Contains(out.String(), "val_loss: ") {
		t.Errorf("no val_loss in %q", out.String())
	}
}

func TestSeedReproducible(t *testing.T) {
	x, y := xorData()
	run := func() [][]float64 {
		m := tutorialModel(t)
		m.SetSeed(42)
		if _, err := m.Fit(x, y, FitOptions{Epochs: 50, BatchSize: 2}); err != nil {
			t.Fatal(err)
		}
		return m.GetWeights()
	}
	a, b := run(), run()
	for i := range a {
		for j := range a[i] {
			if a[i][j] != b[i][j] {
				t.Fatalf("weights differ at %d/%d: %v vs %v", i, j, a[i][j], b[i][j])
			}
		}
	}
}

func TestErrors(t *testing.T) {
	x, y := xorData()
	check := func(err error, want ...string) {
		t.Helper()
		if err == nil {
			t.Fatalf("no error, want one mentioning %q", want)
		}
		for _, w := range want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("error %q does not mention %q", err, w)
			}
		}
	}
	_, err := NewSequential(Dense(4, InputDim(2), Activation("rleu")))
	check(err, `unknown activation "rleu"`, "relu", "sigmoid", `"dense"`)

	m, _ := NewSequential(Dense(4, InputDim(2)), Dense(1))
	_, err = m.Fit(x, y, FitOptions{})
	check(err, "not compiled", "Compile")
	check(m.Compile(CompileOptions{Loss: "mse", Optimizer: "adamm"}), `unknown optimizer "adamm"`, "adam, adamw")
	check(m.Compile(CompileOptions{Loss: "msee"}), `unknown loss "msee"`, "mean_squared_error")
	check(m.Compile(CompileOptions{Loss: "mse", Metrics: []string{"acuracy"}}), `unknown metric "acuracy"`, "binary_accuracy")
	if err := m.Compile(CompileOptions{Loss: "mse"}); err != nil {
		t.Fatal(err)
	}
	_, err = m.Fit([][]float64{{1, 2, 3}}, [][]float64{{1}}, FitOptions{})
	check(err, `layer "dense"`, "(None, 2)", "(None, 3)")
	_, err = m.Fit(x, [][]float64{{1, 2}, {1, 2}, {1, 2}, {1, 2}}, FitOptions{})
	check(err, `layer "dense_1"`, "(None, 1)", "(None, 2)")
	_, err = m.Fit([][]float64{{1, 2}, {3}}, [][]float64{{1}, {1}}, FitOptions{})
	check(err, "ragged", "row 1")
	_, err = m.Fit([][]float64{}, [][]float64{}, FitOptions{})
	check(err, "empty")
	_, err = m.Fit([][]float64{{1, math.NaN()}}, [][]float64{{1}}, FitOptions{})
	check(err, "NaN")
	_, err = m.Fit(x, y, FitOptions{BatchSize: -1})
	check(err, "BatchSize must be positive")
	_, err = m.Fit(x, y[:3], FitOptions{})
	check(err, "4 rows", "3")
	_, err = m.Predict("nope")
	check(err, "string", "[][]float64")
	check(m.SetWeights([][]float64{{1}}), "4 weight tensors")
	_, err = NewSequential(Dense(4, InputDim(2)), Dense(3, InputDim(5)))
	check(err, `layer "dense_1"`, "(None, 5)", "(None, 4)")
}

func TestInterruptStopsBetweenBatches(t *testing.T) {
	m := tutorialModel(t)
	x, y := xorData()
	ctx, cancel := context.WithCancel(context.Background())
	stopAt := 7
	h, err := m.Fit(x, y, FitOptions{Epochs: 100, Context: ctx, Callbacks: []Callback{CallbackFuncs{
		EpochEnd: func(epoch int, logs map[string]float64) error {
			if epoch == stopAt {
				cancel()
			}
			return nil
		}}}})
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "epoch 9/100") {
		t.Fatalf("err = %v", err)
	}
	if h.Len() != stopAt+1 {
		t.Errorf("history has %d epochs, want %d", h.Len(), stopAt+1)
	}
}

func TestCallbacks(t *testing.T) {
	m := tutorialModel(t)
	x, y := xorData()
	var batches, epochs int
	stop := CallbackFuncs{
		BatchEnd: func(batch int, logs map[string]float64) error { batches++; return nil },
		EpochEnd: func(epoch int, logs map[string]float64) error {
			epochs++
			if _, ok := logs["binary_accuracy"]; !ok {
				t.Errorf("logs lack binary_accuracy: %v", logs)
			}
			if epoch == 4 {
				return ErrStopTraining
			}
			return nil
		}}
	h, err := m.Fit(x, y, FitOptions{Epochs: 10, BatchSize: 2, Callbacks: []Callback{stop}})
	if err != nil || h.Len() != 5 || epochs != 5 || batches != 10 {
		t.Fatalf("err %v, history %d, epochs %d, batches %d", err, h.Len(), epochs, batches)
	}

	es, err := EarlyStopping(EarlyStoppingOptions{Monitor: "loss", Patience: 2, MinDelta: 10, RestoreBestWeights: true})
	if err != nil {
		t.Fatal(err)
	}
	before := m.GetWeights()
	h, err = m.Fit(x, y, FitOptions{Epochs: 50, Callbacks: []Callback{es}})
	if err != nil || h.Len() != 3 {
		t.Fatalf("early stopping: err %v, %d epochs, want 3", err, h.Len())
	}
	if after := m.GetWeights(); after[0][0] != before[0][0] {
		t.Errorf("best weights (the first epoch's) were not restored")
	}

	bad, _ := NewSequential(Dense(1, InputDim(2)))
	bad.Compile(CompileOptions{Loss: "mse", Optimizer: SGD{LearningRate: 1e6}})
	nan := TerminateOnNaN()
	h, err = bad.Fit([][]float64{{1e3, 1e3}, {-1e3, 2e3}}, []float64{1e6, -1e6}, FitOptions{Epochs: 100, BatchSize: 1, Callbacks: []Callback{nan}})
	if err != nil || nan.StoppedBatch < 0 || h.Len() >= 100 {
		t.Errorf("TerminateOnNaN: err %v, stopped batch %d, %d epochs", err, nan.StoppedBatch, h.Len())
	}
}

func TestSaveLoadRoundTrip(t *testing.T) {
	m := tutorialModel(t)
	x, y := xorData()
	if _, err := m.Fit(x, y, FitOptions{Epochs: 20}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "model.json")
	if err := m.Save(path); err != nil {
		t.Fatal(err)
	}
	r, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	// Continuing both gives identical weights: optimizer state and random
	// source came back too.
	m.Fit(x, y, FitOptions{Epochs: 10, BatchSize: 2})
	r.Fit(x, y, FitOptions{Epochs: 10, BatchSize: 2})
	a, b := m.GetWeights(), r.GetWeights()
	for i := range a {
		for j := range a[i] {
			if a[i][j] != b[i][j] {
				t.Fatalf("reloaded model diverged at %d/%d", i, j)
			}
		}
	}
	if r.Summary() != m.Summary() {
		t.Errorf("summaries differ:\n%s\n%s", r.Summary(), m.Summary())
	}
	os.WriteFile(path, []byte(`{"format":"other"}`), 0o644)
	if _, err := Load(path); err == nil || !strings.Contains(err.Error(), "not an nnlib model file") {
		t.Errorf("bad file: %v", err)
	}
}

func TestGonumInputsAndOneHot(t *testing.T) {
	m, _ := NewSequential(Dense(8, InputDim(4), Activation("relu")), Dense(3, Activation("softmax")))
	if err := m.Compile(CompileOptions{Loss: "categorical_crossentropy", Optimizer: "adam", Metrics: []string{"accuracy"}}); err != nil {
		t.Fatal(err)
	}
	labels := []int{0, 1, 2, 1, 0, 2}
	y, err := OneHot(labels, 3)
	if err != nil {
		t.Fatal(err)
	}
	x := mat.NewDense(6, 4, nil)
	for i, c := range labels {
		x.Set(i, c, 1)
	}
	h, err := m.Fit(x, y, FitOptions{Epochs: 200, BatchSize: 6})
	if err != nil {
		t.Fatal(err)
	}
	if acc, _ := h.Last("accuracy"); acc != 1 {
		t.Errorf("accuracy %v after 200 epochs on a trivial problem", acc)
	}
	// sparse labels with the matching loss
	if err := m.Compile(CompileOptions{Loss: "sparse_categorical_crossentropy", Metrics: []string{"accuracy"}}); err != nil {
		t.Fatal(err)
	}
	res, err := m.Evaluate(x, labels)
	if err != nil || res["accuracy"] != 1 {
		t.Errorf("evaluate: %v %v", res, err)
	}
}

func TestParallelReportsErrorsAndPanics(t *testing.T) {
	err := Parallel(10, func(i int) error {
		if i == 3 {
			panic("boom")
		}
		if i == 7 {
			return errors.New("seven")
		}
		return nil
	})
	if err == nil || !strings.Contains(err.Error(), "job 3: panic: boom") {
		t.Errorf("err = %v", err)
	}
	if err := Parallel(0, func(int) error { return nil }); err != nil {
		t.Error(err)
	}
}

func TestLayerAccessors(t *testing.T) {
	m := tutorialModel(t)
	d := m.Layers()[0].(*DenseLayer)
	r, c := d.Kernel().Dims()
	if r != 2 || c != 16 || len(d.Bias()) != 16 || d.Activation() != "relu" || d.InputDim() != 2 {
		t.Errorf("kernel %dx%d, bias %d, activation %s", r, c, len(d.Bias()), d.Activation())
	}
	if got := m.WeightNames(); strings.Join(got, ",") != "dense/kernel,dense/bias,dense_1/kernel,dense_1/bias" {
		t.Errorf("weight names %v", got)
	}
}

// Inside a notebook cell, Fit prints to the cell and stops on its interrupt.
func TestFitDefaultsToTheRunningCell(t *testing.T) {
	m := tutorialModel(t)
	x, y := xorData()
	var out bytes.Buffer
	ctx, cancel := context.WithCancel(context.Background())
	leave := cell.Enter(cell.Env{Ctx: ctx, Stdout: &out})
	defer leave()
	_, err := m.Fit(x, y, FitOptions{Epochs: 1000, Verbose: 2, Callbacks: []Callback{CallbackFuncs{
		EpochEnd: func(epoch int, logs map[string]float64) error {
			if epoch == 2 {
				cancel() // what the kernel does on an interrupt
			}
			return nil
		}}}})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want the cell's cancellation", err)
	}
	if got := strings.Count(out.String(), "Epoch "); got != 4 {
		t.Errorf("the cell got %d epoch headers, want 4 (3 epochs run, the 4th interrupted):\n%s", got, out.String())
	}
}

func TestDropoutOnlyInTraining(t *testing.T) {
	m, err := NewSequential(Dense(32, InputDim(2), Activation("relu")), Dropout(0.5), Dense(1))
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Compile(CompileOptions{Loss: "mse"}); err != nil {
		t.Fatal(err)
	}
	x, _ := xorData()
	a, _ := m.Predict(x)
	b, _ := m.Predict(x)
	for i := range a {
		if a[i][0] != b[i][0] {
			t.Fatalf("inference is not deterministic with dropout: %v vs %v", a, b)
		}
	}
	xs := []float64{1, 1}
	out1 := append([]float64(nil), m.forwardPass(xs, 1, true)...)
	out2 := m.forwardPass(xs, 1, true)
	if out1[0] == out2[0] {
		t.Errorf("two training passes gave the same output %v: dropout inactive", out1[0])
	}
	if _, err := NewSequential(Dense(2, InputDim(2)), Dropout(1)); err == nil || !strings.Contains(err.Error(), "dropout rate") {
		t.Errorf("rate 1: %v", err)
	}
}
