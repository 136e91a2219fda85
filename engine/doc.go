// Package engine runs Go notebook cells with the yaegi interpreter
// (v0.16.1); its Engine implements kernel.Interpreter.
//
// # Cells
//
// A cell may mix imports, declarations and statements in any order. The
// engine splits it (package cellsplit), evaluates its imports first (they
// apply to the whole cell, as in a Go file) and then the other pieces in
// order, in one interpreter: every definition stays available to later
// cells, and any cell can be run again. Importing a package again is a
// no-op. A package used without an import (fmt.Println in a cell that
// never imported fmt) is imported automatically when exactly one
// preloaded package, standard library included, has that name — as
// goimports would; otherwise the error lists the candidates:
// `undefined: rand (add import "crypto/rand" or "math/rand" or
// "math/rand/v2")`. The automatic import is done on its own before the
// cell compiles again, and lasts like a written one, also when the cell
// then fails.
// (Yaegi v0.16.1 crashes, rather than reporting the package undefined, on
// a top-level definition of several values from such a package's call,
// m, err := strconv.Atoi(s): the engine reports the undefined package
// itself, so that auto-import works there too.)
// Re-running a definition of a variable reuses the variable when the type
// allows; a type whose declaration changed is declared afresh
// (yaegi would keep the old one), and so is a variable defined again from
// it. A variable that a block, loop or if/switch header of a cell's top
// level defines is a new variable, also when an earlier cell defined one
// of that name (yaegi assigned the global; the engine renames the inner
// one, rewrite.BlockShadow). Top-level defer statements run when the
// cell ends. A bare return at a cell's top level (if err != nil {
// fmt.Println(err); return }) ends the cell without error, as return ends
// main: the rest of the cell does not run (the declarations of its later
// parts are forgotten, as after a panic) and its deferred calls do.
//
// A cell is compiled whole before any of it runs. When it does not
// compile, nothing of it runs and nothing of it stays: the engine takes a
// checkpoint of the interpreter's package scope before compiling and
// restores it (yaegi v0.16.1 would keep half-defined names and re-type
// existing ones, and a compilation that instantiated generic code of
// package slices before failing empties its global frame layout), so
// every name keeps its value and type. When a cell
// panics, the declarations of its chunks that did not run are forgotten
// too; variables of the failing chunk itself that were declared after the
// panic keep their zero value.
//
// The value of a cell's final expression becomes its result, as a MIME
// bundle: display.MIMEBundle for compiled values (images, plots, display's
// own types, values with a MIMEBundle method); for values of types defined
// in a cell, the interpreter calls their MIMEBundle, Error or String
// method; otherwise text (%v, with field names for structs). Calls whose
// results are bookkeeping (Print*, Fprint*, Write*, Scan*) show nothing,
// nor does a nil value. A final value that carries an error instead of
// its representation (a display.Renderer whose Err() error reports one:
// a failed display.Bundle such as display.Table of a bad shape, an nnplot
// figure of bad data; cell-defined types too) ends the cell with a
// DisplayError at the expression's line, so that the failure is visible
// (gokernel run, stop_on_error); what the cell defined stays.
//
// # Go's type check
//
// Before the interpreter compiles a cell, package typecheck type-checks it
// as Go (go/types) against a model of the session: what earlier cells
// declared, the packages they imported, and the type information of the
// compiled packages (symbols/exportdata, read when first imported). A cell
// Go rejects ends with a CompileError in the Go compiler's words, at cell
// positions, up to ten errors in order, and nothing of it runs:
// `n := strconv.Atoi(s)` is "assignment mismatch: 1 variable but
// strconv.Atoi returns 2 values", and a missing return, a variable unused
// inside a function, break outside a loop, nil as an int, a uint32
// constant that overflows, a value whose methods have pointer receivers
// used as an interface are rejected as go build rejects them (yaegi ran
// them), with messages such as "invalid operation: a + b (mismatched
// types int and string)" and "t.Missing undefined (type T has no field or
// method Missing)". A position in an earlier cell reads "In [n]:L:C". The
// notebook's rules stay: top-level variables are globals (never unused),
// imports serve later cells, the final expression is the result, a name
// may be declared again. When the model cannot decide (a package fetched
// from a module, a name it does not know), the cell goes to the
// interpreter unchecked.
//
// # Methods of cell-defined types in compiled code
//
// fmt, errors and encoding/json see a value of a cell-defined type
// through a wrapper that yaegi builds from the value and its methods.
// The wrappers (symbols/stdlib's fmtmethods.go) follow fmt's rules:
// Printf's verbs, flags, width and precision on a type with String or
// Error (%d of a Weekday prints its number, %.0f of a Celsius rounds,
// Error before String), GoString for %#v, %w of fmt.Errorf with the
// error's Unwrap, so that errors.Is and errors.Unwrap look through it; a
// panicking String prints %!v(PANIC=String method: ...), a nil receiver
// <nil>. errors.As(err, &target) runs as interpreted Go (the prelude's
// __gk_errorsAs), so a target of a cell-defined pointer type works. A
// value declared, converted or assigned as an error (var err error = v,
// error(v), err = T{...} with err declared as an error) is held as a
// function's error result is, with its methods. Unexported fields of a
// cell's struct types are tagged json:"-", so that encoding/json skips
// them as it does in Go (yaegi exports them as X+name). Gaps, each in
// test/difftest/gaps.txt: the methods of values nested in slices, maps
// and struct fields ([]Celsius prints [1 2], a map[string]Level ignores
// Level's MarshalJSON, a field of type error prints its fields); %T and
// %#v name yaegi's types (struct { X int }, not main.P); a String method
// with a pointer receiver is used for a value too; %d or %#v of a struct
// with a String method prints its last field (yaegi keeps only that
// with the wrapper); errors.As with a struct value or a cell-defined
// interface as target reports false; a wrapper reads its value from the
// argument's variable when a method is called, not when it was made, so
// Stringers kept from a loop all show the loop variable's last value,
// and errors wrapped in a loop all unwrap to the last one (errors.Is and
// errors.As in a cell stop such a cycle after 65536 errors with a panic
// that says so, where Go's would loop for ever).
//
// # Go that yaegi v0.16.1 lacks
//
// Named rewrites of the cell's syntax (passes, run in the order of the
// one list in passes.go; package rewrite holds those that need no
// interpreter) and a prelude fill the gaps: range over an integer
// (including `for range n` and labelled loops), per-iteration loop
// variables captured by closures, go and defer statements (Go 1.22), and
// the built-ins min, max and clear. Generic functions and types work with
// inference (func Filter[T any], type Pair[K comparable, V any], methods
// on generic types, constraints such as cmp.Ordered or ~int | ~float64),
// except a type parameter that only a function argument's result shows:
// for func Map[T, U any](xs []T, f func(T) U), yaegi takes U to be T, so
// Map(ints, func(i int) string {...}) fails with "cannot use type
// func(int) string as type func(int) int"; write the type arguments,
// Map[int, string](ints, f).
// The standard library's generic packages slices, maps and iter (Go 1.23
// API), which yaegi cannot take from compiled code, are interpreted from
// the engine's own source (package generic): slices.Sort, slices.Max,
// slices.Contains, slices.Index, slices.Reverse, slices.Sorted(maps.Keys(m)),
// maps.Clone and the rest. Yaegi v0.16.1 cannot define a top-level
// variable from a generic function's result (top := slices.Max(xs) fails
// with "nil reflect type", var x T = f(...) leaves x zero): the engine
// learns the result's type by compiling the call inside a block and
// writes the conversion (top := int(slices.Max(xs))); a definition of
// several variables from one generic call (v, err := Parse[T](s), lo, hi
// := MinMax(xs)) becomes declarations of the learnt types and an
// assignment, and typed variable declarations are split into a
// declaration and an assignment.
//
// Yaegi v0.16.1 defines nothing for a definition of several values from
// one expression (a, b := f(), v, ok := m[k], n, err := strconv.Atoi(s),
// var a, b = f()) inside the blocks of a cell's top-level for, if,
// switch or select statement ("undefined: a" at the next use; inside
// functions it works): the engine runs such a statement as the body of a
// function literal called at once (the cell's variables are globals it
// shares; top-level defers inside it still run when the cell ends; panic
// tracebacks do not show the literal). A statement that jumps to a label
// outside it (goto) is left alone, and its error says to declare the
// variables first (var a, b int; a, b = f()). A loop of 1000 such
// definitions costs about 15% more than assigning declared variables
// (BenchmarkExecuteBlockDefine).
//
// Range over functions (Go 1.23 iterators: for x := range seq, seq of
// type func(yield func(T) bool) or iter.Seq[T]) works in a cell's
// top-level loops: the engine learns the range expression's type with a
// probe compile and calls the iterator with the loop body as the yield
// function (continue and break become return true and false). Inside
// functions, and nested in a cell's top-level statements, a loop over a
// call of slices, maps, a cell function declared to return an iterator,
// a parameter or local variable of an iterator type or defined from such
// a call (rangelocal.go), or a compiled function that returns one
// (strings.Lines, SplitSeq,
// bytes.FieldsSeq...) pulls the values from the iterator run in a
// goroutine (return, labels and infinite iterators work). A compiled
// iterator passed to a generic function (slices.Collect(strings.Lines(s)))
// is converted to its function type first (rewrite.CompiledSeqs).
//
// Comma-ok definitions at a cell's top level (v, ok := m[k], x.(T),
// <-ch) become declarations and an assignment (commaok.go); method
// expressions of cell types (T.M, (*T).M) become function literals
// (rewrite.MethodExprs); sync.OnceValue and sync.OnceValues come from
// interpreted source (engine/generic/stdext, rewrite.StdExtensions).
//
// Yaegi cannot infer a type parameter that only a variadic parameter uses
// (func Sum[T Number](xs ...T)); the engine writes the type argument into
// calls of such cell functions when the arguments show it: untyped
// constants (Sum(1, 2.5) becomes Sum[float64](1, 2.5), as Go infers) and
// variables of earlier cells.
//
// Known gaps of yaegi that remain, each with an error that names it:
// such calls with other arguments (locals, expressions: write
// Sum[int](a, b)), and range over functions elsewhere: inside generic
// functions (a parameter iter.Seq[T]), or in a top-level loop whose
// body uses goto or leaves an outer loop (call the iterator with a yield
// function, or slices.Collect it). iter.Pull, math/rand/v2.N and package
// unique are missing (yaegi's generics fail on their sources: untyped
// constant arguments, named compiled types). In package
// slices, parameters are []E rather than S ~[]E, so results are []E
// (assignable to a named slice type).
//
// # Output, errors, interrupts
//
// Output of interpreted code (fmt, println, log, os.Stdout, os.Stderr)
// and of the compiled packages it calls (which find the running cell with
// package cell, or write to os.Stdout) reaches kernel.Output as it is
// written, in order: os.Stdout and os.Stderr are redirected into pipes
// while a cell runs, and rich output and input requests wait for the
// streams written before them. Standard input (fmt.Scan*, os.Stdin) asks
// the frontend for one line at a time.
//
// Errors carry cell line:column positions, with the source line under
// them and a caret under the column; a line longer than about 100
// characters is shown clipped to a window around the column ("…" where
// it was cut), and long messages (a 100,000-digit literal quoted) keep
// their start and end. As go build does, a cell reports the first syntax
// error of each line, ten at most, then "too many errors"; a cell with
// more than 100 lexical errors (pasted binary data) is reported from a
// scan that keeps no more of them, so a line of 20,000 illegal
// characters costs milliseconds, not the kernel (FuzzExecute feeds the
// engine such cells).
// A panic's traceback has one frame per interpreted call, innermost
// first, each with its source line and a caret: "at cell:L:C" in the
// running cell, "at In [n]:L:C in g" for a function declared by an
// earlier cell, named by its execution count as the frontend shows it
// (Execute's count; "earlier cell:L:C" when it is 0). The
// engine keeps the source of the distinct cells that declared functions. yaegi reports every frame at the first statement of its
// function's body, so the engine moves a caller's frame to its one call
// of the callee, and the innermost frame to the one panic call, index
// expression or division that can raise the panic; with none or several
// the frame stays at the body's start. Runs of more than three identical
// frames (recursion) end with "[Previous frame repeated N more times]".
// IsComplete's indent is four spaces per open block or bracket.
//
// Inside the engine an error is a cellError (errors.go): its kind (an
// errKind, whose String is the ename), message, traceback lines with the
// cell positions they name, and a panic's frames as yaegi reported them.
// It travels as a value until the boundary (Execute, Evaluate, the
// report of a late goroutine panic), where kernelError builds the
// *kernel.Error once: source lines under positions, frames resolved.
//
// Panics — in the cell, in goroutines it starts (go statements are
// rewritten to recover), in the interpreter itself, os.Exit and log.Fatal
// (restricted mode turns them into panics) — end the cell with an error
// and keep the interpreter's state, as does an interrupt: cancelling
// Execute's context stops interpreted loops, time.Sleep and channel
// operations, and compiled code sees the cancellation through
// cell.Context. Interrupts are final: cell.Context is cancelled only once
// the interpreted code can run no further statement, so a time.Sleep or a
// compiled call that returns early is not followed by the rest of the
// cell (deferred calls of the cell's top level still run). The error says
// which top-level statement was running ("execution interrupted at
// cell:3:1"): each top-level statement records its position before it
// runs (one compiled call per top-level statement; loops and functions
// pay nothing).
//
// A run-time panic of interpreted code shows in Go's words (runtimeerr.go):
// yaegi raises package reflect's panics, which the engine translates into
// the runtime.Error Go raises there ("runtime error: invalid memory
// address or nil pointer dereference" for a nil pointer, map or function,
// "runtime error: hash of unhashable type []int", "runtime error:
// makeslice: len out of range", "interface conversion: ..." without
// yaegi's position), also as the value recover returns. An index out of
// range is "runtime error: index out of range" without the "[i] with
// length n" Go adds: yaegi's panic has lost them.
//
// A top-level deferred call of a cell recovers the cell's panic as main's
// deferred call does in Go: recover() there returns the panic's value
// and the cell ends without error (deferred.go).
//
// A panic's value shows as Go prints it: its Error() or String(). Yaegi
// panics with the bare value of a cell-defined type, which has lost its
// methods, so the engine rewrites panic(T{...}), panic(&T{...}) and
// panic(T(x)) of a cell type with such a method to note that text first
// (the value recover gets is unchanged); panic of a variable, a field or
// a call's result asks compiled code, which yaegi hands the value with
// its static type's methods, for that text (panic(err), err of type
// *MyErr or MyErr). runtime.Goexit in a cell
// ends it with a Goexit error (its deferred calls run). A goroutine that
// panics after its cell ended is reported on the standard error of the
// next cell, with its traceback (positions of the last cell that ran).
//
// Running out of memory ends the cell, not the process (memguard.go,
// package internal/memlimit): the engine knows its budget (cgroup limit,
// RLIMIT_AS, available memory, or GOKERNEL_MEMORY_LIMIT); make and
// append of computed sizes are checked before they allocate (package
// rewrite routes them through the guard, which panics with a
// runtime.Error such as "runtime error: out of memory: make([]byte,
// 32212254720) needs 30 GiB, more than the kernel's 1.7 GiB budget has
// left"), and while a cell runs a watchdog reads the heap every 10 ms and
// stops the cell as an interrupt would, with an OutOfMemory error, when
// its live values exceed 90% of the budget. Under RLIMIT_AS a large block
// must also fit in the address space left (the Go runtime never unmaps
// its heap). Allocations inside compiled functions are not checked.
// After each cell, when the process retains much more heap than its live
// values need, or 64 MiB more than after the previous cell, the memory is
// given back to the system (debug.FreeOSMemory): printing a 100 MB line
// from a function leaves the kernel at 43 MiB RSS (idle 33 MiB; it
// stayed at ~650 MiB). A large value that a top-level statement computed
// stays referenced by the interpreter's frame until a later cell
// (fmt.Println(strings.Repeat("x", 100<<20)) at top level: 143 MiB).
//
// # Packages from modules
//
// An import of a package that is neither preloaded nor in the standard
// library (engine.Preloaded) is fetched before the cell compiles, through
// the Go module proxy by package gomod (GOPROXY, GOSUMDB, GOFLAGS=-mod=…,
// GOMODCACHE; the go.mod and go.sum of the working directory), with a
// "go: downloading module version (size)" line on the cell's stderr; yaegi
// then interprets it from source, on its own first so that a failure is
// an ImportError naming the package (and the file, where yaegi says).
// Fetched packages get the cells' rewrites that need no engine hook
// (range over an integer, per-iteration loop variables), min, max and
// clear, and Go's initialisation order across files. A "%go get
// module@version" line pins a version (the line is blanked before the cell
// runs). A name whose module import failed is not auto-imported from
// another package. Inspect and completion read a fetched package's docs
// from its source.
//
// # Performance (2 shared cores)
//
// New takes about 8 ms (3.7 ms of it compiling package generic's
// sources); a trivial Execute about 0.08 ms and one that prints about
// 0.18 ms (BenchmarkNew, BenchmarkExecuteTrivial, BenchmarkExecutePrint).
// The checkpoint taken before compiling a cell costs a few microseconds
// (BenchmarkCheckpoint: ~9 µs in a session of 200 globals). The Go type
// check costs about 22 µs of CPU per trivial Execute (a profile of
// BenchmarkExecuteTrivial: ~16% of its CPU); a cell of statements is
// checked in the package kept from the last check, so the cost does not
// grow with the session (BenchmarkCheckSession: ~35 µs with 250
// declarations), while a cell that declares functions or types checks the
// session's declarations again (~2.7 ms for 250). A top-level
// definition from a generic result costs a probe compile the first time
// (BenchmarkExecuteGenericDefine). Repeated executions retain no heap
// (BenchmarkRetainedHeap): the engine drops yaegi's debugger bookkeeping,
// which otherwise keeps every compiled cell (~3.6 KB per execute), and
// re-running `x := v` reuses x instead of growing yaegi's global frame.
// Declared functions pay for the recursion guard: about 40% on a
// call-bound benchmark (fib), nothing on loops.
//
// An interrupted cell returns once its interpreted code has stopped
// (yaegi's ExecuteWithContext returns at once, leaves the code running
// beside the next cell and writes its results from two goroutines: the
// engine runs programs itself, see runProgram); `go test -race
// ./engine/...` is clean. A race that remains in yaegi: a select
// statement keeps its cases in one array per statement, so goroutines
// that run the same select statement at the same time race (interpreted
// worker pools sharing a select loop); the engine's own code avoids
// select for that reason.
//
// yaegi's internals that the engine reads and writes (its run id, lock,
// symbol tables, frame layouts) are reached through package
// engine/internal/yaegix only, whose Check verifies them against the
// yaegi linked in when the first Engine is created.
//
// Limits: output that goroutines of a cell write with fmt after the cell
// ended goes to that cell's Output, but what compiled code writes to
// os.Stdout then does not reach the notebook; after an interrupt, compiled
// code that ignores cell.Context keeps running beside the next cell (the
// engine waits 2 s for it).
package engine
