package engine

import (
	"errors"
	"go/ast"

	"github.com/traefik/yaegi/interp"
)

// A return statement at a cell's top level (outside function literals)
// ends the cell, as return ends main; yaegi v0.16.1 crashes on it. The
// engine rewrites it into a call of __gkrt.Return, which panics with
// cellReturn; exec recognizes the panic: the rest of the cell does not
// run (the declarations of its later parts are forgotten, as after a
// panic), its deferred calls do, and the cell succeeds.

// cellReturn is the panic value of a top-level return.
type cellReturn struct{}

// endCell is __gkrt.Return.
func endCell() { panic(cellReturn{}) }

// isCellReturn reports whether err, of an execution, is a top-level
// return.
func isCellReturn(err error) bool {
	var p interp.Panic
	if !errors.As(err, &p) {
		return false
	}
	_, ok := p.Value.(cellReturn)
	return ok
}

// rewriteReturns replaces the bare return statements of body, outside
// function literals, with calls of __gkrt.Return. A return with values
// there is a compile error.
func (e *Engine) rewriteReturns(body *ast.BlockStmt) *cellError {
	var bad *ast.ReturnStmt
	replace := func(s ast.Stmt) ast.Stmt {
		r, ok := s.(*ast.ReturnStmt)
		if !ok {
			return s
		}
		if len(r.Results) > 0 {
			if bad == nil {
				bad = r
			}
			return s
		}
		fn := &ast.SelectorExpr{X: &ast.Ident{NamePos: r.Pos(), Name: rtName}, Sel: &ast.Ident{NamePos: r.Pos(), Name: "Return"}}
		return &ast.ExprStmt{X: &ast.CallExpr{Fun: fn, Lparen: r.Pos(), Rparen: r.Pos()}}
	}
	replaceAll := func(list []ast.Stmt) {
		for i, s := range list {
			list[i] = replace(s)
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.BlockStmt:
			replaceAll(n.List)
		case *ast.CaseClause:
			replaceAll(n.Body)
		case *ast.CommClause:
			replaceAll(n.Body)
		case *ast.LabeledStmt:
			n.Stmt = replace(n.Stmt)
		}
		return true
	})
	if bad == nil {
		return nil
	}
	pos := e.interp.FileSet().Position(bad.Pos())
	return errorAt(kindCompile, pos.Line-headerLines, pos.Column, "too many return values: a cell's top level returns nothing (a bare return ends the cell)")
}
