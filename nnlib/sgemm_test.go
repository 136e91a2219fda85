package nnlib

import (
	"math"
	"math/rand/v2"
	"runtime"
	"testing"
)

// The float32 products (kernel, edge tiles, both layouts of a, several
// cores) against float64 sums of the float32-rounded inputs: each element
// within float32 rounding of a k-term dot product, and the same bits for
// any number of cores.
func TestSgemmMatchesFloat64(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, sz := range [][3]int{{37, 29, 50}, {128, 256, 64}, {128, 10, 256}, {64, 256, 128}, {9, 33, 700}, {3, 3, 3}, {250, 70, 1}, {40, 1030, 300}} {
		m, n, k := sz[0], sz[1], sz[2]
		for _, trans := range []bool{false, true} {
			a := make([]float64, m*k)
			b := make([]float64, k*n)
			c0 := make([]float64, m*n)
			for i := range a {
				a[i] = rng.NormFloat64()
			}
			for i := range b {
				b[i] = rng.NormFloat64()
			}
			for i := range c0 {
				c0[i] = rng.NormFloat64()
			}
			want := make([]float64, m*n)
			bound := make([]float64, m*n)
			for i := 0; i < m; i++ {
				for j := 0; j < n; j++ {
					s, abs := 0.0, 0.0
					for l := 0; l < k; l++ {
						av := a[i*k+l]
						if trans {
							av = a[l*m+i]
						}
						p := float64(float32(av)) * float64(float32(b[l*n+j]))
						s += p
						abs += math.Abs(p)
					}
					want[i*n+j] = c0[i*n+j] + s
					bound[i*n+j] = float64(k+1)*0x1p-24*abs + 1e-15*math.Abs(c0[i*n+j])
				}
			}
			var results [][]float64
			for _, procs := range []int{1, 2, 3} {
				prev := runtime.GOMAXPROCS(procs)
				c := append([]float64(nil), c0...)
				mm := matmul{f32: true}
				mm.gemm(trans, m, n, k, a, b, c)
				runtime.GOMAXPROCS(prev)
				for i := range c {
					if d := math.Abs(c[i] - want[i]); d > bound[i] {
						t.Fatalf("%dx%dx%d trans=%v procs=%d: c[%d] = %v, want %v ± %.3g", m, n, k, trans, procs, i, c[i], want[i], bound[i])
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

// A float32 product is computed in float32: inputs that differ only
// below float32's precision give the same result, unlike in float64.
func TestSgemmRoundsToFloat32(t *testing.T) {
	const m, n, k = 64, 64, 64
	a := make([]float64, m*k)
	b := make([]float64, k*n)
	for i := range a {
		a[i] = 1 + 1e-12*float64(i)
	}
	for i := range b {
		b[i] = 1
	}
	c32 := make([]float64, m*n)
	(&matmul{f32: true}).gemm(false, m, n, k, a, b, c32)
	c64 := make([]float64, m*n)
	gemm(false, m, n, k, a, b, c64)
	for i := range c32 {
		if c32[i] != k {
			t.Fatalf("float32: c[%d] = %v, want exactly %d", i, c32[i], k)
		}
	}
	if c64[len(c64)-1] == k {
		t.Fatalf("float64 product lost the 1e-12 terms")
	}
}

// Large float32 and float64 products split over cores allocate nothing
// once a layer's matmul has its buffers.
func TestGemmAllocatesNothing(t *testing.T) {
	prev := runtime.GOMAXPROCS(2)
	defer runtime.GOMAXPROCS(prev)
	const m, n, k = 128, 256, 256
	a, b, c := make([]float64, m*k), make([]float64, k*n), make([]float64, m*n)
	for _, f32 := range []bool{false, true} {
		mm := matmul{f32: f32}
		mm.gemm(false, m, n, k, a, b, c)
		if allocs := testing.AllocsPerRun(20, func() {
			mm.gemm(false, m, n, k, a, b, c)
			mm.gemm(true, k, n, m, c, b[:m*n], b)
		}); allocs != 0 {
			t.Errorf("f32=%v: %v allocations per product", f32, allocs)
		}
	}
}
