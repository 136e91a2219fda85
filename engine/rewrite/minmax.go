package rewrite

import (
	"go/ast"
	"go/token"
)

// FloatMinMax turns the numeric literal arguments of a min or max call
// that has an untyped floating-point constant argument into
// float64(literal): max(1, 2.5) becomes max(float64(1), float64(2.5)).
//
// Gap: yaegi v0.16.1 lacks the built-ins min and max (Go 1.21); the
// engine's prelude defines them as generic functions, which cannot infer
// a type from untyped constants that mix integers and floats, where Go's
// built-ins give the float constant's default type.
var FloatMinMax = Pass{Name: "float-min-max", Rewrite: func(root ast.Node, _ Options) {
	ast.Inspect(root, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			floatConstants(call)
		}
		return true
	})
}}

// floatConstants rewrites the literal arguments of one min or max call
// (see FloatMinMax).
func floatConstants(call *ast.CallExpr) {
	id, ok := call.Fun.(*ast.Ident)
	if !ok || (id.Name != "min" && id.Name != "max") {
		return
	}
	isLit := func(e ast.Expr) (*ast.BasicLit, bool) {
		if u, ok := e.(*ast.UnaryExpr); ok && (u.Op == token.SUB || u.Op == token.ADD) {
			e = u.X
		}
		lit, ok := e.(*ast.BasicLit)
		return lit, ok && (lit.Kind == token.INT || lit.Kind == token.FLOAT)
	}
	hasFloat := false
	for _, a := range call.Args {
		if lit, ok := isLit(a); ok && lit.Kind == token.FLOAT {
			hasFloat = true
		}
	}
	if !hasFloat {
		return
	}
	for i, a := range call.Args {
		if _, ok := isLit(a); ok {
			call.Args[i] = &ast.CallExpr{Fun: &ast.Ident{NamePos: a.Pos(), Name: "float64"}, Lparen: a.Pos(), Args: []ast.Expr{a}, Rparen: a.End()}
		}
	}
}
