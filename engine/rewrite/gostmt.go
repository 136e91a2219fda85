package rewrite

import (
	"fmt"
	"go/ast"
	"go/token"
	"strings"
)

// TopLevelDefers turns a defer statement of a cell's top level (outside
// any function literal; Options.Defer set, root a block) into
// `{ tmps := args; Defer(func() { f(tmps) }) }`: the kernel runs the
// registered calls, last first, when the cell ends.
//
// Gap: yaegi v0.16.1 attaches a top-level defer to its global frame and
// runs it after every later cell; in Go, main's deferred calls run once,
// when main returns. The arguments are evaluated where the statement
// stands, as in Go.
var TopLevelDefers = Pass{Name: "top-level-defer", Rewrite: func(root ast.Node, opts Options) {
	block, ok := root.(*ast.BlockStmt)
	if !ok || opts.Defer == "" {
		return
	}
	seq := 0
	replaceStmts(block, false, func(s ast.Stmt) ast.Stmt {
		if d, ok := s.(*ast.DeferStmt); ok {
			seq++
			return deferStmt(d, opts.Defer, seq)
		}
		return s
	})
}}

// GoRecover runs the call of every go statement (Options.GoPanic set) in
// a wrapper that recovers a panic and hands its value to GoPanic.
//
// Gap: a panic in a goroutine that yaegi v0.16.1 started kills the
// process, kernel included; Go would end the program with the panic. The
// kernel ends the running cell with the goroutine's panic instead, and
// keeps its state.
var GoRecover = Pass{Name: "go-recover", Rewrite: func(root ast.Node, opts Options) {
	if opts.GoPanic == "" {
		return
	}
	seq := 0
	done := map[*ast.GoStmt]bool{}
	replaceStmts(root, true, func(s ast.Stmt) ast.Stmt {
		if g, ok := s.(*ast.GoStmt); ok && !done[g] {
			seq++
			return goStmt(g, opts.GoPanic, seq, done)
		}
		return s
	})
}}

// captureArgs returns call with its arguments replaced by temporaries,
// and the definition of the temporaries (lhs := rhs), so that the
// arguments are evaluated where the statement stands. Tag and seq make
// the temporaries' names unique.
func captureArgs(call *ast.CallExpr, tag string, seq int) (inner *ast.CallExpr, lhs, rhs []ast.Expr) {
	args := make([]ast.Expr, len(call.Args))
	for i, a := range call.Args {
		if _, lit := a.(*ast.BasicLit); lit {
			args[i] = a
			continue
		}
		tmp := fmt.Sprintf("__gk_%s%d_%d", tag, seq, i)
		lhs = append(lhs, &ast.Ident{NamePos: a.Pos(), Name: tmp})
		rhs = append(rhs, a)
		args[i] = &ast.Ident{NamePos: a.Pos(), Name: tmp}
	}
	inner = &ast.CallExpr{Fun: call.Fun, Lparen: call.Lparen, Args: args, Ellipsis: call.Ellipsis, Rparen: call.Rparen}
	return inner, lhs, rhs
}

// deferStmt turns a top-level defer statement into
// `{ tmps := args; register(func() { f(tmps) }) }`.
func deferStmt(s *ast.DeferStmt, register string, seq int) ast.Stmt {
	pos := s.Defer
	inner, lhs, rhs := captureArgs(s.Call, "d", seq)
	pkg, fn, _ := strings.Cut(register, ".")
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
	call := &ast.ExprStmt{X: &ast.CallExpr{Fun: fun, Lparen: pos, Args: []ast.Expr{closure}, Rparen: pos}}
	if len(lhs) == 0 {
		return call
	}
	return &ast.BlockStmt{Lbrace: pos, Rbrace: pos, List: []ast.Stmt{
		&ast.AssignStmt{Lhs: lhs, TokPos: pos, Tok: token.DEFINE, Rhs: rhs},
		call,
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
// The new go statement is added to done.
func goStmt(s *ast.GoStmt, goPanic string, seq int, done map[*ast.GoStmt]bool) ast.Stmt {
	pos := s.Go
	inner, lhs, rhs := captureArgs(s.Call, "g", seq)

	pkg, fn, _ := strings.Cut(goPanic, ".")
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
	done[goStmt] = true
	if len(lhs) == 0 {
		return goStmt
	}
	return &ast.BlockStmt{Lbrace: pos, Rbrace: pos, List: []ast.Stmt{
		&ast.AssignStmt{Lhs: lhs, TokPos: pos, Tok: token.DEFINE, Rhs: rhs},
		goStmt,
	}}
}
