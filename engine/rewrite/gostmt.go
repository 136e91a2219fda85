package rewrite

import (
	"fmt"
	"go/ast"
	"go/token"
	"strings"
)

// captureArgs returns call with its arguments replaced by temporaries,
// and the definition of the temporaries (lhs := rhs), so that the
// arguments are evaluated where the statement stands.
func (r *rewriter) captureArgs(call *ast.CallExpr, tag string) (inner *ast.CallExpr, lhs, rhs []ast.Expr) {
	r.seq++
	args := make([]ast.Expr, len(call.Args))
	for i, a := range call.Args {
		if _, lit := a.(*ast.BasicLit); lit {
			args[i] = a
			continue
		}
		tmp := fmt.Sprintf("__gk_%s%d_%d", tag, r.seq, i)
		lhs = append(lhs, &ast.Ident{NamePos: a.Pos(), Name: tmp})
		rhs = append(rhs, a)
		args[i] = &ast.Ident{NamePos: a.Pos(), Name: tmp}
	}
	inner = &ast.CallExpr{Fun: call.Fun, Lparen: call.Lparen, Args: args, Ellipsis: call.Ellipsis, Rparen: call.Rparen}
	return inner, lhs, rhs
}

// deferStmt turns a defer statement of the cell's top level (outside any
// function) into `{ tmps := args; Defer(func() { f(tmps) }) }`: the
// kernel runs the registered calls when the cell ends. (yaegi would attach
// them to its global frame and run them after every later cell.)
func (r *rewriter) deferStmt(s *ast.DeferStmt) ast.Stmt {
	pos := s.Defer
	inner, lhs, rhs := r.captureArgs(s.Call, "d")
	pkg, fn, _ := strings.Cut(r.opts.Defer, ".")
	var fun ast.Expr
	if fn == "" {
		fun = &ast.Ident{NamePos: pos, Name: pkg}
	} else {
		fun = &ast.SelectorExpr{X: &ast.Ident{NamePos: pos, Name: pkg}, Sel: &ast.Ident{NamePos: pos, Name: fn}}
	}
	closure := &ast.FuncLit{
		Type: &ast.FuncType{Func: pos, Params: &ast.FieldList{Opening: pos, Closing: pos}},
		Body: &ast.BlockStmt{Lbrace: pos, Rbrace: pos, List: []ast.Stmt{&ast.ExprStmt{X: inner}}},
	}
	register := &ast.ExprStmt{X: &ast.CallExpr{Fun: fun, Lparen: pos, Args: []ast.Expr{closure}, Rparen: pos}}
	if len(lhs) == 0 {
		return register
	}
	return &ast.BlockStmt{Lbrace: pos, Rbrace: pos, List: []ast.Stmt{
		&ast.AssignStmt{Lhs: lhs, TokPos: pos, Tok: token.DEFINE, Rhs: rhs},
		register,
	}}
}

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
	pos := s.Go
	inner, lhs, rhs := r.captureArgs(s.Call, "g")

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
