package nnlib

import (
	"fmt"
	"math"
)

// Float returns a pointer to v, to set an option whose zero value means
// "Keras's default" to an explicit value, zero included:
//
//	nnlib.Adam{LearningRate: 0.01, Beta1: nnlib.Float(0)}
//
// The rule for every options struct in nnlib: a plain field left out (0,
// "", false) takes Keras's default where zero is not a valid value (a
// learning rate, a batch size) or where Keras's default is itself zero;
// a field whose Keras default is not zero but for which zero is valid
// (Adam's Beta1, RMSprop's Rho, AdamW's WeightDecay, an Epsilon, ...) is
// a pointer: nil is Keras's default, nnlib.Float(0) is zero.
func Float(v float64) *float64 { return &v }

// Int returns a pointer to v, for integer options that are pointers for
// the reason given at Float.
func Int(v int) *int { return &v }

// floatOr returns *p, or def when p is nil.
func floatOr(p *float64, def float64) float64 {
	if p == nil {
		return def
	}
	return *p
}

// intOr returns *p, or def when p is nil.
func intOr(p *int, def int) int {
	if p == nil {
		return def
	}
	return *p
}

// checkRange reports an error naming field when v is NaN, infinite, or
// outside [lo, hi] (an open end when the matching open flag is set).
func checkRange(field string, v, lo, hi float64, loOpen, hiOpen bool) error {
	bad := math.IsNaN(v) || math.IsInf(v, 0) || v < lo || v > hi || (loOpen && v == lo) || (hiOpen && v == hi)
	if !bad {
		return nil
	}
	l, r := "[", "]"
	if loOpen {
		l = "("
	}
	if hiOpen {
		r = ")"
	}
	hs := fmt.Sprint(hi)
	if math.IsInf(hi, 1) {
		hs = "∞"
	}
	return fmt.Errorf("%s must be in %s%g, %s%s, got %g", field, l, lo, hs, r, v)
}

// checkNonNegative reports an error naming field when v is NaN, infinite
// or negative.
func checkNonNegative(field string, v float64) error {
	return checkRange(field, v, 0, math.Inf(1), false, true)
}

// checkPositive reports an error naming field when v is NaN, infinite or
// not above zero.
func checkPositive(field string, v float64) error {
	return checkRange(field, v, 0, math.Inf(1), true, true)
}
