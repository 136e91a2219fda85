package nnlib

import (
	"errors"
	"fmt"
)

// predictBatch is Keras's default batch size for predict and evaluate.
const predictBatch = 32

// Predict returns the model's output for every row of x, like
// model.predict. x is [][]float64, []float64 (one value per row, for a
// single input) or a gonum matrix.
func (m *Sequential) Predict(x any) ([][]float64, error) {
	if m == nil {
		return nil, errNilModel("Predict")
	}
	xm, err := toMatrix(x, "x")
	if err != nil {
		return nil, fmt.Errorf("nnlib: Predict: %w", err)
	}
	if err := m.ensureBuilt(xm.cols); err != nil {
		return nil, fmt.Errorf("nnlib: Predict: %w", err)
	}
	cols := m.OutputDim()
	out := matrix{rows: xm.rows, cols: cols, data: make([]float64, xm.rows*cols)}
	for start := 0; start < xm.rows; start += predictBatch {
		rows := min(predictBatch, xm.rows-start)
		y := m.forwardPass(xm.data[start*xm.cols:(start+rows)*xm.cols], rows, false)
		copy(out.data[start*cols:], y[:rows*cols])
	}
	return out.rowsOf(), nil
}

// Evaluate returns the loss and metrics on x and y in inference mode,
// keyed by Keras's names ("loss", "binary_accuracy", ...), like
// model.evaluate.
func (m *Sequential) Evaluate(x, y any) (map[string]float64, error) {
	if m == nil {
		return nil, errNilModel("Evaluate")
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
	if err := m.checkTargets(xm, ym, "Evaluate"); err != nil {
		return nil, fmt.Errorf("nnlib: %w", err)
	}
	sums := make([]float64, len(m.metrics)+1)
	m.evaluateData(xm, ym, predictBatch, sums)
	res := map[string]float64{"loss": sums[0]}
	for i, mt := range m.metrics {
		res[mt.key] = sums[i+1]
	}
	return res, nil
}
