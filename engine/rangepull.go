package engine

import (
	"fmt"
	"go/ast"
	"go/token"
)

// Range loops over iterators inside functions cannot have their types
// probed. When the engine knows the range expression is an iterator and
// how many values it yields (iteratorArity), it pulls the values from it
// instead, with the prelude's __gk_pull1 or __gk_pull2, which run the
// iterator in a goroutine:
//
//	for k, v := range seq { body }
//
// becomes
//
//	{
//		next, stop := __gk_pull2(seq)
//		defer stop()
//		for {
//			k, v, ok := next()
//			if !ok { break }
//			body
//		}
//	}
//
// so that break, continue, return and labels keep their meaning.

// pullRangeFuncs rewrites such loops in every statement list of the
// functions under root. With cell set, root is a cell's statements, whose
// own loops outside function literals are left alone (yaegi v0.16.1
// loses the variables pulled there: its package-level scope mishandles
// definitions from generic results; rewriteRangeFuncs handles the
// top-level ones).
func (e *Engine) pullRangeFuncs(root ast.Node, cell bool) {
	n := 0
	locals := e.localIterators(root) // see rangelocal.go
	var walk func(root ast.Node, cell bool)
	rewriteList := func(list []ast.Stmt) []ast.Stmt {
		out := list[:0:0]
		for _, s := range list {
			r, label := s, (*ast.Ident)(nil)
			if l, ok := s.(*ast.LabeledStmt); ok {
				r, label = l.Stmt, l.Label
			}
			rs, ok := r.(*ast.RangeStmt)
			arity := 0
			if ok && rs.Tok != token.ASSIGN {
				arity = e.iteratorArity(rs.X)
				if id, ok := rs.X.(*ast.Ident); ok && arity == 0 {
					arity = locals[id.Name]
				}
			}
			if arity == 0 || rs.Value != nil && arity < 2 {
				out = append(out, s)
				continue
			}
			n++
			out = append(out, pullLoop(rs, label, arity, n))
		}
		return out
	}
	walk = func(root ast.Node, cell bool) {
		ast.Inspect(root, func(x ast.Node) bool {
			switch x := x.(type) {
			case *ast.FuncLit:
				if cell {
					walk(x.Body, false)
					return false
				}
			case *ast.BlockStmt:
				if !cell {
					x.List = rewriteList(x.List)
				}
			case *ast.CaseClause:
				if !cell {
					x.Body = rewriteList(x.Body)
				}
			case *ast.CommClause:
				if !cell {
					x.Body = rewriteList(x.Body)
				}
			}
			return true
		})
	}
	walk(root, cell)
}

// pullLoop builds the replacement of a range loop over an iterator that
// yields arity values; n numbers the loop's temporaries.
func pullLoop(rs *ast.RangeStmt, label *ast.Ident, arity, n int) ast.Stmt {
	pos := rs.For
	id := func(name string) *ast.Ident { return &ast.Ident{NamePos: pos, Name: name} }
	next, stop, ok := fmt.Sprintf("__gk_next%d", n), fmt.Sprintf("__gk_stop%d", n), fmt.Sprintf("__gk_ok%d", n)
	var lhs []ast.Expr
	for _, v := range []ast.Expr{rs.Key, rs.Value}[:arity] {
		if v == nil {
			v = id("_")
		}
		lhs = append(lhs, v)
	}
	lhs = append(lhs, id(ok))
	loop := &ast.ForStmt{For: pos, Body: &ast.BlockStmt{Lbrace: rs.Body.Lbrace, Rbrace: rs.Body.Rbrace, List: append([]ast.Stmt{
		&ast.AssignStmt{Lhs: lhs, TokPos: pos, Tok: token.DEFINE, Rhs: []ast.Expr{&ast.CallExpr{Fun: id(next), Lparen: pos, Rparen: pos}}},
		&ast.IfStmt{If: pos, Cond: &ast.UnaryExpr{OpPos: pos, Op: token.NOT, X: id(ok)}, Body: &ast.BlockStmt{Lbrace: pos, Rbrace: pos, List: []ast.Stmt{&ast.BranchStmt{TokPos: pos, Tok: token.BREAK}}}},
	}, rs.Body.List...)}}
	var inner ast.Stmt = loop
	if label != nil {
		inner = &ast.LabeledStmt{Label: label, Colon: pos, Stmt: loop}
	}
	stopCall := &ast.CallExpr{Fun: id(stop), Lparen: pos, Rparen: pos}
	start := &ast.AssignStmt{Lhs: []ast.Expr{id(next), id(stop)}, TokPos: pos, Tok: token.DEFINE,
		Rhs: []ast.Expr{&ast.CallExpr{Fun: id(fmt.Sprintf("__gk_pull%d", arity)), Lparen: pos, Args: []ast.Expr{rs.X}, Rparen: pos}}}
	return &ast.BlockStmt{Lbrace: pos, Rbrace: rs.Body.Rbrace, List: []ast.Stmt{start, &ast.DeferStmt{Defer: pos, Call: stopCall}, inner}}
}
