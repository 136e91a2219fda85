package rewrite

import (
	"go/ast"
)

// RecoverValue passes the value of every recover() call through the
// kernel's Options.Recover function: recover() becomes
// Recover(recover()), and a recover() at a cell's top level, outside any
// function, becomes Recover(nil).
//
// Gaps: yaegi v0.16.1 recovers package reflect's panics (its run-time
// errors: "reflect: call of reflect.Value.Field on zero Value"), where Go
// recovers a runtime.Error with Go's text, which Recover supplies; a
// cell's top-level deferred calls run after the cell's code, outside
// yaegi's panic, so their recover() would return nil where Go's returns
// the panic (Recover hands them the cell's panic and the cell ends
// without error, as main does after its deferred call recovered); and
// recover() at a cell's top level crashes yaegi, where Go returns nil.
var RecoverValue = Pass{Name: "recover-value", Rewrite: func(root ast.Node, opts Options) {
	if opts.Recover == "" {
		return
	}
	_, cell := root.(*ast.BlockStmt)
	var walk func(n ast.Node, top bool)
	walk = func(n ast.Node, top bool) {
		ast.Inspect(n, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				walk(n.Body, false)
				return false
			case *ast.CallExpr:
				if !isRecover(n) {
					return true
				}
				var arg ast.Expr = &ast.CallExpr{Fun: n.Fun, Lparen: n.Lparen, Rparen: n.Rparen}
				if top {
					arg = &ast.Ident{NamePos: n.Pos(), Name: "nil"}
				}
				n.Fun = qualified(opts.Recover, n.Pos())
				n.Args = []ast.Expr{arg}
				return false
			}
			return true
		})
	}
	walk(root, cell)
}}

// isRecover reports whether call is a call of the built-in recover.
func isRecover(call *ast.CallExpr) bool {
	id, ok := call.Fun.(*ast.Ident)
	return ok && id.Name == "recover" && len(call.Args) == 0
}
