package engine

import (
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"strings"
)

// evalFinal compiles and runs an expression as a cell's final one.
func (e *Engine) evalFinal(ctx context.Context, body *ast.BlockStmt, x ast.Expr) *cellError {
	s, kerr := e.compileFinal(body, x)
	if kerr != nil {
		return kerr
	}
	return e.runStep(ctx, s)
}

// compileFinal compiles the cell's final expression as a call of
// __gk_show, which records its value as the cell's result. Expressions
// without a value (calls of functions without results) run as they are.
func (e *Engine) compileFinal(body *ast.BlockStmt, x ast.Expr) (compiled, *cellError) {
	show := &ast.CallExpr{Fun: &ast.Ident{NamePos: x.Pos(), Name: "__gk_show"}, Lparen: x.Pos(), Args: []ast.Expr{x}, Rparen: x.End()}
	block := &ast.BlockStmt{Lbrace: body.Lbrace, List: []ast.Stmt{&ast.ExprStmt{X: show}}, Rbrace: body.Rbrace}
	if prog, kerr := e.compile(block); kerr == nil {
		return compiled{prog: prog, final: true, pos: x.Pos()}, nil
	}
	plain := &ast.BlockStmt{Lbrace: body.Lbrace, List: []ast.Stmt{&ast.ExprStmt{X: x}}, Rbrace: body.Rbrace}
	prog, kerr := e.compile(plain)
	if kerr != nil {
		return compiled{}, e.betterCompileError(kerr, plain)
	}
	return compiled{prog: prog}, nil
}

// showMethods gives a final value of a cell-defined type the display its
// methods ask for: MIMEBundle (display.Renderer), else String or Error.
// Compiled code cannot call methods of interpreted types, so the
// interpreter does, on the value kept in __gk_last.
func (e *Engine) showMethods(ctx context.Context) *cellError {
	e.resMu.Lock()
	typ := e.lastType
	e.resMu.Unlock()
	if typ == "" {
		return nil
	}
	base := strings.TrimPrefix(typ, "*")
	if i := strings.IndexByte(base, '['); i >= 0 {
		base = base[:i]
	}
	var call string
	for _, m := range []struct{ method, sink string }{
		{"MIMEBundle", "Bundle"}, {"Error", "Text"}, {"String", "Text"},
	} {
		if e.hasMethod(base, m.method) {
			call = fmt.Sprintf("%s.%s(__gk_last[0].(%s).%s())", rtName, m.sink, typ, m.method)
			break
		}
	}
	if e.hasMethod(base, "MIMEBundle") && strings.HasSuffix(e.sigs[base+".Err"], ") Err() error") {
		// A Renderer that reports a failure is shown as that error.
		call = fmt.Sprintf("if err := __gk_last[0].(%s).Err(); err != nil { %s.DisplayErr(err) } else { %s }", typ, rtName, call)
	}
	if call == "" {
		return nil
	}
	f, err := parser.ParseFile(e.interp.FileSet(), srcName, blockHeader+call+blockFooter, parser.SkipObjectResolution)
	if err != nil {
		return nil
	}
	return e.compileRun(ctx, f.Decls[0].(*ast.FuncDecl).Body)
}

func (e *Engine) hasMethod(typ, method string) bool {
	for _, m := range e.methods[typ] {
		if m == method {
			return true
		}
	}
	return false
}

// bookkeeping reports whether x is a call whose results are bookkeeping
// only (byte counts and errors of printing, writing and scanning), which
// the cell does not show.
func bookkeeping(x ast.Expr) bool {
	call, ok := x.(*ast.CallExpr)
	if !ok {
		return false
	}
	var name string
	switch f := call.Fun.(type) {
	case *ast.Ident:
		name = f.Name
	case *ast.SelectorExpr:
		name = f.Sel.Name
	default:
		return false
	}
	for _, prefix := range []string{"Print", "Fprint", "Write", "Scan", "Fscan", "Sscan", "Encode"} {
		if strings.HasPrefix(name, prefix) {
			return true
		}
	}
	return false
}
