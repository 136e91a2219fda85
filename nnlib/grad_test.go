package nnlib

import (
	"math"
	"math/rand/v2"
	"testing"
)

// numericGradCheck compares backprop's parameter gradients with central
// differences of the loss. Dropout masks are held fixed by reseeding the
// model's random source before every pass.
func numericGradCheck(t *testing.T, m *Sequential, x, y [][]float64) {
	t.Helper()
	xm, err := toMatrix(x, "x")
	if err != nil {
		t.Fatal(err)
	}
	ym, err := toMatrix(y, "y")
	if err != nil {
		t.Fatal(err)
	}
	if err := m.ensureBuilt(xm.cols); err != nil {
		t.Fatal(err)
	}
	lossAt := func() float64 {
		m.rng = rand.New(rand.NewPCG(7, 7))
		out := m.forwardPass(xm.data, xm.rows, true)
		n := xm.rows * m.OutputDim()
		return lossSum(m.loss, ym.data, out[:n], ym.cols, m.OutputDim())/float64(xm.rows) + m.regularizationLoss()
	}
	m.rng = rand.New(rand.NewPCG(7, 7))
	m.backprop(xm.data, ym.data, nil, xm.rows, ym.cols)
	const h = 1e-6
	for pi, p := range m.params {
		analytic := append([]float64(nil), p.grad...)
		for j := range p.value {
			orig := p.value[j]
			p.value[j] = orig + h
			up := lossAt()
			p.value[j] = orig - h
			down := lossAt()
			p.value[j] = orig
			numeric := (up - down) / (2 * h)
			if d := math.Abs(numeric - analytic[j]); d > 1e-6*math.Max(1, math.Abs(numeric)) {
				t.Errorf("param %d (%s) [%d]: analytic %.9g, numeric %.9g", pi, p.name, j, analytic[j], numeric)
				return
			}
		}
	}
}

func randRows(rng *rand.Rand, rows, cols int, lo, hi float64) [][]float64 {
	out := make([][]float64, rows)
	for i := range out {
		out[i] = make([]float64, cols)
		for j := range out[i] {
			out[i][j] = lo + (hi-lo)*rng.Float64()
		}
	}
	return out
}

func mustModel(t *testing.T, loss string, layers ...Layer) *Sequential {
	t.Helper()
	m, err := NewSequential(layers...)
	if err != nil {
		t.Fatal(err)
	}
	m.SetSeed(3)
	if err := m.Compile(CompileOptions{Loss: loss, Optimizer: "sgd"}); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestGradientActivations(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	x := randRows(rng, 5, 3, -2, 2)
	y := randRows(rng, 5, 2, -1, 1)
	for _, name := range ActivationNames() {
		t.Run(name, func(t *testing.T) {
			// As a Dense activation and as an Activation layer.
			m := mustModel(t, "mse",
				Dense(4, InputDim(3), Activation(name), BiasInitializer("random_normal", 0, 0.5)),
				Dense(2), Activation(name))
			numericGradCheck(t, m, x, y)
		})
	}
}

func TestGradientLosses(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	x := randRows(rng, 6, 3, -1, 1)
	reg := randRows(rng, 6, 2, -1, 1)
	binary := [][]float64{{0, 1}, {1, 1}, {0, 0}, {1, 0}, {0.3, 0.8}, {1, 0}}
	onehot := [][]float64{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0, 1, 0}, {0.2, 0.5, 0.3}, {1, 0, 0}}
	sparse := [][]float64{{0}, {2}, {1}, {1}, {0}, {2}}
	hinge := [][]float64{{0, 1}, {1, 1}, {0, 0}, {1, 0}, {0, 1}, {1, 0}}
	cases := []struct {
		loss, act string
		units     int
		y         [][]float64
	}{
		{"mean_squared_error", "linear", 2, reg},
		{"mean_absolute_error", "linear", 2, reg},
		{"huber", "linear", 2, [][]float64{{3, -3}, {0.1, 0.2}, {-2, 2}, {0, 0}, {1.5, -0.2}, {0.4, 4}}},
		{"binary_crossentropy", "sigmoid", 2, binary},
		{"categorical_crossentropy", "softmax", 3, onehot},
		{"categorical_crossentropy", "sigmoid", 3, onehot}, // unnormalised outputs
		{"sparse_categorical_crossentropy", "softmax", 3, sparse},
		{"hinge", "tanh", 2, hinge},
	}
	for _, c := range cases {
		t.Run(c.loss+"/"+c.act, func(t *testing.T) {
			m := mustModel(t, c.loss, Dense(5, InputDim(3), Activation("tanh")), Dense(c.units, Activation(c.act)))
			numericGradCheck(t, m, x, c.y)
		})
	}
}

func TestGradientLayers(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	x := randRows(rng, 7, 4, -1, 1)
	y := randRows(rng, 7, 2, 0, 1)
	t.Run("no_bias_and_regularizers", func(t *testing.T) {
		m := mustModel(t, "mse",
			Dense(6, InputDim(4), Activation("elu"), UseBias(false), KernelRegularizer(0.01, 0.02)),
			Dense(2, Activation("sigmoid"), KernelRegularizer(0, 0.01), BiasRegularizer(0.03, 0)))
		numericGradCheck(t, m, x, y)
	})
	t.Run("large_layers_use_the_kernel", func(t *testing.T) {
		xs := randRows(rng, 40, 36, -1, 1)
		ys := randRows(rng, 40, 10, 0, 1)
		m := mustModel(t, "categorical_crossentropy",
			Dense(48, InputDim(36), Activation("tanh")), Dense(44, Activation("relu")), Dense(10, Activation("softmax")))
		numericGradCheck(t, m, xs, ys)
	})
	t.Run("dropout", func(t *testing.T) {
		m := mustModel(t, "binary_crossentropy",
			Dense(8, InputDim(4), Activation("relu")), Dropout(0.4), Dense(2, Activation("sigmoid")))
		numericGradCheck(t, m, x, y)
	})
}

// The gradient of sigmoid + binary cross-entropy at p = 0.5 is p - y (per
// element, over the batch), not 0.
func TestSigmoidBCEGradientAtHalf(t *testing.T) {
	m := mustModel(t, "binary_crossentropy", Dense(1, InputDim(1), Activation("sigmoid"), KernelInitializer("zeros")))
	x := []float64{1}
	for _, y := range []float64{0, 1} {
		m.backprop(x, []float64{y}, nil, 1, 1)
		if want := 0.5 - y; math.Abs(m.params[0].grad[0]-want) > 1e-12 {
			t.Errorf("y=%v: kernel gradient %v, want p - y = %v", y, m.params[0].grad[0], want)
		}
	}
}
