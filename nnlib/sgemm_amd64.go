package nnlib

// sgemm8x32 is the AVX-512 float32 micro-kernel in sgemm_amd64.s: it adds
// the 8×32 product of 8 rows of a (element (r, l) at a[r·rs + l·cs]) and
// a packed panel of b (k rows of 32), summed in float32, to the float64
// block of c at c (rows ldc apart).
//
//go:noescape
func sgemm8x32(k int, a *float32, rs, cs int, b *float32, c *float64, ldc int)

// sgemm8x32Tile is sgemm8x32 writing the float32 sums to tile (8 rows
// of 32) instead of adding them to c.
//
//go:noescape
func sgemm8x32Tile(k int, a *float32, rs, cs int, b, tile *float32)

// cvt64to32 rounds n float64 values to float32, n a multiple of 8.
//
//go:noescape
func cvt64to32(dst *float32, src *float64, n int)

// sgemmKernel adds the product of 8 rows of a and the packed panel b to
// the 8×32 block of c that starts at c[0].
func sgemmKernel(k int, a []float32, rs, cs int, b []float32, c []float64, ldc int) {
	_ = a[7*rs+(k-1)*cs]
	_ = b[k*sgemmCols-1]
	_ = c[(sgemmRows-1)*ldc+sgemmCols-1]
	sgemm8x32(k, &a[0], rs, cs, &b[0], &c[0], ldc)
}

// sgemmKernelTile writes the product of 8 rows of a and the packed panel
// b to tile.
func sgemmKernelTile(k int, a []float32, rs, cs int, b, tile []float32) {
	_ = a[7*rs+(k-1)*cs]
	_ = b[k*sgemmCols-1]
	_ = tile[sgemmRows*sgemmCols-1]
	sgemm8x32Tile(k, &a[0], rs, cs, &b[0], &tile[0])
}

// convertToFloat32 writes src rounded to float32 into dst (at least as
// long).
func convertToFloat32(dst []float32, src []float64) {
	n := len(src)
	dst = dst[:n]
	if v := n &^ 7; v > 0 && hasAVX512 {
		cvt64to32(&dst[0], &src[0], v)
		dst, src = dst[v:], src[v:]
	}
	for i, v := range src {
		dst[i] = float32(v)
	}
}

// round64to32 rounds n float64 values to float32 in place, n a multiple
// of 8.
//
//go:noescape
func round64to32(v *float64, n int)

// roundToFloat32 rounds each value of v to the nearest float32.
func roundToFloat32(v []float64) {
	if n := len(v) &^ 7; n > 0 && hasAVX512 {
		round64to32(&v[0], n)
		v = v[n:]
	}
	roundToFloat32Loop(v)
}
