package rewrite

import "go/ast"

// Options binds the passes to the kernel: the names of the runtime
// functions that rewritten code calls, and what a pass may ask about the
// session. A pass whose option is empty (or nil) leaves the code alone.
type Options struct {
	// IsInt reports whether a package-level identifier of the interpreter
	// (a variable or constant defined by an earlier cell) has an integer
	// type. It decides whether range over that identifier is a range over
	// an integer (RangeInt). Nil means no identifier is known to be an
	// integer.
	IsInt func(name string) bool
	// IsGlobal reports whether an earlier cell declared name (BlockShadow).
	IsGlobal func(name string) bool
	// Defer is the name (e.g. "__gk_defer", or qualified) of the function
	// that registers a top-level deferred call of a cell (TopLevelDefers).
	Defer string
	// Enter and Leave are the qualified names of functions that every
	// declared function (and method) calls first, and defers (FuncGuard).
	Enter, Leave string
	// GoPanic is the qualified name of the function (e.g. "rt.GoPanic")
	// that receives the value recovered from a panicking goroutine started
	// by a go statement (GoRecover).
	GoPanic string
	// PanicNote is the qualified name (e.g. "rt.PanicText") of the
	// function that a panic statement calls first with its value and the
	// text Go prints for it; PanicMethod returns that method's name
	// ("Error" or "String") for a panic argument, or "" to leave the
	// statement alone (PanicText).
	PanicNote   string
	PanicMethod func(arg ast.Expr) string
	// PanicDescribe is the qualified name of the compiled function that
	// returns the text Go's panic prints for a value whose type the
	// syntax does not show, and whether it has one (PanicText, see
	// describedPanic).
	PanicDescribe string
	// Make, Grow, RepeatString and RepeatBytes are the qualified names
	// of the kernel's memory guard for make, append, strings.Repeat and
	// bytes.Repeat of computed sizes (AllocGuard).
	Make, Grow, RepeatString, RepeatBytes string
	// Recover is the qualified name of the function that every recover()
	// value passes through (RecoverValue).
	Recover string
	// ErrorsAs is the name of the prelude's generic errors.As, which
	// errors.As(err, &target) calls are rewritten to when IsErrors
	// reports that the selector's name is the package errors (ErrorsAs).
	ErrorsAs string
	IsErrors func(name string) bool
	// HideUnexported tags the unexported fields of struct types json:"-"
	// (JSONUnexported).
	HideUnexported bool
	// WrapErrorValues makes a value given the type error by a
	// declaration, a conversion or an assignment the result of a function
	// (ErrorValues, ErrorAssign); IsErrorVar reports whether a variable
	// declared by an earlier cell has type error.
	WrapErrorValues bool
	IsErrorVar      func(name string) bool
}
