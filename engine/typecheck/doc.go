// Package typecheck type-checks notebook cells as Go, with go/types, before
// the interpreter runs them, so that a cell Go rejects is rejected with the
// Go compiler's own message (assignment mismatch: 1 variable but
// strconv.Atoi returns 2 values; missing return; declared and not used: x;
// invalid operation: a + b (mismatched types int and string); ...) at its
// cell line and column, instead of running (yaegi v0.16.1 accepts many such
// cells) or failing in the interpreter's words.
//
// # The session model
//
// A Session models what earlier cells declared: the latest declaration of
// every name. Functions and methods are kept as their signatures, types
// and variables or constants of cell types as source (var x T), variables
// and constants of other types as the go/types objects the check of their
// cell found (a top-level x := f() is a variable of f's result type). A
// check builds a package of the session's declarations, the cell's
// package-level declarations (func, method, type, const), and a function
// literal holding the cell's statements in order (var _ = func() {...}),
// whose top-level variables become the session's globals. The cell's
// files start with a one-line header of imports (the session's, the
// cell's own and the automatic ones) and a line directive, so that
// positions are the cell's lines and columns, and a later error that
// points at a declaration of the cell names it as the frontend does
// ("declared at In [3]:2:6").
//
// A cell's declarations enter the session with Commit, once the cell ran:
// a cell that does not compile leaves no trace, and of a cell stopped by a
// panic only the parts that ran count, as in the engine. A declaration
// replaces the earlier one of its name; a cell's declarations of a name
// hide the session's for that cell.
//
// # Notebook rules
//
// Go's rules for a file are relaxed where a notebook differs: a cell's
// top-level variables are globals, so they are never "declared and not
// used" (variables of functions and nested blocks are); an import may
// serve later cells ("imported and not used" is never reported); the
// final bare expression is the cell's result (not "is not used"); a
// top-level return ends the cell; a name may be declared again by a later
// cell; a package used without an import is imported when Env.AutoImport
// names it. Messages that go build words differently from go/types
// (branches and labels) are given in go build's words.
//
// # Never in the way
//
// The check must never reject a cell that Go would accept. When the model
// cannot decide, Result.Err wraps ErrUndecided and the engine lets the
// interpreter decide, as before: an import without embedded type
// information (packages fetched from modules), an undefined name that the
// engine knows (a declaration the model missed) or that the cell itself
// declares elsewhere (a function using a variable of the same cell's top
// level whose type is one of the cell's own: variables of other types are
// declared for a second check), a package name with several candidates
// for an automatic import, a cell that does not parse, errors that name
// the engine's own declarations (__gk) or a type whose methods an
// unchecked cell changed, or errors of the session's own declarations.
// The three tutorial notebooks' 51 code cells are all checked (none
// undecided, none rejected).
//
// # Packages
//
// Compiled packages (the standard library of Go 1.24, gonum, gonum/plot,
// nnlib, display, nnplot, widgets) and the generic packages the engine
// interprets from source (iter, maps, slices, cmp: checked against Go's
// own API) are read from the export data of package symbols/exportdata,
// each when a cell first imports it, and kept for the session: nothing
// is read when the kernel starts.
//
// # Cost
//
// The session's declarations are checked from source only when a cell
// declares package-level names (func, method, type, const) or the kept
// package is stale: the package of that check is kept, and a cell of
// statements only (most cells) is checked in it, its top-level variables
// added to it once the cell ran (a variable defined again with another
// type makes it stale). So a check costs about 25 µs whatever the
// session's size (BenchmarkCheckTrivial; BenchmarkCheckSession, 250
// declarations: ~35 µs), and a cell with declarations about 11 µs per
// declaration of the session (2.7 ms for 250). Each check in the kept
// package leaves its file scopes in it: after 256 the package is rebuilt.
package typecheck
