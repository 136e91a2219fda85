//go:build !amd64

package nnlib

// adamMoments updates Adam's moments and the weights (no AMSGrad).
func adamMoments(w, g, m, v []float64, b1, b2, eps, alpha float64) {
	adamMomentsLoop(w, g, m, v, b1, b2, eps, alpha)
}
