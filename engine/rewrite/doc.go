// Package rewrite brings Go syntax that yaegi v0.16.1 does not run into a
// form it does, by rewriting a cell's syntax tree before evaluation:
//
//   - range over an integer (for i := range n) becomes a counting loop;
//   - loop variables captured by a closure, a go or a defer statement get a
//     fresh copy per iteration (Go 1.22 semantics);
//   - a go statement runs its call in a wrapper that recovers a panic and
//     hands it to a function of the kernel instead of killing the process;
//   - make and append of computed sizes pass through the kernel's memory
//     guard, which refuses (with a panic) an allocation beyond the
//     kernel's memory budget before it happens (alloc.go).
//
// The rewritten nodes carry the positions of the code they replace, so
// errors still point at the user's lines.
package rewrite
