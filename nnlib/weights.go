package nnlib

import (
	"errors"
	"fmt"
)

// rowWeights checks SampleWeight or turns ClassWeight into row weights for
// the targets y, as Keras's class_weight_to_sample_weights; nil when
// neither is given.
func rowWeights(sample []float64, class map[int]float64, y matrix) ([]float64, error) {
	switch {
	case sample != nil && class != nil:
		return nil, errors.New("give SampleWeight or ClassWeight, not both (as Keras)")
	case sample != nil:
		if len(sample) != y.rows {
			return nil, fmt.Errorf("SampleWeight has %d values for %d rows", len(sample), y.rows)
		}
		for i, v := range sample {
			if err := checkNonNegative(fmt.Sprintf("SampleWeight[%d]", i), v); err != nil {
				return nil, err
			}
		}
		return sample, nil
	case class != nil:
		for c, v := range class {
			if err := checkNonNegative(fmt.Sprintf("ClassWeight[%d]", c), v); err != nil {
				return nil, err
			}
		}
		w := make([]float64, y.rows)
		for r := range w {
			row := y.data[r*y.cols : (r+1)*y.cols]
			c := argmax(row)
			if y.cols == 1 {
				c = int(row[0] + 0.5) // Keras rounds the label
			}
			w[r] = 1
			if v, ok := class[c]; ok {
				w[r] = v
			}
		}
		return w, nil
	}
	return nil, nil
}

// weightedLossSum is lossSum with each row's loss times its weight (w nil:
// lossSum).
func weightedLossSum(k lossKind, yt, yp, w []float64, ytCols, cols int) float64 {
	if w == nil {
		return lossSum(k, yt, yp, ytCols, cols)
	}
	total := 0.0
	for r, wr := range w {
		total += wr * lossSum(k, yt[r*ytCols:(r+1)*ytCols], yp[r*cols:(r+1)*cols], ytCols, cols)
	}
	return total
}
