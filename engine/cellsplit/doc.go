// Package cellsplit cuts the source of a notebook cell into chunks that an
// interpreter can evaluate one after the other: groups of imports, groups of
// package-level declarations (func, method, type, const) and runs of
// statements. A cell may mix them in any order; Go itself accepts neither
// a statement at package level nor a func declaration inside a function, so
// the kernel evaluates each chunk in the form its kind needs.
//
// Split works on tokens, not on a syntax tree, so it accepts any input —
// broken code included — and never fails: syntax errors are reported later,
// when a chunk is parsed, with positions that point into the cell.
package cellsplit
