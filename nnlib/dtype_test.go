package nnlib

import (
	"io"
	"math"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/internal/benchdata"
	"github.com/gokernel/gokernel/nnlib/datasets"
)

// fixtureModel32 is fixtureModel with every layer in float32.
func fixtureModel32(t *testing.T, f fixture, optimizer any) *Sequential {
	t.Helper()
	prev := FloatX()
	if err := SetFloatX("float32"); err != nil {
		t.Fatal(err)
	}
	defer SetFloatX(prev)
	return fixtureModel(t, f, optimizer)
}

// In float32 the reference runs (Keras semantics, float32) still agree:
// every epoch's loss and the final weights within float32 tolerance, and
// the same accuracies.
func TestFloat32Parity(t *testing.T) {
	for _, tc := range []struct {
		file   string
		opt    any
		run    func(f fixture) fixtureRun
		accKey string
	}{
		{"xor_adam_trajectory.json", "adam", func(f fixture) fixtureRun { return f.KerasPython }, "binary_accuracy"},
		{"xor_bce_sgd_trajectory.json", SGD{LearningRate: 0.1, Momentum: 0.9}, func(f fixture) fixtureRun { return f.Reference }, "binary_accuracy"},
		{"mlp_softmax_rmsprop.json", RMSprop{LearningRate: 0.01}, func(f fixture) fixtureRun { return f.Reference }, "accuracy"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			f := loadFixture(t, tc.file)
			m := fixtureModel32(t, f, tc.opt)
			hist, err := m.Fit(f.Data.X, f.Data.Y, FitOptions{Epochs: f.Fit.Epochs, BatchSize: f.Fit.BatchSize, NoShuffle: true, Output: io.Discard})
			if err != nil {
				t.Fatal(err)
			}
			want := tc.run(f)
			if d := maxAbsDiff(hist.Get("loss"), want.Loss); d > 2e-5 {
				t.Errorf("per-epoch loss: max |diff| %.3g > 2e-5", d)
			}
			acc := hist.Get(tc.accKey)
			wantAcc := f.Reference.BinaryAccuracy
			if tc.accKey == "accuracy" {
				wantAcc = f.Reference.Accuracy
			}
			for e := range wantAcc {
				if math.Abs(acc[e]-wantAcc[e]) > 1e-6 {
					t.Errorf("epoch %d %s = %v, want %v", e+1, tc.accKey, acc[e], wantAcc[e])
				}
			}
			checkWeights(t, "final weights", m.GetWeights(), want.FinalWeights, 2e-5)
		})
	}
}

// The digits CNN and an MLP large enough for the float32 kernel train in
// float32 to the losses float64 reaches from the same weights, within
// float32 tolerance, and keep float32 weights.
func TestFloat32AgreesWithFloat64(t *testing.T) {
	x, y, err := datasets.Digits()
	if err != nil {
		t.Fatal(err)
	}
	x = datasets.Scale(x, 1.0/16)
	x, y = x[:512], y[:512]
	models := map[string]func(dtype string) []Layer{
		"cnn": func(dtype string) []Layer {
			return []Layer{Input(8, 8, 1), Conv2D(16, 3, Activation("relu"), DType(dtype)), MaxPooling2D(2, DType(dtype)),
				Flatten(DType(dtype)), Dense(10, Activation("softmax"), DType(dtype))}
		},
		"mlp": func(dtype string) []Layer {
			return []Layer{Dense(256, InputDim(64), Activation("relu"), DType(dtype)),
				Dense(128, Activation("tanh"), DType(dtype)), Dense(10, Activation("softmax"), DType(dtype))}
		},
	}
	for name, layers := range models {
		t.Run(name, func(t *testing.T) {
			var hist [2]*History
			var weights [2][][]float64
			var m32 *Sequential
			for i, dtype := range []string{"float64", "float32"} {
				m, err := NewSequential(layers(dtype)...)
				if err != nil {
					t.Fatal(err)
				}
				m.SetSeed(7)
				if err := m.Compile(CompileOptions{Loss: "sparse_categorical_crossentropy", Optimizer: "adam", Metrics: []string{"accuracy"}}); err != nil {
					t.Fatal(err)
				}
				if hist[i], err = m.Fit(x, y, FitOptions{Epochs: 3, BatchSize: 64, Output: io.Discard}); err != nil {
					t.Fatal(err)
				}
				weights[i] = m.GetWeights()
				m32 = m
			}
			l64, l32 := hist[0].Get("loss"), hist[1].Get("loss")
			for e := range l64 {
				if d := math.Abs(l32[e]-l64[e]) / l64[e]; d > 1e-4 {
					t.Errorf("epoch %d: loss %v in float32, %v in float64 (relative %.2g)", e+1, l32[e], l64[e], d)
				}
			}
			if l64[len(l64)-1] >= l64[0] {
				t.Errorf("the model did not learn: losses %v", l64)
			}
			for i := range weights[0] {
				if d := maxAbsDiff(weights[1][i], weights[0][i]); d > 1e-4 {
					t.Errorf("weight %d: max |diff| %.3g between float32 and float64", i, d)
				}
				for _, v := range weights[1][i] {
					if float64(float32(v)) != v {
						t.Fatalf("weight %d holds %v, not a float32 value", i, v)
					}
				}
			}
			for _, l := range m32.Layers() {
				if dt := l.(layerImpl).base().DType(); dt != "float32" {
					t.Errorf("layer %s has dtype %s", l.Name(), dt)
				}
			}
		})
	}
}

// Bad dtype names are errors that name the valid ones; the default stays.
func TestDTypeErrors(t *testing.T) {
	if got := FloatX(); got != "float64" {
		t.Fatalf("FloatX() = %q, want float64", got)
	}
	for _, bad := range []string{"float16", "Float32", "", "bfloat16", "int32"} {
		err := SetFloatX(bad)
		if err == nil || !strings.Contains(err.Error(), `"float32"`) {
			t.Errorf("SetFloatX(%q) = %v, want an error listing float32", bad, err)
		}
		if got := FloatX(); got != "float64" {
			t.Fatalf("after SetFloatX(%q): FloatX() = %q", bad, got)
		}
		_, err = NewSequential(Dense(4, InputDim(2), DType(bad)))
		if err == nil || !strings.Contains(err.Error(), "dtype") {
			t.Errorf("Dense with DType(%q): %v, want a dtype error", bad, err)
		}
	}
	_, err := NewSequential(Input(4, 4, 1), Conv2D(2, 3, DType("float8")))
	if err == nil || !strings.Contains(err.Error(), `unknown dtype "float8"`) {
		t.Errorf("Conv2D with DType(float8): %v", err)
	}
}

// Save and Load keep each layer's dtype; Summary counts 4 bytes per
// float32 weight, as Keras.
func TestDTypeSaveLoadSummary(t *testing.T) {
	m, err := NewSequential(Dense(8, InputDim(3), Activation("relu"), DType("float32")), Dense(2, Activation("softmax")))
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Compile(CompileOptions{Loss: "categorical_crossentropy", Optimizer: "adam"}); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Fit([][]float64{{1, 2, 3}, {3, 2, 1}}, [][]float64{{1, 0}, {0, 1}}, FitOptions{Epochs: 2, Output: io.Discard}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "m.json")
	if err := m.Save(path); err != nil {
		t.Fatal(err)
	}
	back, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range back.Layers() {
		want := []string{"float32", "float64"}[i]
		if got := l.(layerImpl).base().DType(); got != want {
			t.Errorf("loaded layer %d: dtype %s, want %s", i, got, want)
		}
	}
	for i, w := range back.GetWeights() {
		if d := maxAbsDiff(w, m.GetWeights()[i]); d != 0 {
			t.Errorf("weight %d changed by Save/Load: %g", i, d)
		}
	}
	// 32 float32 weights (128 B) and 18 float64 ones (144 B).
	if s := m.Summary(); !strings.Contains(s, "Total params: 50 (272.00 B)") {
		t.Errorf("Summary:\n%s", s)
	}
}

// One training step of the benchmark MLP, in either dtype and split over
// two cores, allocates nothing once its buffers exist.
func TestTrainStepAllocatesNothing(t *testing.T) {
	prev := runtime.GOMAXPROCS(2)
	defer runtime.GOMAXPROCS(prev)
	xs, ys := benchdata.MLP(128)
	var x, y []float64
	for i := range xs {
		x, y = append(x, xs[i]...), append(y, ys[i]...)
	}
	for _, dtype := range []string{"float64", "float32"} {
		m, err := NewSequential(Dense(256, InputDim(64), Activation("relu"), DType(dtype)),
			Dense(256, Activation("relu"), DType(dtype)), Dense(10, Activation("softmax"), DType(dtype)))
		if err != nil {
			t.Fatal(err)
		}
		if err := m.Compile(CompileOptions{Loss: "categorical_crossentropy", Optimizer: "adam", Metrics: []string{"accuracy"}}); err != nil {
			t.Fatal(err)
		}
		if err := m.ensureBuilt(64); err != nil {
			t.Fatal(err)
		}
		m.opt = m.optCfg.newState(m.params)
		m.trainStep(x, y, nil, 128, 10)
		if allocs := testing.AllocsPerRun(10, func() { m.trainStep(x, y, nil, 128, 10) }); allocs != 0 {
			t.Errorf("%s: %v allocations per step", dtype, allocs)
		}
	}
}
