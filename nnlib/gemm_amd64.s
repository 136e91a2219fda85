#include "textflag.h"

// func kern4x8(k int, a *float64, rs, cs int, b *float64, ldb int, c *float64, ldc int)
//
// C[0:4, 0:8] += A[0:4, 0:k] · B[0:k, 0:8] with AVX2 and FMA, where
// A(r, l) is at a + (r·rs + l·cs)·8, B(l, j) at b + (l·ldb + j)·8 and
// C(r, j) at c + (r·ldc + j)·8.
TEXT ·kern4x8(SB), NOSPLIT, $0-64
	MOVQ k+0(FP), CX
	MOVQ a+8(FP), SI
	MOVQ rs+16(FP), R8
	SHLQ $3, R8
	MOVQ cs+24(FP), R9
	SHLQ $3, R9
	MOVQ b+32(FP), DI
	MOVQ ldb+40(FP), R10
	SHLQ $3, R10
	MOVQ c+48(FP), DX
	MOVQ ldc+56(FP), R11
	SHLQ $3, R11

	LEAQ (SI)(R8*1), R12
	LEAQ (R12)(R8*1), R13
	LEAQ (R13)(R8*1), R14

	LEAQ (DX)(R11*1), AX
	LEAQ (AX)(R11*1), BX
	LEAQ (BX)(R11*1), R8

	VMOVUPD (DX), Y0
	VMOVUPD 32(DX), Y1
	VMOVUPD (AX), Y2
	VMOVUPD 32(AX), Y3
	VMOVUPD (BX), Y4
	VMOVUPD 32(BX), Y5
	VMOVUPD (R8), Y6
	VMOVUPD 32(R8), Y7

	TESTQ CX, CX
	JE    done

loop:
	VMOVUPD      (DI), Y8
	VMOVUPD      32(DI), Y9
	VBROADCASTSD (SI), Y10
	VFMADD231PD  Y8, Y10, Y0
	VFMADD231PD  Y9, Y10, Y1
	VBROADCASTSD (R12), Y11
	VFMADD231PD  Y8, Y11, Y2
	VFMADD231PD  Y9, Y11, Y3
	VBROADCASTSD (R13), Y12
	VFMADD231PD  Y8, Y12, Y4
	VFMADD231PD  Y9, Y12, Y5
	VBROADCASTSD (R14), Y13
	VFMADD231PD  Y8, Y13, Y6
	VFMADD231PD  Y9, Y13, Y7
	ADDQ         R9, SI
	ADDQ         R9, R12
	ADDQ         R9, R13
	ADDQ         R9, R14
	ADDQ         R10, DI
	DECQ         CX
	JNE          loop

done:
	VMOVUPD Y0, (DX)
	VMOVUPD Y1, 32(DX)
	VMOVUPD Y2, (AX)
	VMOVUPD Y3, 32(AX)
	VMOVUPD Y4, (BX)
	VMOVUPD Y5, 32(BX)
	VMOVUPD Y6, (R8)
	VMOVUPD Y7, 32(R8)
	VZEROUPPER
	RET

// func kern4x16(k int, a *float64, rs, cs int, b *float64, ldb int, c *float64, ldc int)
//
// C[0:4, 0:16] += A[0:4, 0:k] · B[0:k, 0:16] with AVX-512, where
// A(r, l) is at a + (r·rs + l·cs)·8, B(l, j) at b + (l·ldb + j)·8 and
// C(r, j) at c + (r·ldc + j)·8.
TEXT ·kern4x16(SB), NOSPLIT, $0-64
	MOVQ k+0(FP), CX
	MOVQ a+8(FP), SI
	MOVQ rs+16(FP), R8
	SHLQ $3, R8
	MOVQ cs+24(FP), R9
	SHLQ $3, R9
	MOVQ b+32(FP), DI
	MOVQ ldb+40(FP), R10
	SHLQ $3, R10
	MOVQ c+48(FP), DX
	MOVQ ldc+56(FP), R11
	SHLQ $3, R11

	LEAQ (SI)(R8*1), R12
	LEAQ (R12)(R8*1), R13
	LEAQ (R13)(R8*1), R14

	LEAQ (DX)(R11*1), AX
	LEAQ (AX)(R11*1), BX
	LEAQ (BX)(R11*1), R8

	VMOVUPD (DX), Z0
	VMOVUPD 64(DX), Z1
	VMOVUPD (AX), Z2
	VMOVUPD 64(AX), Z3
	VMOVUPD (BX), Z4
	VMOVUPD 64(BX), Z5
	VMOVUPD (R8), Z6
	VMOVUPD 64(R8), Z7

	TESTQ CX, CX
	JE    done

loop:
	VMOVUPD      (DI), Z8
	VMOVUPD      64(DI), Z9
	VBROADCASTSD (SI), Z10
	VFMADD231PD  Z8, Z10, Z0
	VFMADD231PD  Z9, Z10, Z1
	VBROADCASTSD (R12), Z11
	VFMADD231PD  Z8, Z11, Z2
	VFMADD231PD  Z9, Z11, Z3
	VBROADCASTSD (R13), Z12
	VFMADD231PD  Z8, Z12, Z4
	VFMADD231PD  Z9, Z12, Z5
	VBROADCASTSD (R14), Z13
	VFMADD231PD  Z8, Z13, Z6
	VFMADD231PD  Z9, Z13, Z7
	ADDQ         R9, SI
	ADDQ         R9, R12
	ADDQ         R9, R13
	ADDQ         R9, R14
	ADDQ         R10, DI
	DECQ         CX
	JNE          loop

done:
	VMOVUPD Z0, (DX)
	VMOVUPD Z1, 64(DX)
	VMOVUPD Z2, (AX)
	VMOVUPD Z3, 64(AX)
	VMOVUPD Z4, (BX)
	VMOVUPD Z5, 64(BX)
	VMOVUPD Z6, (R8)
	VMOVUPD Z7, 64(R8)
	VZEROUPPER
	RET

// func cpuid(leaf, sub uint32) (a, b, c, d uint32)
TEXT ·cpuid(SB), NOSPLIT, $0-24
	MOVL leaf+0(FP), AX
	MOVL sub+4(FP), CX
	CPUID
	MOVL AX, a+8(FP)
	MOVL BX, b+12(FP)
	MOVL CX, c+16(FP)
	MOVL DX, d+20(FP)
	RET

// func xgetbv() (eax uint32)
TEXT ·xgetbv(SB), NOSPLIT, $0-4
	MOVL   $0, CX
	XGETBV
	MOVL   AX, eax+0(FP)
	RET
