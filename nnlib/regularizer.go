package nnlib

import "math"

// checkRegularizer reports a factor that is negative, NaN or infinite.
func checkRegularizer(l1, l2 float64) error {
	if err := checkNonNegative("regularization factor l1", l1); err != nil {
		return err
	}
	return checkNonNegative("regularization factor l2", l2)
}

// regularizer is a weight penalty added to the loss: l1·Σ|w| + l2·Σw².
type regularizer struct {
	L1, L2 float64
}

func (r regularizer) active() bool { return r.L1 != 0 || r.L2 != 0 }

func (r regularizer) loss(w []float64) float64 {
	s := 0.0
	for _, v := range w {
		s += r.L1*math.Abs(v) + r.L2*v*v
	}
	return s
}

// addGrad adds the penalty's gradient to g.
func (r regularizer) addGrad(w, g []float64) {
	for i, v := range w {
		g[i] += r.L1*sign(v) + 2*r.L2*v
	}
}
