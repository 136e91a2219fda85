// Package benchdata makes the synthetic data sets that nnlib's benchmarks
// and the bench/nnbench comparison with PyTorch train on, so that both
// measure the same work.
package benchdata

import "math/rand/v2"

// MLP returns rows samples of 64 standard-normal features with one-hot
// targets over 10 classes, the same for every call (a fixed seed).
func MLP(rows int) (x, y [][]float64) {
	rng := rand.New(rand.NewPCG(1, 1))
	x = make([][]float64, rows)
	y = make([][]float64, rows)
	for i := range x {
		x[i] = make([]float64, 64)
		for j := range x[i] {
			x[i][j] = rng.NormFloat64()
		}
		y[i] = make([]float64, 10)
		y[i][rng.IntN(10)] = 1
	}
	return x, y
}
