//go:build !amd64

package nnlib

// hasAVX2FMA is false off amd64: gemm uses its portable loops.
const hasAVX2FMA, hasAVX512 = false, false

func kernel4x8(k int, a []float64, aOff, rs, cs int, b []float64, j, ldb int, c []float64, cOff, ldc int) {
	panic("nnlib: kernel4x8 without AVX2")
}

func kernel4x16(k int, a []float64, aOff, rs, cs int, b []float64, j, ldb int, c []float64, cOff, ldc int) {
	panic("nnlib: kernel4x16 without AVX-512")
}
