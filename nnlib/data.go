package nnlib

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// matrix is a row-major block of rows×cols values.
type matrix struct {
	rows, cols int
	data       []float64
}

// toMatrix copies x into a matrix. Accepted: [][]float64 (rows), *mat.Dense
// or any mat.Matrix, []float64 (one value per row), [][]int and []int.
func toMatrix(x any, what string) (matrix, error) {
	switch v := x.(type) {
	case nil:
		return matrix{}, fmt.Errorf("%s is nil", what)
	case [][]float64:
		if len(v) == 0 {
			return matrix{}, fmt.Errorf("%s is empty", what)
		}
		cols := len(v[0])
		if cols == 0 {
			return matrix{}, fmt.Errorf("%s: row 0 is empty", what)
		}
		m := matrix{rows: len(v), cols: cols, data: make([]float64, 0, len(v)*cols)}
		for i, row := range v {
			if len(row) != cols {
				return matrix{}, fmt.Errorf("%s is ragged: row 0 has %d values, row %d has %d", what, cols, i, len(row))
			}
			m.data = append(m.data, row...)
		}
		return m, checkFinite(m.data, what)
	case [][]int:
		f := make([][]float64, len(v))
		for i, row := range v {
			f[i] = make([]float64, len(row))
			for j, n := range row {
				f[i][j] = float64(n)
			}
		}
		return toMatrix(f, what)
	case []float64:
		if len(v) == 0 {
			return matrix{}, fmt.Errorf("%s is empty", what)
		}
		m := matrix{rows: len(v), cols: 1, data: append([]float64(nil), v...)}
		return m, checkFinite(m.data, what)
	case []int:
		if len(v) == 0 {
			return matrix{}, fmt.Errorf("%s is empty", what)
		}
		m := matrix{rows: len(v), cols: 1, data: make([]float64, len(v))}
		for i, n := range v {
			m.data[i] = float64(n)
		}
		return m, nil
	case mat.Matrix:
		r, c := v.Dims()
		if r == 0 || c == 0 {
			return matrix{}, fmt.Errorf("%s is empty", what)
		}
		m := matrix{rows: r, cols: c, data: make([]float64, r*c)}
		dst := mat.NewDense(r, c, m.data)
		dst.Copy(v)
		return m, checkFinite(m.data, what)
	}
	return matrix{}, fmt.Errorf("%s has type %T; use [][]float64 (one slice per row), []float64, or a gonum *mat.Dense", what, x)
}

// checkFinite reports the first NaN or Inf in v.
func checkFinite(v []float64, what string) error {
	for i, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Errorf("%s contains %v at index %d; inputs must be finite", what, x, i)
		}
	}
	return nil
}

// rowsOf converts a matrix back to rows.
func (m matrix) rowsOf() [][]float64 {
	out := make([][]float64, m.rows)
	for i := range out {
		out[i] = m.data[i*m.cols : (i+1)*m.cols : (i+1)*m.cols]
	}
	return out
}

// OneHot encodes integer class labels as rows of numClasses values, like
// keras.utils.to_categorical.
func OneHot(labels []int, numClasses int) ([][]float64, error) {
	if numClasses <= 0 {
		return nil, fmt.Errorf("nnlib: OneHot: numClasses must be positive, got %d", numClasses)
	}
	if len(labels) > 0 {
		if err := checkTensorSize("nnlib: OneHot: the result", len(labels), numClasses); err != nil {
			return nil, err
		}
	}
	out := make([][]float64, len(labels))
	for i, c := range labels {
		if c < 0 || c >= numClasses {
			return nil, fmt.Errorf("nnlib: OneHot: label %d at index %d is outside [0, %d)", c, i, numClasses)
		}
		out[i] = make([]float64, numClasses)
		out[i][c] = 1
	}
	return out, nil
}

// ToDense converts rows to a gonum matrix (copying them).
func ToDense(rows [][]float64) (*mat.Dense, error) {
	m, err := toMatrix(rows, "rows")
	if err != nil {
		return nil, fmt.Errorf("nnlib: ToDense: %w", err)
	}
	return mat.NewDense(m.rows, m.cols, m.data), nil
}
