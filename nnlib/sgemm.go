package nnlib

// Float32 matrix products on float64 storage.
//
// A layer of dtype float32 keeps its values in float64 slices, like every
// layer, but multiplies in float32: sgemm rounds a and b to float32 while
// packing them, accumulates each element's dot product in float32 (fused
// multiply-adds on AVX-512) and adds the float32 sum to c. The product is
// what a float32 framework computes; what is around it (bias, activation,
// loss, optimizer) stays float64 and is rounded where the layer stores a
// weight (see roundWeights).

// The micro-kernel computes a block of sgemmRows × sgemmCols of c.
const (
	sgemmRows = 8
	sgemmCols = 32
)

// sgemmPart is what one part of a float32 product owns: its rows of
// op(a) rounded to float32 (zero rows up to a multiple of sgemmRows), and
// a tile for the blocks at the edges of c.
type sgemmPart struct {
	a    []float32
	tile [sgemmRows * sgemmCols]float32
}

// sgemm adds op(a)·b to c computed in float32; element (i, l) of op(a) is
// a[i*rs + l*cs] with either rs = k, cs = 1 (a) or rs = 1, cs = m (a
// transposed).
func (mm *matmul) sgemm(m, n, k int, a []float64, rs, cs int, b, c []float64) {
	if !hasAVX512 || m*n*k < 1<<12 {
		sgemmLoops(m, n, k, a, rs, cs, b, c)
		return
	}
	mm.m, mm.n, mm.k, mm.rs, mm.cs, mm.a, mm.b, mm.c = m, n, k, rs, cs, a, b, c
	mm.packB()
	mm.run(partsFor(m*n*k, 1<<18, (m+sgemmRows-1)/sgemmRows))
}

// packB copies b, rounded to float32, into panels of sgemmCols columns:
// panel p holds b[l][p·32 : p·32+32] for l = 0..k-1 in a row, zero past
// the last column, so that the kernel reads it in order.
func (mm *matmul) packB() {
	n, k := mm.n, mm.k
	panels := (n + sgemmCols - 1) / sgemmCols
	mm.bPacked = growFloat32(mm.bPacked, panels*k*sgemmCols)
	for p := 0; p < panels; p++ {
		j0, j1 := p*sgemmCols, min((p+1)*sgemmCols, n)
		dst := mm.bPacked[p*k*sgemmCols : (p+1)*k*sgemmCols]
		for l := 0; l < k; l++ {
			d := dst[l*sgemmCols : (l+1)*sgemmCols]
			convertToFloat32(d, mm.b[l*n+j0:l*n+j1])
			clear(d[j1-j0:])
		}
	}
}

// convertA rounds rows [lo, hi) of op(a) to float32 into pt.a, keeping
// a's layout, with zero rows up to a multiple of sgemmRows, and returns
// the strides of the copy.
func (mm *matmul) convertA(pt *sgemmPart, lo, hi int) (rs, cs int) {
	k, a := mm.k, mm.a
	rows := hi - lo
	padded := (rows + sgemmRows - 1) / sgemmRows * sgemmRows
	pt.a = growFloat32(pt.a, padded*k)
	if mm.rs == 1 { // a transposed: row l of a holds column l of op(a)
		for l := 0; l < k; l++ {
			dst := pt.a[l*padded : (l+1)*padded]
			convertToFloat32(dst, a[l*mm.cs+lo:l*mm.cs+hi])
			clear(dst[rows:])
		}
		return 1, padded
	}
	convertToFloat32(pt.a, a[lo*k:hi*k])
	clear(pt.a[rows*k:])
	return k, 1
}

// sgemmRowRange computes rows [lo, hi) of c, lo a multiple of sgemmRows.
func (mm *matmul) sgemmRowRange(pt *sgemmPart, lo, hi int) {
	n, k := mm.n, mm.k
	rs, cs := mm.convertA(pt, lo, hi)
	for i := lo; i < hi; i += sgemmRows {
		rows := min(sgemmRows, hi-i)
		ab := pt.a[(i-lo)*rs:]
		for j := 0; j < n; j += sgemmCols {
			cols := min(sgemmCols, n-j)
			bp := mm.bPacked[j*k : j*k+k*sgemmCols]
			if rows == sgemmRows && cols == sgemmCols {
				sgemmKernel(k, ab, rs, cs, bp, mm.c[i*n+j:], n)
				continue
			}
			sgemmKernelTile(k, ab, rs, cs, bp, pt.tile[:])
			for r := 0; r < rows; r++ {
				ci := mm.c[(i+r)*n+j : (i+r)*n+j+cols]
				for jj, v := range pt.tile[r*sgemmCols : r*sgemmCols+cols] {
					ci[jj] += float64(v)
				}
			}
		}
	}
}

// sgemmLoops is the float32 product with plain loops (small products, and
// CPUs without AVX-512).
func sgemmLoops(m, n, k int, a []float64, rs, cs int, b, c []float64) {
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			var s float32
			for l := 0; l < k; l++ {
				s += float32(a[i*rs+l*cs]) * float32(b[l*n+j])
			}
			c[i*n+j] += float64(s)
		}
	}
}

// growFloat32 returns buf resized to n values, reusing its storage when
// it can.
func growFloat32(buf []float32, n int) []float32 {
	if cap(buf) >= n {
		return buf[:n]
	}
	return make([]float32, n)
}

// roundToFloat32Loop rounds each value of v to the nearest float32.
func roundToFloat32Loop(v []float64) {
	for i, x := range v {
		v[i] = float64(float32(x))
	}
}
