//go:build !amd64

package nnlib

// Off amd64 hasAVX512 is false and sgemm uses sgemmLoops: the kernels are
// never called.

func sgemmKernel(k int, a []float32, rs, cs int, b []float32, c []float64, ldc int) {
	panic("nnlib: sgemmKernel without AVX-512")
}

func sgemmKernelTile(k int, a []float32, rs, cs int, b, tile []float32) {
	panic("nnlib: sgemmKernelTile without AVX-512")
}

// convertToFloat32 writes src rounded to float32 into dst (at least as
// long).
func convertToFloat32(dst []float32, src []float64) {
	dst = dst[:len(src)]
	for i, v := range src {
		dst[i] = float32(v)
	}
}

// roundToFloat32 rounds each value of v to the nearest float32.
func roundToFloat32(v []float64) { roundToFloat32Loop(v) }
