package rewrite

import (
	"go/ast"
	"go/token"
	"strings"
)

// describedPanic rewrites panic(x), when the syntax does not show x's
// type (a variable, a field, a call's result, ...) and
// Options.PanicDescribe is set, into
//
//	{ __gk_pv := x; if __gk_pt, __gk_pok := PanicDescribe(__gk_pv); __gk_pok { PanicNote(__gk_pv, __gk_pt) }; panic(__gk_pv) }
//
// or, when x is a name, a field, an element or a pointer's target, the
// same with x in place of __gk_pv and without its definition (a copy of
// a variable of type error holding a struct value panics in yaegi:
// "reflect.Set: value of type struct {...} is not assignable to type
// error").
//
// PanicDescribe is compiled code that yaegi hands x as it hands fmt's
// arguments, with the methods of its static type (see symbols/stdlib's
// fmtmethods.go): it returns what Go's panic prints for an error or a
// Stringer. Gap: a cell printed panic(err), err a variable of a
// cell-defined error type, as "panic: {7}" or "panic: &{7}".
func describedPanic(s *ast.ExprStmt, call *ast.CallExpr, opts Options, made map[*ast.CallExpr]bool) ast.Stmt {
	if opts.PanicDescribe == "" || opts.PanicNote == "" || made[call] {
		return s
	}
	arg := call.Args[0]
	temp := true
	switch x := ast.Unparen(arg).(type) {
	case *ast.Ident:
		if x.Name == panicVar || x.Name == "nil" || x.Name == "true" || x.Name == "false" {
			return s
		}
		temp = false
	case *ast.SelectorExpr, *ast.IndexExpr, *ast.StarExpr:
		temp = false
	case *ast.CallExpr, *ast.TypeAssertExpr:
	default:
		return s
	}
	pos := call.Pos()
	ident := func(name string) *ast.Ident { return &ast.Ident{NamePos: pos, Name: name} }
	qualified := func(name string) ast.Expr {
		if pkg, fn, ok := strings.Cut(name, "."); ok {
			return &ast.SelectorExpr{X: ident(pkg), Sel: ident(fn)}
		}
		return ident(name)
	}
	var stmts []ast.Stmt
	value := func() ast.Expr { return arg }
	if temp {
		stmts = append(stmts, &ast.AssignStmt{Lhs: []ast.Expr{ident(panicVar)}, TokPos: pos, Tok: token.DEFINE, Rhs: []ast.Expr{arg}})
		value = func() ast.Expr { return ident(panicVar) }
	}
	again := &ast.CallExpr{Fun: call.Fun, Lparen: call.Lparen, Args: []ast.Expr{value()}, Rparen: call.Rparen}
	made[again] = true // the walk goes on inside the replacement
	describe := &ast.CallExpr{Fun: qualified(opts.PanicDescribe), Lparen: pos, Args: []ast.Expr{value()}, Rparen: pos}
	note := &ast.CallExpr{Fun: qualified(opts.PanicNote), Lparen: pos, Args: []ast.Expr{value(), ident(panicTextVar)}, Rparen: pos}
	return &ast.BlockStmt{Lbrace: pos, Rbrace: call.End(), List: append(stmts,
		&ast.IfStmt{If: pos,
			Init: &ast.AssignStmt{Lhs: []ast.Expr{ident(panicTextVar), ident(panicOKVar)}, TokPos: pos, Tok: token.DEFINE, Rhs: []ast.Expr{describe}},
			Cond: ident(panicOKVar),
			Body: &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{&ast.ExprStmt{X: note}}, Rbrace: pos}},
		&ast.ExprStmt{X: again},
	)}
}

// panicTextVar and panicOKVar hold PanicDescribe's results.
const (
	panicTextVar = "__gk_pt"
	panicOKVar   = "__gk_pok"
)
