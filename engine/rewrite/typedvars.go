package rewrite

import (
	"go/ast"
	"go/token"
)

// TypedVars splits a typed variable declaration of a cell's top level
// whose values are calls, `var x T = f(...)`, into a declaration and an
// assignment, `var x T; x = f(...)`.
//
// Gap: yaegi v0.16.1 leaves x zero when f is a generic function; Go
// assigns the result.
var TypedVars = Pass{Name: "typed-vars", Rewrite: func(root ast.Node, _ Options) {
	body, ok := root.(*ast.BlockStmt)
	if !ok {
		return
	}
	var out []ast.Stmt
	for _, s := range body.List {
		out = append(out, s)
		ds, ok := s.(*ast.DeclStmt)
		if !ok {
			continue
		}
		gd, ok := ds.Decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR {
			continue
		}
		for _, spec := range gd.Specs {
			vs, ok := spec.(*ast.ValueSpec)
			if !ok || vs.Type == nil || len(vs.Values) != len(vs.Names) || !hasCall(vs.Values) {
				continue
			}
			lhs := make([]ast.Expr, len(vs.Names))
			for i, n := range vs.Names {
				lhs[i] = &ast.Ident{NamePos: n.Pos(), Name: n.Name}
			}
			out = append(out, &ast.AssignStmt{Lhs: lhs, TokPos: vs.Values[0].Pos(), Tok: token.ASSIGN, Rhs: vs.Values})
			vs.Values = nil
		}
	}
	body.List = out
}}

// hasCall reports whether one of xs is a call.
func hasCall(xs []ast.Expr) bool {
	for _, x := range xs {
		if _, ok := x.(*ast.CallExpr); ok {
			return true
		}
	}
	return false
}
