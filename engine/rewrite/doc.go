// Package rewrite brings Go syntax that yaegi v0.16.1 does not run as Go
// does into a form it does, by rewriting a cell's syntax tree before it
// compiles. Each rewrite is a Pass, a named value in its own file whose
// doc comment names the yaegi gap and the Go behaviour it restores:
//
//   - TopLevelDefers: a cell's top-level defer runs when the cell ends;
//   - FuncGuard: declared functions count their nesting, so infinite
//     recursion ends the cell, not the process;
//   - AllocGuard: make and append of computed sizes pass through the
//     kernel's memory guard, which refuses an allocation beyond the
//     kernel's budget before it happens;
//   - LoopVars: loop variables captured by a closure, a go or a defer
//     statement get a fresh copy per iteration (Go 1.22);
//   - RangeInt: range over an integer becomes a counting loop;
//   - GoRecover: a go statement's call recovers a panic and hands it to
//     the kernel instead of killing the process;
//   - PanicText: panic of a cell type's value notes the text Go prints
//     (of a variable, field or call result: asked of compiled code, which
//     yaegi hands the value with its methods);
//   - ErrorsAs: errors.As(err, &target) runs as interpreted Go, where a
//     cell-defined target type is known;
//   - JSONUnexported: unexported struct fields are tagged json:"-", as
//     encoding/json skips them in Go;
//   - ErrorValues: var err error = v and error(v) hold v with its
//     methods (as a function's error result does);
//   - ErrorAssign: so does err = T{...} to a variable of type error;
//   - FloatMinMax: min and max of mixed integer and float constants;
//   - TypedVars: var x T = f() becomes a declaration and an assignment;
//   - RecoverValue: recover() returns Go's runtime errors, and the cell's
//     panic in a top-level deferred call;
//   - BlockShadow: a variable defined in a block of a cell's top level is
//     a new variable, also when a global has its name.
//
// Rewrites that need answers from the session take them as a function
// argument instead of Options, and the engine lists them as its own
// passes: MethodExprs (method expressions T.M and (*T).M become function
// literals; the signatures come from the cells), CompiledSeqs (a compiled
// function's iterator result gets its function type, so generic calls
// infer from it) and StdExtensions (sync.OnceValue and sync.OnceValues
// call the interpreted package stdext).
//
// The engine runs these and its own passes (those that must ask the
// interpreter: types of earlier cells' names, probe compiles) in the
// order of ONE list, engine/passes.go. Adding a pass is one file and one
// list entry: a Pass variable in a new file here, with a table test
// (input → rewritten source, see rewrite_test.go), and its entry in that
// list where it must run; a pass that needs a runtime function of the
// kernel takes its name from a field of Options, and does nothing when
// the field is empty.
//
// The rewritten nodes carry the positions of the code they replace, so
// errors still point at the user's lines.
package rewrite
