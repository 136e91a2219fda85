package nnlib

import (
	"math/rand/v2"
	"strings"
	"testing"
)

var (
	_ layerImpl = (*ConvLayer)(nil)
	_ layerImpl = (*PoolingLayer)(nil)
	_ layerImpl = (*ReshapeLayer)(nil)
)

// The convolution, pooling and reshaping layers' gradients (their own
// weights', and through them their inputs') match central differences.
func TestGradientImageLayers(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	x := randRows(rng, 3, 6*5*2, -1, 1)
	onehot := [][]float64{{1, 0, 0}, {0, 0, 1}, {0, 1, 0}}
	cases := []struct {
		name   string
		layers []Layer
	}{
		{"conv_valid_maxpool", []Layer{Input(6, 5, 2), Conv2D(3, 3, Activation("tanh"), BiasInitializer("random_normal", 0, 0.3)),
			Conv2D(4, 2, Activation("relu"), BiasInitializer("random_normal", 0.1, 0.1)), MaxPooling2D(2), Flatten(), Dense(3, Activation("softmax"))}},
		{"conv_same_strides", []Layer{Input(6, 5, 2), Conv2D(3, 3, Padding("same"), Strides(2), Activation("elu")),
			Conv2D(2, 2, Padding("same"), Activation("sigmoid"), UseBias(false)), Flatten(), Dense(3, Activation("softmax"))}},
		{"avgpool_same_global", []Layer{Input(6, 5, 2), Conv2D(3, 1, Activation("tanh")), AveragePooling2D(2, Padding("same")),
			Conv2D(4, 2, Activation("tanh")), GlobalAveragePooling2D(), Dense(3, Activation("softmax"))}},
		{"maxpool_same_strides_globalmax", []Layer{Input(6, 5, 2), Conv2D(3, 2, Activation("tanh")), MaxPooling2D(3, Strides(1), Padding("same")),
			Conv2D(4, 2), GlobalMaxPooling2D(), Dense(3, Activation("softmax"))}},
		{"reshape_conv1d_dense_last_axis", []Layer{Input(60), Reshape([]int{12, -1}), Conv1D(4, 3, Activation("tanh"), KernelRegularizer(0.01, 0.01)),
			MaxPooling1D(2), Dense(2, Activation("tanh")), AveragePooling1D(2, Padding("same")), Flatten(), Dense(3, Activation("softmax"))}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := mustModel(t, "categorical_crossentropy", c.layers...)
			numericGradCheck(t, m, x, onehot)
		})
	}
}

// Keras's output shapes and parameter counts for the digits CNN.
func TestConvSummary(t *testing.T) {
	m, err := NewSequential(Input(8, 8, 1),
		Conv2D(8, 3, Activation("relu")),
		MaxPooling2D(2),
		Conv2D(16, 3, Padding("same"), Strides(2)),
		Flatten(),
		Dense(10, Activation("softmax")))
	if err != nil {
		t.Fatal(err)
	}
	s := m.Summary()
	for _, want := range []string{
		"│ conv2d (Conv2D)                 │ (None, 6, 6, 8)        │            80 │",
		"│ max_pooling2d (MaxPooling2D)    │ (None, 3, 3, 8)        │             0 │",
		"│ conv2d_1 (Conv2D)               │ (None, 2, 2, 16)       │          1168 │",
		"│ flatten (Flatten)               │ (None, 64)             │             0 │",
		"│ dense (Dense)                   │ (None, 10)             │           650 │",
		" Total params: 1898 (14.83 KB)",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("summary lacks %q:\n%s", want, s)
		}
	}
}

// stripes is a toy image set: 6×6 one-channel images with a horizontal
// (class 0) or vertical (class 1) bar at a random place, plus noise.
func stripes(n int, seed uint64) (x [][]float64, y []int) {
	rng := rand.New(rand.NewPCG(seed, 1))
	for i := 0; i < n; i++ {
		img := make([]float64, 36)
		for j := range img {
			img[j] = 0.2 * rng.Float64()
		}
		c, at := i%2, rng.IntN(6)
		for k := 0; k < 6; k++ {
			if c == 0 {
				img[at*6+k] = 1
			} else {
				img[k*6+at] = 1
			}
		}
		x, y = append(x, img), append(y, c)
	}
	return x, y
}

func stripesModel(t *testing.T) *Sequential {
	t.Helper()
	m, err := NewSequential(Input(6, 6, 1),
		Conv2D(8, 3, Activation("relu"), Padding("same")),
		MaxPooling2D(2),
		Conv2D(8, 3, Activation("relu")),
		Flatten(),
		Dense(2, Activation("softmax")))
	if err != nil {
		t.Fatal(err)
	}
	m.SetSeed(5)
	if err := m.Compile(CompileOptions{Loss: "sparse_categorical_crossentropy", Optimizer: "adam", Metrics: []string{"accuracy"}}); err != nil {
		t.Fatal(err)
	}
	return m
}

// A small CNN learns to tell horizontal from vertical bars, and a saved
// and reloaded copy predicts and trains on bit-identically.
func TestConvTrainsAndRoundTrips(t *testing.T) {
	x, y := stripes(64, 1)
	m := stripesModel(t)
	h, err := m.Fit(x, y, FitOptions{Epochs: 80, BatchSize: 16})
	if err != nil {
		t.Fatal(err)
	}
	tx, ty := stripes(40, 2)
	res, err := m.Evaluate(tx, ty)
	if err != nil {
		t.Fatal(err)
	}
	if acc, _ := h.Last("accuracy"); acc < 0.95 || res["accuracy"] < 0.95 {
		t.Errorf("training accuracy %v, test accuracy %v; want ≥ 0.95", acc, res["accuracy"])
	}
	path := t.TempDir() + "/cnn.json"
	if err := m.Save(path); err != nil {
		t.Fatal(err)
	}
	r, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if r.Summary() != m.Summary() || r.String() != m.String() {
		t.Errorf("reloaded model differs:\n%s\n%s", r.Summary(), m.Summary())
	}
	m.Fit(x, y, FitOptions{Epochs: 2, BatchSize: 16})
	r.Fit(x, y, FitOptions{Epochs: 2, BatchSize: 16})
	a, b := m.GetWeights(), r.GetWeights()
	for i := range a {
		for j := range a[i] {
			if a[i][j] != b[i][j] {
				t.Fatalf("reloaded model diverged at weight %d[%d]", i, j)
			}
		}
	}
	if got := r.String(); got != "Sequential(6, 6, 1 → Conv2D(8, 3, relu) → MaxPooling2D(2) → Conv2D(8, 3, relu) → Flatten → Dense(2, softmax))" {
		t.Errorf("String() = %s", got)
	}
}

// Bad shapes and arguments are errors naming the problem, never panics.
func TestImageLayerErrors(t *testing.T) {
	cases := []struct {
		layers []Layer
		want   string
	}{
		{[]Layer{Input(8, 8, 0)}, "every axis must be"},
		{[]Layer{Input()}, "at least one axis"},
		{[]Layer{Input(8, 8, 1), Conv2D(0, 3)}, "filters must be"},
		{[]Layer{Input(8, 8, 1), Conv2D(4, -1)}, "kernel size must be"},
		{[]Layer{Input(8, 8, 1), Conv2D(4, 9)}, "does not fit"},
		{[]Layer{Input(8, 8, 1), Conv2D(4, 3, Strides(0))}, "strides must be positive"},
		{[]Layer{Input(8, 8, 1), Conv2D(4, 3, Strides(1, 2, 3))}, "strides takes 1 or 2 values"},
		{[]Layer{Input(8, 8, 1), Conv2D(4, 3, Padding("full"))}, `padding must be "valid" or "same"`},
		{[]Layer{Input(64), Conv2D(4, 3)}, "Conv2D expects input of shape (None, height, width, channels), got (None, 64)"},
		{[]Layer{Input(8, 8, 1), Conv1D(4, 3)}, "Conv1D expects input of shape (None, steps, channels)"},
		{[]Layer{Input(8, 8, 1), MaxPooling2D(0)}, "pool size must be"},
		{[]Layer{Input(8, 8, 1), MaxPooling2D(2, Activation("relu"))}, "MaxPooling2D does not take the option Activation"},
		{[]Layer{Input(8, 8, 1), Flatten(Strides(2))}, "Flatten does not take the option Strides"},
		{[]Layer{Dense(4, Padding("same"))}, "Dense does not take the option Padding"},
		{[]Layer{Input(64), Reshape([]int{7, -1})}, "cannot reshape (None, 64)"},
		{[]Layer{Input(64), Reshape([]int{-1, -1})}, "at most one axis can be -1"},
		{[]Layer{Input(64), Reshape(nil)}, "needs a target shape"},
		{[]Layer{Input(8, 8, 1), Conv2D(4, 3), Input(3)}, "Input must come first"},
		{[]Layer{Input(8, 8, 1), Conv2D(4, 3, InputShape(8, 8, 2))}, "expects input of shape (None, 8, 8, 2), got (None, 8, 8, 1)"},
		{[]Layer{Input(1<<20, 1<<20)}, "more than"},
	}
	for _, c := range cases {
		_, err := NewSequential(c.layers...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("error %v, want one containing %q", err, c.want)
		}
	}
	m := stripesModel(t)
	if _, err := m.Fit([][]float64{{1, 2, 3}}, []int{0}, FitOptions{}); err == nil || !strings.Contains(err.Error(), "expects input of shape (None, 6, 6, 1), that is rows of 36 values, got rows of 3") {
		t.Errorf("wrong row width: %v", err)
	}
	if _, err := m.Predict([][]float64{{1, 2, 3}}); err == nil {
		t.Errorf("Predict accepted rows of the wrong width")
	}
}

// Model files with absurd layer sizes are errors before any allocation.
func TestLoadRejectsHugeImageLayers(t *testing.T) {
	for _, layer := range []string{
		`{"class": "Conv2D", "name": "c", "filters": 1099511627776, "kernel_size": [3], "strides": [1], "padding": "valid", "activation": "linear"}`,
		`{"class": "Conv2D", "name": "c", "filters": 65536, "kernel_size": [4096], "strides": [1], "padding": "same", "activation": "linear"}`,
		`{"class": "MaxPooling2D", "name": "p", "pool_size": [0], "strides": [1], "padding": "valid"}`,
		`{"class": "Embedding", "name": "e", "input_dim": 1099511627776, "output_dim": 8}`,
		`{"class": "Reshape", "name": "r", "target_shape": [1099511627776, -1]}`,
		`{"class": "Conv2D", "name": "c", "filters": 4, "kernel_size": [3], "strides": [], "padding": "valid", "activation": "linear"}`,
	} {
		file := `{"format": "nnlib-sequential", "version": 1, "name": "m", "input_shape": [8, 8, 1], "layers": [` + layer + `], "weights": []}`
		if _, err := UnmarshalModel([]byte(file)); err == nil {
			t.Errorf("accepted %s", layer)
		}
	}
	if _, err := UnmarshalModel([]byte(`{"format": "nnlib-sequential", "version": 1, "input_shape": [1099511627776, 2], "layers": []}`)); err == nil || !strings.Contains(err.Error(), "input_shape") {
		t.Errorf("huge input shape: %v", err)
	}
}
