package nnlib

import (
	"fmt"
	"strings"
)

// maxDim bounds every axis and every per-sample size, so that a bad shape
// (from an argument or a model file) is an error rather than a huge
// allocation.
const maxDim = 1 << 26

// checkShape checks the axes of a per-sample shape.
func checkShape(dims []int) error {
	if len(dims) == 0 {
		return fmt.Errorf("a shape needs at least one axis")
	}
	n := 1
	for _, d := range dims {
		if d <= 0 || d > maxDim {
			return fmt.Errorf("every axis must be in [1, %d], got %s", maxDim, shapeString(dims))
		}
		n *= d
		if n > maxDim {
			return fmt.Errorf("shape %s has more than %d values per sample", shapeString(dims), maxDim)
		}
	}
	return nil
}

// shapeSize is the number of values in one sample of the shape.
func shapeSize(dims []int) int {
	n := 1
	for _, d := range dims {
		n *= d
	}
	return n
}

// shapeString formats a per-sample shape with its batch axis as Keras
// does: "(None, 6, 6, 8)".
func shapeString(dims []int) string {
	var b strings.Builder
	b.WriteString("(None")
	for _, d := range dims {
		fmt.Fprintf(&b, ", %d", d)
	}
	b.WriteString(")")
	return b.String()
}

func sameShape(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// tupleString formats a weight's shape as Python does: "(3, 3, 1, 8)", "(8,)".
func tupleString(dims []int) string {
	parts := make([]string, len(dims))
	for i, d := range dims {
		parts[i] = fmt.Sprint(d)
	}
	if len(dims) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}
