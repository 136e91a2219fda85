package nnlib

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

// Epochs 0 trains nothing, as model.fit(epochs=0): no step, no output,
// an empty history; so does an InitialEpoch at Epochs.
func TestEpochsZeroTrainsNothing(t *testing.T) {
	x, y := xorData()
	for _, o := range []FitOptions{{Epochs: 0, Verbose: 2}, {Epochs: 3, InitialEpoch: 3, Verbose: 2}} {
		m := tutorialModel(t)
		before := m.GetWeights()
		var out bytes.Buffer
		o.Output = &out
		h, err := m.Fit(x, y, o)
		if err != nil {
			t.Fatal(err)
		}
		if h.Len() != 0 || out.Len() != 0 {
			t.Errorf("%+v: %d epochs, output %q; want none", o, h.Len(), out.String())
		}
		if maxAbsDiff(flatten(before), flatten(m.GetWeights())) != 0 || m.opt.iterations != 0 {
			t.Errorf("%+v: the weights changed", o)
		}
	}
}

func flatten(w [][]float64) []float64 {
	var out []float64
	for _, v := range w {
		out = append(out, v...)
	}
	return out
}

// EarlyStopping's default monitor, val_loss, without validation data:
// Keras 3 warns once and trains every epoch.
func TestEarlyStoppingMissingMonitorWarns(t *testing.T) {
	m := tutorialModel(t)
	x, y := xorData()
	es, err := EarlyStopping(EarlyStoppingOptions{Patience: 1})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	h, err := m.Fit(x, y, FitOptions{Epochs: 20, Callbacks: []Callback{es}, Output: &out})
	if err != nil {
		t.Fatal(err)
	}
	if h.Len() != 20 {
		t.Errorf("trained %d epochs, want all 20", h.Len())
	}
	want := "UserWarning: Early stopping conditioned on metric `val_loss` which is not available. Available metrics are: binary_accuracy,loss\n"
	if out.String() != want {
		t.Errorf("output %q, want the warning once: %q", out.String(), want)
	}
}

// "accuracy" resolves as Keras 3 does, by shapes and not by the loss:
// several sigmoid outputs trained with binary_crossentropy log categorical
// accuracy; one target column for several outputs is sparse; one output
// is binary.
func TestAccuracyResolvesByShape(t *testing.T) {
	x := [][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}
	cases := []struct {
		name    string
		loss    string
		units   int
		act     string
		y       any
		sameAs  string
		differs string
	}{
		{"multi-label sigmoid", "binary_crossentropy", 3, "sigmoid",
			[][]float64{{1, 1, 0}, {0, 1, 1}, {1, 0, 1}, {0, 0, 1}}, "categorical_accuracy", "binary_accuracy"},
		{"sparse labels", "sparse_categorical_crossentropy", 3, "softmax", []float64{0, 1, 2, 1}, "sparse_categorical_accuracy", ""},
		{"one output with mse", "mse", 1, "sigmoid", []float64{0, 1, 1, 0}, "binary_accuracy", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, err := NewSequential(Dense(c.units, InputDim(2), Activation(c.act), KernelInitializer("random_normal", 0, 1)))
			if err != nil {
				t.Fatal(err)
			}
			metrics := []string{"accuracy", c.sameAs}
			if c.differs != "" {
				metrics = append(metrics, c.differs)
			}
			if err := m.Compile(CompileOptions{Loss: c.loss, Metrics: metrics}); err != nil {
				t.Fatal(err)
			}
			m.SetSeed(3)
			res, err := m.Evaluate(x, c.y)
			if err != nil {
				t.Fatal(err)
			}
			if res["accuracy"] != res[c.sameAs] {
				t.Errorf("accuracy %v, %s %v: want equal", res["accuracy"], c.sameAs, res[c.sameAs])
			}
			if c.differs != "" && res["accuracy"] == res[c.differs] {
				t.Errorf("accuracy %v equals %s: this case cannot tell them apart", res["accuracy"], c.differs)
			}
		})
	}
}

// nnlib.Float(0) is zero; nil is Keras's default. Through Compile: the
// resolved configuration holds the values that train.
func TestZeroOptionsAreZero(t *testing.T) {
	cfg, err := parseOptimizer(Adam{Beta1: Float(0), Epsilon: Float(0)})
	if err != nil {
		t.Fatal(err)
	}
	a := cfg.(*Adam)
	if *a.Beta1 != 0 || *a.Epsilon != 0 || *a.Beta2 != 0.999 || a.LearningRate != 0.001 {
		t.Errorf("resolved Adam: beta1 %v epsilon %v beta2 %v lr %v", *a.Beta1, *a.Epsilon, *a.Beta2, a.LearningRate)
	}
	cfg, _ = parseOptimizer(AdamW{WeightDecay: Float(0)})
	if w := cfg.(*AdamW); *w.WeightDecay != 0 {
		t.Errorf("AdamW weight decay %v, want 0", *w.WeightDecay)
	}
	cfg, _ = parseOptimizer("adamw")
	if w := cfg.(*AdamW); *w.WeightDecay != 0.004 {
		t.Errorf("AdamW default weight decay %v, want 0.004", *w.WeightDecay)
	}
	// A model saved with zero options comes back with them.
	m := tutorialModel(t)
	if err := m.Compile(CompileOptions{Loss: "mse", Optimizer: RMSprop{Rho: Float(0)}}); err != nil {
		t.Fatal(err)
	}
	data, err := m.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	back, err := UnmarshalModel(data)
	if err != nil {
		t.Fatal(err)
	}
	if r := back.optCfg.(*RMSprop); *r.Rho != 0 || math.Abs(*r.Epsilon-1e-7) > 0 {
		t.Errorf("reloaded RMSprop rho %v epsilon %v", *r.Rho, *r.Epsilon)
	}
	if !strings.Contains(string(data), `"Rho":0`) {
		t.Errorf("saved config lacks Rho 0: %s", data)
	}
}
