package rewrite

import (
	"fmt"
	"go/ast"
	"go/token"
	"strings"
)

// goStmt turns `go f(a, b)` into
//
//	{
//		__gk_g1_0, __gk_g1_1 := a, b
//		go func() {
//			defer func() {
//				if r := recover(); r != nil { GoPanic(r) }
//			}()
//			f(__gk_g1_0, __gk_g1_1)
//		}()
//	}
//
// The arguments are evaluated where the go statement stands, as in Go.
func (r *rewriter) goStmt(s *ast.GoStmt) ast.Stmt {
	r.seq++
	pos := s.Go
	call := s.Call
	var lhs, rhs []ast.Expr
	args := make([]ast.Expr, len(call.Args))
	for i, a := range call.Args {
		if _, lit := a.(*ast.BasicLit); lit {
			args[i] = a
			continue
		}
		tmp := fmt.Sprintf("__gk_g%d_%d", r.seq, i)
		lhs = append(lhs, &ast.Ident{NamePos: a.Pos(), Name: tmp})
		rhs = append(rhs, a)
		args[i] = &ast.Ident{NamePos: a.Pos(), Name: tmp}
	}
	inner := &ast.CallExpr{Fun: call.Fun, Lparen: call.Lparen, Args: args, Ellipsis: call.Ellipsis, Rparen: call.Rparen}

	pkg, fn, _ := strings.Cut(r.opts.GoPanic, ".")
	rec := &ast.Ident{NamePos: pos, Name: "__gk_r"}
	handler := &ast.FuncLit{
		Type: &ast.FuncType{Func: pos, Params: &ast.FieldList{Opening: pos, Closing: pos}},
		Body: &ast.BlockStmt{Lbrace: pos, Rbrace: pos, List: []ast.Stmt{
			&ast.IfStmt{If: pos,
				Init: &ast.AssignStmt{Lhs: []ast.Expr{rec}, TokPos: pos, Tok: token.DEFINE,
					Rhs: []ast.Expr{&ast.CallExpr{Fun: &ast.Ident{NamePos: pos, Name: "recover"}, Lparen: pos, Rparen: pos}}},
				Cond: &ast.BinaryExpr{X: &ast.Ident{NamePos: pos, Name: "__gk_r"}, OpPos: pos, Op: token.NEQ, Y: &ast.Ident{NamePos: pos, Name: "nil"}},
				Body: &ast.BlockStmt{Lbrace: pos, Rbrace: pos, List: []ast.Stmt{
					&ast.ExprStmt{X: &ast.CallExpr{
						Fun:    &ast.SelectorExpr{X: &ast.Ident{NamePos: pos, Name: pkg}, Sel: &ast.Ident{NamePos: pos, Name: fn}},
						Lparen: pos, Args: []ast.Expr{&ast.Ident{NamePos: pos, Name: "__gk_r"}}, Rparen: pos}},
				}},
			},
		}},
	}
	wrapper := &ast.FuncLit{
		Type: &ast.FuncType{Func: pos, Params: &ast.FieldList{Opening: pos, Closing: pos}},
		Body: &ast.BlockStmt{Lbrace: pos, Rbrace: pos, List: []ast.Stmt{
			&ast.DeferStmt{Defer: pos, Call: &ast.CallExpr{Fun: handler, Lparen: pos, Rparen: pos}},
			&ast.ExprStmt{X: inner},
		}},
	}
	goStmt := &ast.GoStmt{Go: pos, Call: &ast.CallExpr{Fun: wrapper, Lparen: pos, Rparen: pos}}
	r.done[goStmt] = true
	if len(lhs) == 0 {
		return goStmt
	}
	return &ast.BlockStmt{Lbrace: pos, Rbrace: pos, List: []ast.Stmt{
		&ast.AssignStmt{Lhs: lhs, TokPos: pos, Tok: token.DEFINE, Rhs: rhs},
		goStmt,
	}}
}
