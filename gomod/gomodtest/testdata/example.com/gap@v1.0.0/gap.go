// Package gap uses Go that yaegi v0.16.1 lacks.
package gap

// Count counts to n with a range over an integer.
func Count(n int) int {
	c := 0
	for i := range n {
		c += i
	}
	return c
}
