package rewrite

import (
	"go/ast"
	"strings"
)

// FuncGuard prepends `defer Leave(); Enter()` (Options.Enter, Leave) to
// the body of every function and method that a chunk of declarations
// declares.
//
// Gap: yaegi v0.16.1 runs interpreted calls on the Go stack, so infinite
// recursion in a cell overflows it, which kills the process; Go would end
// the program with "goroutine stack exceeds" and the kernel must end only
// the cell. The kernel counts nested calls with Enter and Leave and stops
// the cell at a depth limit.
var FuncGuard = Pass{Name: "func-guard", Rewrite: func(root ast.Node, opts Options) {
	file, ok := root.(*ast.File)
	if !ok || opts.Enter == "" || opts.Leave == "" {
		return
	}
	for _, d := range file.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
			guard(fd.Body, opts.Enter, opts.Leave)
		}
	}
}}

// guard prepends `defer Leave(); Enter()` to a function body: Leave is
// deferred first, so every counted call is uncounted exactly once, however
// Enter ends (it may stop the cell). They get the position of the body's
// first statement, which is where yaegi locates a frame in a panic's
// traceback.
func guard(body *ast.BlockStmt, enter, leave string) {
	pos := body.Lbrace
	if len(body.List) > 0 {
		pos = body.List[0].Pos()
	}
	call := func(name string) *ast.CallExpr {
		pkg, fn, _ := strings.Cut(name, ".")
		return &ast.CallExpr{Fun: &ast.SelectorExpr{X: &ast.Ident{NamePos: pos, Name: pkg}, Sel: &ast.Ident{NamePos: pos, Name: fn}}, Lparen: pos, Rparen: pos}
	}
	body.List = append([]ast.Stmt{
		&ast.DeferStmt{Defer: pos, Call: call(leave)},
		&ast.ExprStmt{X: call(enter)},
	}, body.List...)
}
