package nnlib

import (
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
)

// gemm computes c = a·b (+ c when accumulate) for row-major a (m×k) and
// b (k×n), with either operand optionally transposed. It goes through
// blas64, so a program can switch to another BLAS with blas64.Use.
func gemm(transA, transB bool, m, n, k int, a, b, c []float64, accumulate bool) {
	if m == 0 || n == 0 {
		return
	}
	ta, tb := blas.NoTrans, blas.NoTrans
	lda, ldb := k, n
	if transA {
		ta, lda = blas.Trans, m
	}
	if transB {
		tb, ldb = blas.Trans, k
	}
	beta := 0.0
	if accumulate {
		beta = 1
	}
	blas64.Implementation().Dgemm(ta, tb, m, n, k, 1, a, lda, b, ldb, beta, c, n)
}
