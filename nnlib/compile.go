package nnlib

import (
	"errors"
	"fmt"
)

// CompileOptions configures training, like the arguments of Keras's
// model.compile.
type CompileOptions struct {
	// Loss is a Keras loss name: "mean_squared_error" ("mse"),
	// "mean_absolute_error" ("mae"), "binary_crossentropy",
	// "categorical_crossentropy", "sparse_categorical_crossentropy",
	// "huber", "hinge".
	Loss string
	// Optimizer is a name ("sgd", "adam", "adamw", "rmsprop", "adagrad")
	// with Keras's defaults, or a configured value such as
	// nnlib.Adam{LearningRate: 0.01} or &nnlib.SGD{LearningRate: 0.1,
	// Momentum: 0.9}. nil means "rmsprop", Keras's default.
	Optimizer any
	// Metrics are Keras metric names logged besides the loss:
	// "accuracy" (resolved as Keras 3 does, by the shapes of the targets and
	// the output: see Fit), "binary_accuracy",
	// "categorical_accuracy", "sparse_categorical_accuracy", "mae", "mse".
	Metrics []string
}

// Compile sets the loss, optimizer and metrics, like model.compile. It
// resets the optimizer state; the weights are kept.
func (m *Sequential) Compile(opts CompileOptions) error {
	if m == nil {
		return errNilModel("Compile")
	}
	if len(m.layers) == 0 {
		return errors.New("nnlib: Compile: the model has no layers; add some with Add or NewSequential")
	}
	loss, err := parseLoss(opts.Loss)
	if err != nil {
		return fmt.Errorf("nnlib: Compile: %w", err)
	}
	opt, err := parseOptimizer(opts.Optimizer)
	if err != nil {
		return fmt.Errorf("nnlib: Compile: %w", err)
	}
	metrics := make([]metric, 0, len(opts.Metrics))
	for _, name := range opts.Metrics {
		mt, err := parseMetric(name)
		if err != nil {
			return fmt.Errorf("nnlib: Compile: %w", err)
		}
		for _, have := range metrics {
			if have.key == mt.key {
				return fmt.Errorf("nnlib: Compile: metric %q listed twice", name)
			}
		}
		metrics = append(metrics, mt)
	}
	m.loss, m.optCfg, m.metrics = loss, opt, metrics
	m.compiled = true
	m.opt = nil
	if m.built {
		m.opt = opt.newState(m.params)
	}
	return nil
}

// checkTargets verifies that y fits the model's output for the compiled loss.
func (m *Sequential) checkTargets(x, y matrix, what string) error {
	if y.rows != x.rows {
		return fmt.Errorf("%s: x has %d rows but y has %d; they must match", what, x.rows, y.rows)
	}
	out := m.OutputDim()
	last := m.layers[len(m.layers)-1].Name()
	resolveAccuracy(m.metrics, y.cols, out)
	if m.loss == lossSparseCCE {
		if y.cols != 1 {
			return fmt.Errorf("%s: sparse_categorical_crossentropy wants one integer class label per row, got y of shape (None, %d)", what, y.cols)
		}
		for i, v := range y.data {
			if v != float64(int(v)) || v < 0 || int(v) >= out {
				return fmt.Errorf("%s: label %v at row %d is not a class index in [0, %d) for layer %q", what, v, i, out, last)
			}
		}
		return nil
	}
	if y.cols != out {
		return fmt.Errorf("%s: layer %q outputs shape (None, %d) but y has shape (None, %d)", what, last, out, y.cols)
	}
	return nil
}
