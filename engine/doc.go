// Package engine runs Go notebook cells with the yaegi interpreter; its
// Engine implements kernel.Interpreter.
//
// A cell may mix imports, declarations and statements in any order. The
// engine splits it (package cellsplit), rewrites what yaegi v0.16.1 cannot
// run (package rewrite: range over an integer, Go 1.22 loop variables, go
// statements that must not crash the kernel), and evaluates the pieces in
// order in one interpreter, so that every definition stays available to
// later cells and any cell can be run again. A prelude adds min, max and
// clear.
//
// The value of a cell's final expression becomes its result, as a MIME
// bundle: display.MIMEBundle for compiled values (images, plots, display's
// own types), the MIMEBundle method of values whose type — compiled or
// defined in a cell — implements display.Renderer, otherwise text.
//
// Output of interpreted code and of the compiled packages it calls (which
// find the running cell with package cell) reaches kernel.Output as it is
// written; os.Stdout and os.Stderr are redirected while a cell runs. Errors
// carry cell line:column positions; panics — in the cell, in goroutines it
// starts, in the interpreter itself, os.Exit and log.Fatal — end the cell
// with an error and keep the interpreter's state, as does an interrupt.
package engine
