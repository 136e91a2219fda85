package nnlib

import (
	"math"
	"math/rand/v2"
	"runtime"
	"testing"
)

// gemm's kernel path (large products, odd edges, both layouts of a)
// against a plain triple loop; and the same bits for any number of cores.
func TestGemmMatchesNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	for _, sz := range [][3]int{{37, 29, 50}, {128, 256, 64}, {64, 10, 128}, {5, 8, 1000}, {3, 3, 3}} {
		m, n, k := sz[0], sz[1], sz[2]
		for _, trans := range []bool{false, true} {
			a := make([]float64, m*k)
			b := make([]float64, k*n)
			for i := range a {
				a[i] = rng.NormFloat64()
			}
			for i := range b {
				b[i] = rng.NormFloat64()
			}
			want := make([]float64, m*n)
			for i := 0; i < m; i++ {
				for j := 0; j < n; j++ {
					for l := 0; l < k; l++ {
						av := a[i*k+l]
						if trans {
							av = a[l*m+i]
						}
						want[i*n+j] += av * b[l*n+j]
					}
				}
			}
			var results [][]float64
			for _, procs := range []int{1, 2, 3} {
				prev := runtime.GOMAXPROCS(procs)
				c := make([]float64, m*n)
				gemm(trans, m, n, k, a, b, c)
				runtime.GOMAXPROCS(prev)
				for i := range c {
					if math.Abs(c[i]-want[i]) > 1e-9*float64(k) {
						t.Fatalf("%dx%dx%d trans=%v procs=%d: c[%d] = %v, want %v", m, n, k, trans, procs, i, c[i], want[i])
					}
				}
				results = append(results, c)
			}
			for _, r := range results[1:] {
				for i := range r {
					if r[i] != results[0][i] {
						t.Fatalf("%dx%dx%d trans=%v: result depends on GOMAXPROCS at %d", m, n, k, trans, i)
					}
				}
			}
		}
	}
}

// gemm is a float64 product with a matmul of its own.
func gemm(transA bool, m, n, k int, a, b, c []float64) {
	var mm matmul
	mm.gemm(transA, m, n, k, a, b, c)
}

func TestTranspose(t *testing.T) {
	src := make([]float64, 19*37)
	for i := range src {
		src[i] = float64(i)
	}
	dst := make([]float64, len(src))
	transpose(src, 19, 37, dst)
	for i := 0; i < 19; i++ {
		for j := 0; j < 37; j++ {
			if dst[j*19+i] != src[i*37+j] {
				t.Fatalf("(%d,%d) wrong", i, j)
			}
		}
	}
}
