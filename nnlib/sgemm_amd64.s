#include "textflag.h"

// The float32 micro-kernel. Z0..Z15 hold an 8×32 block of sums, row r in
// Z(2r) (columns 0-15) and Z(2r+1) (columns 16-31). Each step of l loads
// the 32 values of row l of the packed panel of b (DI) into Z16 and Z17,
// broadcasts the values of column l of the 8 rows of a and multiply-adds
// them in. Row r of a is read at SI + r·rs; with R12 = SI + 3·rs,
// R8 = rs and R13 = 3·rs, rows 0-7 are (SI), (SI)(R8*1), (SI)(R8*2),
// (R12), (SI)(R8*4), (R12)(R8*2), (SI)(R13*2) and (R12)(R8*4); a step
// moves SI and R12 on by cs (R9).
#define STEP \
	VMOVUPS      (DI), Z16 \
	VMOVUPS      64(DI), Z17 \
	VBROADCASTSS (SI), Z18 \
	VFMADD231PS  Z16, Z18, Z0 \
	VFMADD231PS  Z17, Z18, Z1 \
	VBROADCASTSS (SI)(R8*1), Z19 \
	VFMADD231PS  Z16, Z19, Z2 \
	VFMADD231PS  Z17, Z19, Z3 \
	VBROADCASTSS (SI)(R8*2), Z20 \
	VFMADD231PS  Z16, Z20, Z4 \
	VFMADD231PS  Z17, Z20, Z5 \
	VBROADCASTSS (R12), Z21 \
	VFMADD231PS  Z16, Z21, Z6 \
	VFMADD231PS  Z17, Z21, Z7 \
	VBROADCASTSS (SI)(R8*4), Z18 \
	VFMADD231PS  Z16, Z18, Z8 \
	VFMADD231PS  Z17, Z18, Z9 \
	VBROADCASTSS (R12)(R8*2), Z19 \
	VFMADD231PS  Z16, Z19, Z10 \
	VFMADD231PS  Z17, Z19, Z11 \
	VBROADCASTSS (SI)(R13*2), Z20 \
	VFMADD231PS  Z16, Z20, Z12 \
	VFMADD231PS  Z17, Z20, Z13 \
	VBROADCASTSS (R12)(R8*4), Z21 \
	VFMADD231PS  Z16, Z21, Z14 \
	VFMADD231PS  Z17, Z21, Z15 \
	ADDQ         R9, SI \
	ADDQ         R9, R12 \
	ADDQ         $128, DI

#define ZERO \
	VPXORD Z0, Z0, Z0 \
	VPXORD Z1, Z1, Z1 \
	VPXORD Z2, Z2, Z2 \
	VPXORD Z3, Z3, Z3 \
	VPXORD Z4, Z4, Z4 \
	VPXORD Z5, Z5, Z5 \
	VPXORD Z6, Z6, Z6 \
	VPXORD Z7, Z7, Z7 \
	VPXORD Z8, Z8, Z8 \
	VPXORD Z9, Z9, Z9 \
	VPXORD Z10, Z10, Z10 \
	VPXORD Z11, Z11, Z11 \
	VPXORD Z12, Z12, Z12 \
	VPXORD Z13, Z13, Z13 \
	VPXORD Z14, Z14, Z14 \
	VPXORD Z15, Z15, Z15

// ARGS loads k, a, rs, cs and b and sets up the row addresses of a.
#define ARGS \
	MOVQ k+0(FP), CX \
	MOVQ a+8(FP), SI \
	MOVQ rs+16(FP), R8 \
	SHLQ $2, R8 \
	MOVQ cs+24(FP), R9 \
	SHLQ $2, R9 \
	MOVQ b+32(FP), DI \
	LEAQ (R8)(R8*2), R13 \
	LEAQ (SI)(R13*1), R12

// ADDROW adds the sums of one row (zlo: columns 0-15, zhi: 16-31),
// widened to float64, to the 32 values at DX, then moves DX to the next row.
#define ADDROW(zlo, ylo, zhi, yhi) \
	VCVTPS2PD     ylo, Z24 \
	VEXTRACTF64X4 $1, zlo, Y25 \
	VCVTPS2PD     Y25, Z25 \
	VCVTPS2PD     yhi, Z26 \
	VEXTRACTF64X4 $1, zhi, Y27 \
	VCVTPS2PD     Y27, Z27 \
	VADDPD        (DX), Z24, Z24 \
	VADDPD        64(DX), Z25, Z25 \
	VADDPD        128(DX), Z26, Z26 \
	VADDPD        192(DX), Z27, Z27 \
	VMOVUPD       Z24, (DX) \
	VMOVUPD       Z25, 64(DX) \
	VMOVUPD       Z26, 128(DX) \
	VMOVUPD       Z27, 192(DX) \
	ADDQ          R11, DX

// func sgemm8x32(k int, a *float32, rs, cs int, b *float32, c *float64, ldc int)
TEXT ·sgemm8x32(SB), NOSPLIT, $0-56
	ARGS
	MOVQ c+40(FP), DX
	MOVQ ldc+48(FP), R11
	SHLQ $3, R11
	ZERO
	TESTQ CX, CX
	JE    done

loop:
	STEP
	DECQ CX
	JNE  loop

done:
	ADDROW(Z0, Y0, Z1, Y1)
	ADDROW(Z2, Y2, Z3, Y3)
	ADDROW(Z4, Y4, Z5, Y5)
	ADDROW(Z6, Y6, Z7, Y7)
	ADDROW(Z8, Y8, Z9, Y9)
	ADDROW(Z10, Y10, Z11, Y11)
	ADDROW(Z12, Y12, Z13, Y13)
	ADDROW(Z14, Y14, Z15, Y15)
	VZEROUPPER
	RET

// func sgemm8x32Tile(k int, a *float32, rs, cs int, b, tile *float32)
TEXT ·sgemm8x32Tile(SB), NOSPLIT, $0-48
	ARGS
	MOVQ tile+40(FP), DX
	ZERO
	TESTQ CX, CX
	JE    done

loop:
	STEP
	DECQ CX
	JNE  loop

done:
	VMOVUPS Z0, 0(DX)
	VMOVUPS Z1, 64(DX)
	VMOVUPS Z2, 128(DX)
	VMOVUPS Z3, 192(DX)
	VMOVUPS Z4, 256(DX)
	VMOVUPS Z5, 320(DX)
	VMOVUPS Z6, 384(DX)
	VMOVUPS Z7, 448(DX)
	VMOVUPS Z8, 512(DX)
	VMOVUPS Z9, 576(DX)
	VMOVUPS Z10, 640(DX)
	VMOVUPS Z11, 704(DX)
	VMOVUPS Z12, 768(DX)
	VMOVUPS Z13, 832(DX)
	VMOVUPS Z14, 896(DX)
	VMOVUPS Z15, 960(DX)
	VZEROUPPER
	RET

// func cvt64to32(dst *float32, src *float64, n int)
//
// dst[i] = float32(src[i]) for i < n, n a multiple of 8.
TEXT ·cvt64to32(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ n+16(FP), CX
	SHRQ $3, CX
	JE   cvtdone

cvtloop:
	VMOVUPD   (SI), Z0
	VCVTPD2PS Z0, Y0
	VMOVUPS   Y0, (DI)
	ADDQ      $64, SI
	ADDQ      $32, DI
	DECQ      CX
	JNE       cvtloop

cvtdone:
	VZEROUPPER
	RET

// func round64to32(v *float64, n int)
//
// v[i] = float64(float32(v[i])) for i < n, n a multiple of 8.
TEXT ·round64to32(SB), NOSPLIT, $0-16
	MOVQ v+0(FP), SI
	MOVQ n+8(FP), CX
	SHRQ $3, CX
	JE   rounddone

roundloop:
	VMOVUPD   (SI), Z0
	VCVTPD2PS Z0, Y0
	VCVTPS2PD Y0, Z0
	VMOVUPD   Z0, (SI)
	ADDQ      $64, SI
	DECQ      CX
	JNE       roundloop

rounddone:
	VZEROUPPER
	RET
