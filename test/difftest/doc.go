// Package difftest is a differential test of gokernel's engine against the
// Go toolchain: every program of a corpus runs compiled (go build) and
// through the engine, split into cells as a notebook user would type it,
// and the two runs must behave identically.
//
// # Corpus
//
// The corpus lives in testdata/corpus, one file per area (types and method
// sets, closures, generics, goroutines, fmt on user types, strings, ...).
// A file holds many programs, each introduced by a line "-- name --" and
// written as a complete Go program (package main with a func main; the
// package clause may be left out). A line "// cell" splits the program
// into cells: the declarations before func main become cells (the imports
// go with the first), then the body of main, unindented, split at the
// markers in it; declarations after main form one more cell, run before
// main's body. The engine runs the cells in order and stops at the first
// one that fails, as "Run All" with stop_on_error does. Programs must not
// have init functions or package variables whose initialisation prints,
// and must print deterministically (no map range order, no clock).
//
// # What is compared
//
// Each run ends with an Outcome: its standard output, its standard error
// (for the compiled program, what it wrote before a panic's report), and
// a status:
//
//   - "ok": the program returned from main; every cell succeeded.
//   - "panic: <message>": the first line of Go's panic report (runtime
//     errors included: "panic: runtime error: index out of range [2] with
//     length 2"); the engine's error of kind "panic" or "GoroutinePanic",
//     its message's first line. Hexadecimal addresses read 0x?.
//   - "exit status N": os.Exit(N); the engine reports it as a panic
//     "os.Exit(N)".
//   - "compile error: <message>": the first error of the Go compiler or of
//     the engine (SyntaxError, CompileError), without its position
//     (positions inside the message, also the engine's "In [n]:L:C" of an
//     earlier cell, read prog.go:L:C).
//   - any other engine error: "<name>: <message>" (InternalError, ...),
//     which never matches.
//
// A cell's result (the value of its final expression) is not compared:
// a compiled program has none. All programs are compiled into one binary
// (each program a package whose main becomes Main, chosen by an argument),
// so that the corpus costs two go invocations; their package names, which
// %T and panics print, are written back as "main".
//
// Programs that do not yet behave identically are listed in gaps.txt with
// their reason; a listed program that passes fails the test too, so that
// the list stays true. The command ./cmd/difftest prints the pass rate per
// area (RESULTS.md holds the last table).
package difftest
