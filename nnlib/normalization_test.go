package nnlib

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

var (
	_ layerImpl = (*NormalizationLayer)(nil)
	_ layerImpl = (*EmbeddingLayer)(nil)
)

func TestGradientNormalizationAndEmbedding(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	onehot := [][]float64{{1, 0, 0}, {0, 0, 1}, {0, 1, 0}, {1, 0, 0}}
	t.Run("batchnorm", func(t *testing.T) {
		m := mustModel(t, "categorical_crossentropy", Input(4, 3, 2), Conv2D(3, 2, Activation("tanh")), BatchNormalization(),
			Flatten(), Dense(5, Activation("relu")), BatchNormalization(Momentum(0.5), Epsilon(0.01)), Dense(3, Activation("softmax")))
		numericGradCheck(t, m, randRows(rng, 4, 24, -1, 1), onehot)
	})
	t.Run("layernorm", func(t *testing.T) {
		m := mustModel(t, "categorical_crossentropy", Input(6), Dense(5, Activation("tanh")), LayerNormalization(),
			Dense(4), Reshape([]int{2, 2}), LayerNormalization(Epsilon(0.1)), Flatten(), Dense(3, Activation("softmax")))
		numericGradCheck(t, m, randRows(rng, 4, 6, -1, 1), onehot)
	})
	t.Run("embedding", func(t *testing.T) {
		m := mustModel(t, "categorical_crossentropy", Input(3), Embedding(5, 2), Conv1D(2, 2, Activation("tanh")), Flatten(), Dense(3, Activation("softmax")))
		numericGradCheck(t, m, [][]float64{{0, 4, 2}, {1, 1, 3}, {4, 0, 0}, {2, 3, 1}}, onehot)
	})
}

// BatchNormalization's moving statistics are non-trainable weights:
// counted apart in Summary, untouched by the optimizer, saved, and used
// by Predict.
func TestBatchNormalizationInference(t *testing.T) {
	m, err := NewSequential(Input(3), BatchNormalization(Momentum(0)), Dense(1, KernelInitializer("ones")))
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Compile(CompileOptions{Loss: "mse", Optimizer: "sgd"}); err != nil {
		t.Fatal(err)
	}
	s := m.Summary()
	for _, want := range []string{"(None, 3)", " Trainable params: 10 (80.00 B)", " Non-trainable params: 6 (48.00 B)"} {
		if !strings.Contains(s, want) {
			t.Errorf("summary lacks %q:\n%s", want, s)
		}
	}
	x := [][]float64{{1, 2, 3}, {3, 6, 9}}
	// Momentum 0: the moving statistics become the last batch's.
	if _, err := m.Fit(x, []float64{0, 0}, FitOptions{Epochs: 1, NoShuffle: true}); err != nil {
		t.Fatal(err)
	}
	w := m.GetWeights()
	if mean, variance := w[2], w[3]; mean[0] != 2 || mean[1] != 4 || variance[2] != 9 {
		t.Errorf("moving mean %v, variance %v; want the batch's [2 4 6], [1 4 9]", mean, variance)
	}
	path := t.TempDir() + "/bn.json"
	if err := m.Save(path); err != nil {
		t.Fatal(err)
	}
	r, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := m.Predict(x)
	b, _ := r.Predict(x)
	for i := range a {
		if a[i][0] != b[i][0] {
			t.Errorf("reloaded prediction %v, want %v", b[i][0], a[i][0])
		}
	}
	// Inference normalizes with the moving statistics: x = mean gives beta.
	p, _ := m.Predict([][]float64{{2, 4, 6}})
	bias, beta := w[5][0], w[1]
	if want := beta[0] + beta[1] + beta[2] + bias; math.Abs(p[0][0]-want) > 1e-12 {
		t.Errorf("prediction at the moving mean %v, want %v", p[0][0], want)
	}
}

func TestNormalizationAndEmbeddingErrors(t *testing.T) {
	cases := []struct {
		layers []Layer
		want   string
	}{
		{[]Layer{Input(3), BatchNormalization(Momentum(1.5))}, "momentum must be in [0, 1]"},
		{[]Layer{Input(3), BatchNormalization(Epsilon(0))}, "epsilon must be positive"},
		{[]Layer{Input(3), LayerNormalization(Momentum(0.9))}, "LayerNormalization does not take the option Momentum"},
		{[]Layer{Input(3), Embedding(0, 4)}, "input_dim (the number of indices) must be in"},
		{[]Layer{Input(3), Embedding(10, -1)}, "output_dim must be positive"},
		{[]Layer{Input(3), Embedding(10, 4, EmbeddingsInitializer("nope"))}, "unknown initializer"},
	}
	for _, c := range cases {
		_, err := NewSequential(c.layers...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("error %v, want one containing %q", err, c.want)
		}
	}
	m, err := NewSequential(Input(2), Embedding(5, 2), Flatten(), Dense(1))
	if err != nil {
		t.Fatal(err)
	}
	m.Compile(CompileOptions{Loss: "mse"})
	for _, x := range [][][]float64{{{0, 5}}, {{1.5, 0}}, {{-1, 0}}} {
		if _, err := m.Fit(x, []float64{1}, FitOptions{}); err == nil || !strings.Contains(err.Error(), "is not an index in [0, 5)") {
			t.Errorf("Fit on %v: %v", x, err)
		}
		if _, err := m.Predict(x); err == nil {
			t.Errorf("Predict accepted %v", x)
		}
	}
}
