package nnlib

import (
	"fmt"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/gonum/blas/blas64"
)

// BenchmarkGemm measures the matrix products in both precisions on the
// MLP benchmark's shapes (batch 128 through 256-wide layers) and on large
// squares, in GFLOP/s (2 flops per multiply-add): the 1024² squares are
// the peak BENCHMARKS.md compares the MLP with. gonum's pure-Go
// blas32/blas64 Gemm (what nnlib used first) on the same squares for
// reference.
func BenchmarkGemm(b *testing.B) {
	for _, sz := range [][3]int{{128, 256, 256}, {128, 256, 64}, {256, 256, 256}, {1024, 1024, 1024}} {
		m, n, k := sz[0], sz[1], sz[2]
		a, bm, c := make([]float64, m*k), make([]float64, k*n), make([]float64, m*n)
		for i := range a {
			a[i] = float64(i%7) - 3
		}
		for i := range bm {
			bm[i] = float64(i%5) - 2
		}
		for _, dtype := range []string{"float64", "float32"} {
			b.Run(fmt.Sprintf("%s/%dx%dx%d", dtype, m, n, k), func(b *testing.B) {
				mm := matmul{f32: dtype == "float32"}
				b.ReportAllocs()
				for b.Loop() {
					mm.gemm(false, m, n, k, a, bm, c)
				}
				b.ReportMetric(2*float64(m*n*k)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
			})
		}
	}
}

func BenchmarkGonumGemm(b *testing.B) {
	const n = 1024
	gflops := func(b *testing.B) {
		b.ReportMetric(2*float64(n*n*n)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
	}
	b.Run("float64/1024x1024x1024", func(b *testing.B) {
		g := func() blas64.General {
			d := make([]float64, n*n)
			for i := range d {
				d[i] = float64(i%7) - 3.5 // no zeros: gonum skips zero elements of a
			}
			return blas64.General{Rows: n, Cols: n, Stride: n, Data: d}
		}
		x, y, z := g(), g(), g()
		for b.Loop() {
			blas64.Gemm(blas.NoTrans, blas.NoTrans, 1, x, y, 1, z)
		}
		gflops(b)
	})
	b.Run("float32/1024x1024x1024", func(b *testing.B) {
		g := func() blas32.General {
			d := make([]float32, n*n)
			for i := range d {
				d[i] = float32(i%7) - 3.5
			}
			return blas32.General{Rows: n, Cols: n, Stride: n, Data: d}
		}
		x, y, z := g(), g(), g()
		for b.Loop() {
			blas32.Gemm(blas.NoTrans, blas.NoTrans, 1, x, y, 1, z)
		}
		gflops(b)
	})
}
