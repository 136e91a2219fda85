// Package cbind calls C.
package cbind

// #include <stdlib.h>
import "C"

// Rand calls C.rand.
func Rand() int { return int(C.rand()) }
