package nnlib

import (
	"runtime"
	"sync"
)

// gemm adds op(a)·b to c, all row-major: c is m×n, b is k×n, and a is m×k
// (or k×m when transA, which multiplies by its transpose).
//
// Large products run an AVX-512 or AVX2/FMA micro-kernel on 4×16 or 4×8
// blocks of c, split by
// rows over the available cores. Every element of c is computed the same
// way whatever the split (blocks are aligned to 4 rows), so results are
// bit-identical for any GOMAXPROCS.
func gemm(transA bool, m, n, k int, a, b, c []float64) {
	if m == 0 || n == 0 || k == 0 {
		return
	}
	rs, cs := k, 1 // element (i, l) of op(a) is a[i*rs + l*cs]
	if transA {
		rs, cs = 1, m
	}
	if !hasAVX2FMA || m*n*k < 1<<14 {
		gemmLoops(0, m, n, k, a, rs, cs, b, c)
		return
	}
	workers := runtime.GOMAXPROCS(0)
	if blocks := m / 4; workers > blocks {
		workers = max(blocks, 1)
	}
	if workers == 1 || m*n*k < 1<<18 {
		gemmRows(0, m, m, n, k, a, rs, cs, b, c)
		return
	}
	gemmParallel(workers, m, n, k, a, rs, cs, b, c)
}

// gemmParallel splits the rows of c over workers goroutines. (A function
// of its own so that the small, serial calls above allocate nothing.)
func gemmParallel(workers, m, n, k int, a []float64, rs, cs int, b, c []float64) {
	per := (m/4 + workers - 1) / workers * 4
	var wg sync.WaitGroup
	for lo := 0; lo < m; lo += per {
		hi := min(lo+per, m)
		wg.Add(1)
		go func() {
			defer wg.Done()
			gemmRows(lo, hi, m, n, k, a, rs, cs, b, c)
		}()
	}
	wg.Wait()
}

// gemmRows computes rows [lo, hi) of c with the kernel; the rows and
// columns that do not fill a 4×8 block go through gemmLoops.
func gemmRows(lo, hi, m, n, k int, a []float64, rs, cs int, b, c []float64) {
	fullRows := lo + (hi-lo)/4*4
	j := 0
	if hasAVX512 {
		for ; j+16 <= n; j += 16 {
			for i := lo; i < fullRows; i += 4 {
				kernel4x16(k, a, i*rs, rs, cs, b, j, n, c, i*n+j, n)
			}
		}
	}
	for ; j+8 <= n; j += 8 {
		for i := lo; i < fullRows; i += 4 {
			kernel4x8(k, a, i*rs, rs, cs, b, j, n, c, i*n+j, n)
		}
	}
	fullCols := j
	if fullCols < n {
		gemmCols(lo, fullRows, fullCols, n, n, k, a, rs, cs, b, c)
	}
	gemmLoops(fullRows, hi, n, k, a, rs, cs, b, c)
}

// gemmLoops computes rows [lo, hi) of c with plain loops.
func gemmLoops(lo, hi, n, k int, a []float64, rs, cs int, b, c []float64) {
	gemmCols(lo, hi, 0, n, n, k, a, rs, cs, b, c)
}

// gemmCols computes the block rows [lo, hi) × columns [j0, j1) of c.
func gemmCols(lo, hi, j0, j1, n, k int, a []float64, rs, cs int, b, c []float64) {
	if j1-j0 < 8 {
		// a few columns: one dot product per element
		for i := lo; i < hi; i++ {
			for j := j0; j < j1; j++ {
				s := c[i*n+j]
				for l := 0; l < k; l++ {
					s += a[i*rs+l*cs] * b[l*n+j]
				}
				c[i*n+j] = s
			}
		}
		return
	}
	for i := lo; i < hi; i++ {
		ci := c[i*n+j0 : i*n+j1]
		for l := 0; l < k; l++ {
			v := a[i*rs+l*cs]
			bl := b[l*n+j0 : l*n+j1]
			for j, bv := range bl {
				ci[j] += v * bv
			}
		}
	}
}

// transpose writes the rows×cols matrix src into dst as cols×rows.
// It works in 16×16 tiles to stay in cache.
func transpose(src []float64, rows, cols int, dst []float64) {
	const tile = 16
	for i0 := 0; i0 < rows; i0 += tile {
		i1 := min(i0+tile, rows)
		for j0 := 0; j0 < cols; j0 += tile {
			j1 := min(j0+tile, cols)
			for i := i0; i < i1; i++ {
				for j := j0; j < j1; j++ {
					dst[j*rows+i] = src[i*cols+j]
				}
			}
		}
	}
}

// parallelMin is the smallest element-wise job worth two goroutines.
const parallelMin = 1 << 15

// parallelRange calls f on [0, n) split in two halves run concurrently
// when n is large enough to pay for it, else on the whole range. The
// halves are independent element-wise work, so results do not depend on
// the split.
func parallelRange(n int, f func(lo, hi int)) {
	if n < parallelMin || runtime.GOMAXPROCS(0) < 2 {
		f(0, n)
		return
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		f(n/2, n)
	}()
	f(0, n/2)
	wg.Wait()
}
