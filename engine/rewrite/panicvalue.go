package rewrite

import (
	"go/ast"
	"go/token"
	"strings"
)

// PanicText rewrites a panic(x) statement, when Options.PanicMethod names
// the method M that Go's panic prints for x (Error or String), into
//
//	{ __gk_pv := x; PanicNote(__gk_pv, __gk_pv.M()); panic(__gk_pv) }
//
// Gap: yaegi v0.16.1 panics with the bare value of a cell-defined type,
// which has lost its methods, so a cell printed panic(MyErr{7}) as
// "panic: {7}" where Go prints "panic: " and its Error(). PanicNote
// records that text while the value still has its type. The panic value
// itself is unchanged, so recover sees what it would have.
var PanicText = Pass{Name: "panic-text", Rewrite: func(root ast.Node, opts Options) {
	if opts.PanicMethod == nil {
		return
	}
	made := map[*ast.CallExpr]bool{} // the panic calls describedPanic made
	replaceStmts(root, true, func(s ast.Stmt) ast.Stmt {
		if es, ok := s.(*ast.ExprStmt); ok {
			return panicStmt(es, opts, made)
		}
		return s
	})
}}

// panicStmt rewrites one panic statement (see PanicText).
func panicStmt(s *ast.ExprStmt, opts Options, made map[*ast.CallExpr]bool) ast.Stmt {
	call, ok := s.X.(*ast.CallExpr)
	if !ok || len(call.Args) != 1 || call.Ellipsis.IsValid() {
		return s
	}
	if fn, ok := call.Fun.(*ast.Ident); !ok || fn.Name != "panic" {
		return s
	}
	method := opts.PanicMethod(call.Args[0])
	if method == "" {
		return describedPanic(s, call, opts, made) // see panicvar.go
	}
	pos := call.Pos()
	ident := func(name string) *ast.Ident { return &ast.Ident{NamePos: pos, Name: name} }
	pkg, fn, qualified := strings.Cut(opts.PanicNote, ".")
	var note ast.Expr = ident(opts.PanicNote)
	if qualified {
		note = &ast.SelectorExpr{X: ident(pkg), Sel: ident(fn)}
	}
	text := &ast.CallExpr{Fun: &ast.SelectorExpr{X: ident(panicVar), Sel: ident(method)}, Lparen: pos, Rparen: pos}
	return &ast.BlockStmt{Lbrace: pos, Rbrace: call.End(), List: []ast.Stmt{
		&ast.AssignStmt{Lhs: []ast.Expr{ident(panicVar)}, TokPos: pos, Tok: token.DEFINE, Rhs: []ast.Expr{call.Args[0]}},
		&ast.ExprStmt{X: &ast.CallExpr{Fun: note, Lparen: pos, Args: []ast.Expr{ident(panicVar), text}, Rparen: pos}},
		&ast.ExprStmt{X: &ast.CallExpr{Fun: call.Fun, Lparen: call.Lparen, Args: []ast.Expr{ident(panicVar)}, Rparen: call.Rparen}},
	}}
}

// panicVar holds the value of a rewritten panic statement.
const panicVar = "__gk_pv"
