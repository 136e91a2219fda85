package rewrite

import (
	"go/ast"
	"go/token"
)

// ErrorsAs rewrites errors.As(err, &target), when Options.ErrorsAs is set
// and Options.IsErrors says the selector's package is errors, into
//
//	ErrorsAs(err, &target)
//
// a generic function of the prelude that walks err's chain in interpreted
// code, where a value of a cell-defined type keeps its type.
//
// Gap: yaegi v0.16.1 gives compiled code a cell-defined type without its
// methods, so errors.As(err, &qe) with qe of a cell-defined error type
// panicked with "errors: *target must be interface or implement error".
// Only the form whose target's type the call shows (&x) is rewritten; a
// target held in a variable of type any is left to errors.As.
var ErrorsAs = Pass{Name: "errors-as", Rewrite: func(root ast.Node, opts Options) {
	if opts.ErrorsAs == "" || opts.IsErrors == nil {
		return
	}
	ast.Inspect(root, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			errorsAs(call, opts)
		}
		return true
	})
}}

// errorsAs rewrites one call (see ErrorsAs).
func errorsAs(call *ast.CallExpr, opts Options) {
	if len(call.Args) != 2 || call.Ellipsis.IsValid() {
		return
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "As" {
		return
	}
	pkg, ok := sel.X.(*ast.Ident)
	if !ok || !opts.IsErrors(pkg.Name) {
		return
	}
	if addr, ok := ast.Unparen(call.Args[1]).(*ast.UnaryExpr); !ok || addr.Op != token.AND {
		return
	}
	call.Fun = &ast.Ident{NamePos: sel.Pos(), Name: opts.ErrorsAs}
}
