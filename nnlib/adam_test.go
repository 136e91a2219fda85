package nnlib

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The vector loop of Adam's update gives the same bits as the Go loop, on
// lengths with and without a tail.
func TestAdamMomentsMatchLoop(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{1, 7, 8, 9, 64, 1001} {
		w, g, m, v := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
		for i := range w {
			w[i], g[i], m[i], v[i] = rng.NormFloat64(), rng.NormFloat64(), rng.NormFloat64()*0.1, math.Abs(rng.NormFloat64())*0.01
		}
		w2, m2, v2 := append([]float64(nil), w...), append([]float64(nil), m...), append([]float64(nil), v...)
		adamMoments(w, g, m, v, 0.9, 0.999, 1e-7, 0.001)
		adamMomentsLoop(w2, g, m2, v2, 0.9, 0.999, 1e-7, 0.001)
		for i := range w {
			if w[i] != w2[i] || m[i] != m2[i] || v[i] != v2[i] {
				t.Fatalf("n=%d, element %d: w %v/%v m %v/%v v %v/%v", n, i, w[i], w2[i], m[i], m2[i], v[i], v2[i])
			}
		}
	}
}
