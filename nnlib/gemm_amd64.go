package nnlib

// kern4x8 is the AVX2/FMA micro-kernel in gemm_amd64.s.
//
//go:noescape
func kern4x8(k int, a *float64, rs, cs int, b *float64, ldb int, c *float64, ldc int)

// kern4x16 is the AVX-512 micro-kernel in gemm_amd64.s.
//
//go:noescape
func kern4x16(k int, a *float64, rs, cs int, b *float64, ldb int, c *float64, ldc int)

func cpuid(leaf, sub uint32) (a, b, c, d uint32)

func xgetbv() (eax uint32)

// hasAVX2FMA reports whether the CPU and OS support AVX2 and FMA.
var hasAVX2FMA = func() bool {
	maxLeaf, _, _, _ := cpuid(0, 0)
	if maxLeaf < 7 {
		return false
	}
	_, _, c1, _ := cpuid(1, 0)
	const fma, osxsave, avx = 1 << 12, 1 << 27, 1 << 28
	if c1&fma == 0 || c1&osxsave == 0 || c1&avx == 0 {
		return false
	}
	if xgetbv()&6 != 6 { // XMM and YMM state enabled by the OS
		return false
	}
	_, b7, _, _ := cpuid(7, 0)
	return b7&(1<<5) != 0
}()

// hasAVX512 reports whether the CPU and OS support AVX-512F.
var hasAVX512 = func() bool {
	if !hasAVX2FMA {
		return false
	}
	if xgetbv()&0xe6 != 0xe6 { // opmask and ZMM state enabled by the OS
		return false
	}
	_, b7, _, _ := cpuid(7, 0)
	return b7&(1<<16) != 0
}()

// kernel4x16 runs the AVX-512 kernel on C[i:i+4, j:j+16].
func kernel4x16(k int, a []float64, aOff, rs, cs int, b []float64, j, ldb int, c []float64, cOff, ldc int) {
	kern4x16(k, &a[aOff], rs, cs, &b[j], ldb, &c[cOff], ldc)
}

// kernel4x8 runs the assembly kernel on C[i:i+4, j:j+8].
func kernel4x8(k int, a []float64, aOff, rs, cs int, b []float64, j, ldb int, c []float64, cOff, ldc int) {
	kern4x8(k, &a[aOff], rs, cs, &b[j], ldb, &c[cOff], ldc)
}
