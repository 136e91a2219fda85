// Package iter is the interpreter's iter package: the iterator types of
// Go 1.23, which yaegi v0.16.1 does not ship. Interpreted code calls an
// iterator with a yield function (seq(func(v V) bool { ...; return true }))
// or collects it with slices.Collect; the engine rewrites no range over
// functions.
package iter

// Seq is an iterator over values: it calls yield with each value in turn
// and stops early when yield returns false.
type Seq[V any] func(yield func(V) bool)

// Seq2 is an iterator over pairs of values.
type Seq2[K, V any] func(yield func(K, V) bool)
