package nnlib

import (
	"errors"
	"fmt"
)

// predictBatch is Keras's default batch size for predict and evaluate.
const predictBatch = 32

// PredictOptions configures Predict, like the arguments of model.predict.
type PredictOptions struct {
	// BatchSize is the number of rows per forward pass (default 32).
	BatchSize int
}

// EvaluateOptions configures Evaluate, like the arguments of
// model.evaluate.
type EvaluateOptions struct {
	// BatchSize is the number of rows per forward pass (default 32).
	BatchSize int
	// SampleWeight weighs each row's loss, as FitOptions.SampleWeight.
	SampleWeight []float64
}

// batchSize resolves an optional batch size given to Predict or Evaluate.
func batchSize(n int) (int, error) {
	if n < 0 {
		return 0, fmt.Errorf("BatchSize must be positive, got %d", n)
	}
	if n == 0 {
		return predictBatch, nil
	}
	return n, nil
}

// Predict returns the model's output for every row of x, like
// model.predict. x is [][]float64, []float64 (one value per row, for a
// single input) or a gonum matrix. An optional PredictOptions sets the
// batch size.
func (m *Sequential) Predict(x any, opts ...PredictOptions) ([][]float64, error) {
	if m == nil {
		return nil, errNilModel("Predict")
	}
	var o PredictOptions
	if len(opts) > 1 {
		return nil, errors.New("nnlib: Predict: give at most one PredictOptions")
	} else if len(opts) == 1 {
		o = opts[0]
	}
	batch, err := batchSize(o.BatchSize)
	if err != nil {
		return nil, fmt.Errorf("nnlib: Predict: %w", err)
	}
	xm, err := toMatrix(x, "x")
	if err != nil {
		return nil, fmt.Errorf("nnlib: Predict: %w", err)
	}
	if err := m.ensureBuilt(xm.cols); err != nil {
		return nil, fmt.Errorf("nnlib: Predict: %w", err)
	}
	if err := m.checkInput(xm, "x"); err != nil {
		return nil, fmt.Errorf("nnlib: Predict: %w", err)
	}
	cols := m.OutputDim()
	out := matrix{rows: xm.rows, cols: cols, data: make([]float64, xm.rows*cols)}
	for start := 0; start < xm.rows; start += batch {
		rows := min(batch, xm.rows-start)
		y := m.forwardPass(xm.data[start*xm.cols:(start+rows)*xm.cols], rows, false)
		copy(out.data[start*cols:], y[:rows*cols])
	}
	return out.rowsOf(), nil
}

// Evaluate returns the loss and metrics on x and y in inference mode,
// keyed by Keras's names ("loss", "binary_accuracy", ...), like
// model.evaluate. An optional EvaluateOptions sets the batch size and row
// weights.
func (m *Sequential) Evaluate(x, y any, opts ...EvaluateOptions) (map[string]float64, error) {
	if m == nil {
		return nil, errNilModel("Evaluate")
	}
	var o EvaluateOptions
	if len(opts) > 1 {
		return nil, errors.New("nnlib: Evaluate: give at most one EvaluateOptions")
	} else if len(opts) == 1 {
		o = opts[0]
	}
	batch, err := batchSize(o.BatchSize)
	if err != nil {
		return nil, fmt.Errorf("nnlib: Evaluate: %w", err)
	}
	if !m.compiled {
		return nil, errors.New("nnlib: Evaluate: the model is not compiled; call Compile first")
	}
	xm, err := toMatrix(x, "x")
	if err != nil {
		return nil, fmt.Errorf("nnlib: Evaluate: %w", err)
	}
	ym, err := toMatrix(y, "y")
	if err != nil {
		return nil, fmt.Errorf("nnlib: Evaluate: %w", err)
	}
	if err := m.ensureBuilt(xm.cols); err != nil {
		return nil, fmt.Errorf("nnlib: Evaluate: %w", err)
	}
	if err := m.checkInput(xm, "x"); err != nil {
		return nil, fmt.Errorf("nnlib: Evaluate: %w", err)
	}
	if err := m.checkTargets(xm, ym, "Evaluate"); err != nil {
		return nil, fmt.Errorf("nnlib: %w", err)
	}
	sums := make([]float64, len(m.metrics)+1)
	w, err := rowWeights(o.SampleWeight, nil, ym)
	if err != nil {
		return nil, fmt.Errorf("nnlib: Evaluate: %w", err)
	}
	m.evaluateData(xm, ym, w, batch, sums)
	res := map[string]float64{"loss": sums[0]}
	for i, mt := range m.metrics {
		res[mt.key] = sums[i+1]
	}
	return res, nil
}
