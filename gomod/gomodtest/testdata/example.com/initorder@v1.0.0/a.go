// Package initorder has a variable whose initialiser reads, through a
// function, a variable of a later file.
package initorder

// Digits is "0123456789", joined from the digits of b.go.
var Digits = join()
