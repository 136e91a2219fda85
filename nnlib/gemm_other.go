//go:build !amd64

package nnlib

// hasAVX2FMA is false off amd64: gemm uses its portable loops.
const hasAVX2FMA = false

func kernel4x8(k int, a []float64, aOff, rs, cs int, b []float64, j, ldb int, c []float64, cOff, ldc int) {
	panic("nnlib: kernel4x8 without AVX2")
}
