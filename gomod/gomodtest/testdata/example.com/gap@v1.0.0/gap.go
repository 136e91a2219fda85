// Package gap uses Go that yaegi v0.16.1 cannot interpret: a constant
// expression of an untyped float and math.MaxFloat64.
package gap

import "math"

// Huge reports whether n is below the most negative float64.
func Huge(n float64) bool {
	return n < (0.0 - math.MaxFloat64)
}
