// Package modern uses Go 1.21 and 1.22 that yaegi v0.16.1 lacks and
// gokernel provides: range over an integer, the built-ins min, max and
// clear, per-iteration loop variables.
package modern

// Count sums 0 … n-1, ranging over an integer.
func Count(n int) int {
	c := 0
	for i := range n {
		c += i
	}
	return c
}

// Clamp limits x to [lo, hi] with the built-ins min and max.
func Clamp(x, lo, hi int) int { return max(lo, min(x, hi)) }

// Reset empties m with the built-in clear and returns its length.
func Reset(m map[string]int) int {
	clear(m)
	return len(m)
}

// Captured returns what closures made in a loop see of its variable:
// 0 1 2 with Go 1.22's per-iteration variables.
func Captured() []int {
	var fs []func() int
	for i := 0; i < 3; i++ {
		fs = append(fs, func() int { return i })
	}
	var out []int
	for _, f := range fs {
		out = append(out, f())
	}
	return out
}
