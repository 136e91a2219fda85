#include "textflag.h"

// func adamMoments8(w, grad, m, v *float64, n int, k *adamConsts)
//
// For i < n (a multiple of 8), with k = {1-b1, 1-b2, alpha, eps}:
//
//	m[i] += (grad[i] - m[i]) * (1-b1)
//	v[i] += (grad[i]*grad[i] - v[i]) * (1-b2)
//	w[i] -= alpha * m[i] / (sqrt(v[i]) + eps)
//
// with the same operations in the same order as the loop of adamUpdate (no
// fused multiply-add), so the results are the same bits.
TEXT ·adamMoments8(SB), NOSPLIT, $0-48
	MOVQ w+0(FP), DI
	MOVQ grad+8(FP), SI
	MOVQ m+16(FP), R8
	MOVQ v+24(FP), R9
	MOVQ n+32(FP), CX
	MOVQ k+40(FP), AX
	VBROADCASTSD 0(AX), Z10
	VBROADCASTSD 8(AX), Z11
	VBROADCASTSD 16(AX), Z12
	VBROADCASTSD 24(AX), Z13
	SHRQ $3, CX
	JE   done

loop:
	VMOVUPD (SI), Z0
	VMOVUPD (R8), Z1
	VMOVUPD (R9), Z2
	VMOVUPD (DI), Z3
	VSUBPD  Z1, Z0, Z4
	VMULPD  Z10, Z4, Z4
	VADDPD  Z4, Z1, Z1
	VMULPD  Z0, Z0, Z5
	VSUBPD  Z2, Z5, Z5
	VMULPD  Z11, Z5, Z5
	VADDPD  Z5, Z2, Z2
	VSQRTPD Z2, Z6
	VADDPD  Z13, Z6, Z6
	VMULPD  Z1, Z12, Z7
	VDIVPD  Z6, Z7, Z7
	VSUBPD  Z7, Z3, Z3
	VMOVUPD Z1, (R8)
	VMOVUPD Z2, (R9)
	VMOVUPD Z3, (DI)
	ADDQ    $64, SI
	ADDQ    $64, R8
	ADDQ    $64, R9
	ADDQ    $64, DI
	DECQ    CX
	JNE     loop

done:
	VZEROUPPER
	RET
