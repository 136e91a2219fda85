package nnlib

// adamConsts are the constants of one Adam step: 1-b1, 1-b2, alpha, eps.
type adamConsts [4]float64

// adamMoments8 is the AVX-512 loop of adamMoments in adam_amd64.s.
//
//go:noescape
func adamMoments8(w, grad, m, v *float64, n int, k *adamConsts)

// adamMoments updates Adam's moments and the weights (no AMSGrad): the
// bulk with AVX-512 when the CPU has it, the rest in Go, with the same
// bits either way.
func adamMoments(w, g, m, v []float64, b1, b2, eps, alpha float64) {
	n := len(w)
	if bulk := n &^ 7; bulk > 0 && hasAVX512 {
		_, _, _ = g[n-1], m[n-1], v[n-1]
		k := adamConsts{1 - b1, 1 - b2, alpha, eps}
		adamMoments8(&w[0], &g[0], &m[0], &v[0], bulk, &k)
		w, g, m, v = w[bulk:], g[bulk:n], m[bulk:n], v[bulk:n]
	}
	adamMomentsLoop(w, g, m, v, b1, b2, eps, alpha)
}
