package nnlib

// matmul computes the matrix products of one layer in the layer's
// precision (float64, or float32 when f32 is set), keeping its buffers
// between calls so that a training step allocates nothing. Each layer
// owns one; it is not safe for concurrent use.
type matmul struct {
	f32  bool
	done chan struct{} // signals of the pool's workers

	// the product being computed, read by runPart
	m, n, k, rs, cs int
	a, b, c         []float64

	// float32 products: b packed in panels, a block of a per part
	bPacked []float32
	parts   [maxParts]sgemmPart
}

// gemm adds op(a)·b to c, all row-major: c is m×n, b is k×n, and a is m×k
// (or k×m when transA, which multiplies by its transpose).
//
// Large float64 products run an AVX-512 or AVX2/FMA micro-kernel on 4×16
// or 4×8 blocks of c, split by rows over the available cores; float32
// products are sgemm's. Every element of c is computed the same way
// whatever the split (blocks are aligned), so results are bit-identical
// for any GOMAXPROCS.
func (mm *matmul) gemm(transA bool, m, n, k int, a, b, c []float64) {
	if m == 0 || n == 0 || k == 0 {
		return
	}
	rs, cs := k, 1 // element (i, l) of op(a) is a[i*rs + l*cs]
	if transA {
		rs, cs = 1, m
	}
	if mm.f32 {
		mm.sgemm(m, n, k, a, rs, cs, b, c)
		return
	}
	if !hasAVX2FMA || m*n*k < 1<<14 {
		gemmLoops(0, m, n, k, a, rs, cs, b, c)
		return
	}
	parts := partsFor(m*n*k, 1<<18, max(m/4, 1))
	if parts == 1 {
		gemmRows(0, m, m, n, k, a, rs, cs, b, c)
		return
	}
	mm.m, mm.n, mm.k, mm.rs, mm.cs, mm.a, mm.b, mm.c = m, n, k, rs, cs, a, b, c
	mm.run(parts)
}

// run computes the product set in mm in parts, on the pool's workers.
func (mm *matmul) run(parts int) {
	if mm.done == nil {
		mm.done = make(chan struct{}, maxParts)
	}
	runParts(mm, parts, mm.done)
	mm.a, mm.b, mm.c = nil, nil, nil // keep no reference to the caller's data
}

// runPart computes part of the rows of c: blocks of 4 rows (float64) or
// of 8 (float32) split evenly over the parts.
func (mm *matmul) runPart(part, parts int) {
	block := 4
	if mm.f32 {
		block = sgemmRows
	}
	blocks := (mm.m + block - 1) / block
	per := (blocks + parts - 1) / parts * block
	lo, hi := part*per, min((part+1)*per, mm.m)
	if lo >= hi {
		return
	}
	if mm.f32 {
		mm.sgemmRowRange(&mm.parts[part], lo, hi)
		return
	}
	gemmRows(lo, hi, mm.m, mm.n, mm.k, mm.a, mm.rs, mm.cs, mm.b, mm.c)
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
