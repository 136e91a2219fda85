package nnlib

import (
	"fmt"
	"testing"
)

// BenchmarkGemm measures the matrix products in both precisions on the
// MLP benchmark's shapes (batch 128 through 256-wide layers) and on large
// squares, in GFLOP/s (2 flops per multiply-add).
func BenchmarkGemm(b *testing.B) {
	for _, sz := range [][3]int{{128, 256, 256}, {128, 256, 64}, {1024, 1024, 1024}} {
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
