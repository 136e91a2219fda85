package nnlib

import (
	"encoding/json"
	"io"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// fixture is the layout of testdata/*_trajectory.json and mlp_softmax_rmsprop.json.
type fixture struct {
	Model struct {
		Layers []struct {
			Units      int    `json:"units"`
			Activation string `json:"activation"`
			InputDim   int    `json:"input_dim"`
		} `json:"layers"`
	} `json:"model"`
	Compile struct {
		Loss      string          `json:"loss"`
		Optimizer json.RawMessage `json:"optimizer"`
		Metrics   []string        `json:"metrics"`
	} `json:"compile"`
	Fit struct {
		Epochs    int `json:"epochs"`
		BatchSize int `json:"batch_size"`
	} `json:"fit"`
	Data struct {
		X [][]float64 `json:"x"`
		Y [][]float64 `json:"y"`
	} `json:"data"`
	InitialWeights []fixtureWeight `json:"initial_weights"`
	Reference      fixtureRun      `json:"reference"`
	KerasPython    fixtureRun      `json:"keras_python_formula"`
}

type fixtureWeight struct {
	Name   string    `json:"name"`
	Shape  []int     `json:"shape"`
	Values []float64 `json:"values"`
}

type fixtureRun struct {
	Loss             []float64       `json:"loss"`
	Accuracy         []float64       `json:"accuracy"`
	BinaryAccuracy   []float64       `json:"binary_accuracy"`
	WeightsAfterStep []fixtureWeight `json:"weights_after_step_1"`
	FinalWeights     []fixtureWeight `json:"final_weights"`
	FinalPredictions []float64       `json:"final_predictions"`
}

func loadFixture(t testing.TB, name string) fixture {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var f fixture
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	return f
}

// fixtureModel builds the fixture's model with its initial weights.
func fixtureModel(t testing.TB, f fixture, optimizer any) *Sequential {
	t.Helper()
	var layers []Layer
	for _, l := range f.Model.Layers {
		opts := []DenseOption{Activation(l.Activation)}
		if l.InputDim > 0 {
			opts = append(opts, InputDim(l.InputDim))
		}
		layers = append(layers, Dense(l.Units, opts...))
	}
	m, err := NewSequential(layers...)
	if err != nil {
		t.Fatal(err)
	}
	var w [][]float64
	for _, iw := range f.InitialWeights {
		w = append(w, iw.Values)
	}
	if err := m.SetWeights(w); err != nil {
		t.Fatal(err)
	}
	if err := m.Compile(CompileOptions{Loss: f.Compile.Loss, Optimizer: optimizer, Metrics: f.Compile.Metrics}); err != nil {
		t.Fatal(err)
	}
	return m
}

func maxAbsDiff(a, b []float64) float64 {
	d := 0.0
	for i := range a {
		d = math.Max(d, math.Abs(a[i]-b[i]))
	}
	return d
}

func checkWeights(t *testing.T, what string, got [][]float64, want []fixtureWeight, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d weight tensors, want %d", what, len(got), len(want))
	}
	for i, w := range want {
		if d := maxAbsDiff(got[i], w.Values); d > tol {
			t.Errorf("%s %s: max |diff| %.3g > %g", what, w.Name, d, tol)
		}
	}
}

func checkTrajectory(t *testing.T, f fixture, m *Sequential, wantLoss, wantAcc []float64, accKey string, wantFinal []fixtureWeight) {
	t.Helper()
	hist, err := m.Fit(f.Data.X, f.Data.Y, FitOptions{Epochs: f.Fit.Epochs, BatchSize: f.Fit.BatchSize, NoShuffle: true, Output: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	loss := hist.Get("loss")
	if len(loss) != len(wantLoss) {
		t.Fatalf("got %d epochs of loss, want %d", len(loss), len(wantLoss))
	}
	if d := maxAbsDiff(loss, wantLoss); d > 1e-5 {
		t.Errorf("per-epoch loss: max |diff| %.3g > 1e-5", d)
	}
	acc := hist.Get(accKey)
	for e := range wantAcc {
		if acc[e] != wantAcc[e] && math.Abs(acc[e]-wantAcc[e]) > 1e-6 {
			t.Errorf("epoch %d %s = %v, want %v", e+1, accKey, acc[e], wantAcc[e])
		}
	}
	checkWeights(t, "final weights", m.GetWeights(), wantFinal, 1e-5)
}

func TestParityAdamMSE(t *testing.T) {
	f := loadFixture(t, "xor_adam_trajectory.json")
	m := fixtureModel(t, f, "adam")
	checkTrajectory(t, f, m, f.KerasPython.Loss, f.Reference.BinaryAccuracy, "binary_accuracy", f.KerasPython.FinalWeights)
}

func TestParitySGDMomentumBCE(t *testing.T) {
	f := loadFixture(t, "xor_bce_sgd_trajectory.json")
	m := fixtureModel(t, f, SGD{LearningRate: 0.1, Momentum: 0.9})
	// One step first: the weights after step 1.
	one := fixtureModel(t, f, SGD{LearningRate: 0.1, Momentum: 0.9})
	if _, err := one.Fit(f.Data.X, f.Data.Y, FitOptions{Epochs: 1, NoShuffle: true, Output: io.Discard}); err != nil {
		t.Fatal(err)
	}
	checkWeights(t, "weights after step 1", one.GetWeights(), f.Reference.WeightsAfterStep, 1e-6)
	checkTrajectory(t, f, m, f.Reference.Loss, f.Reference.BinaryAccuracy, "binary_accuracy", f.Reference.FinalWeights)
	pred, err := m.Predict(f.Data.X)
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range pred {
		if d := math.Abs(row[0] - f.Reference.FinalPredictions[i]); d > 1e-5 {
			t.Errorf("prediction %d: %v, want %v", i, row[0], f.Reference.FinalPredictions[i])
		}
	}
}

func TestParityRMSpropSoftmaxMultiBatch(t *testing.T) {
	f := loadFixture(t, "mlp_softmax_rmsprop.json")
	m := fixtureModel(t, f, RMSprop{LearningRate: 0.01})
	checkTrajectory(t, f, m, f.Reference.Loss, f.Reference.Accuracy, "accuracy", f.Reference.FinalWeights)
}
