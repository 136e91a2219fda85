package engine

import (
	"go/ast"
	"go/parser"
	"go/token"

	"github.com/gokernel/gokernel/engine/rewrite"
)

// methodSig is the rewrite.MethodSig of the types that cells declared:
// the signature of typ's method, from its declaration in the compiling
// cell (pendingSigs) or an earlier one (sigs), parsed afresh for each
// method expression that rewrite.MethodExprs replaces.
func (e *Engine) methodSig(typ, method string) (*ast.FuncType, bool) {
	key := typ + "." + method
	text, ok := e.pendingSigs[key]
	if !ok {
		text = e.sigs[key]
	}
	if text == "" {
		return nil, false
	}
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+text, parser.SkipObjectResolution)
	if err != nil || len(f.Decls) != 1 {
		return nil, false // a declaration too long to keep whole (see declText)
	}
	fd, ok := f.Decls[0].(*ast.FuncDecl)
	if !ok || fd.Recv == nil || len(fd.Recv.List) != 1 {
		return nil, false
	}
	recv := fd.Recv.List[0].Type
	star, ptr := recv.(*ast.StarExpr)
	if ptr {
		recv = star.X
	}
	if _, named := recv.(*ast.Ident); !named {
		return nil, false // a generic type's method needs type arguments
	}
	return fd.Type, ptr
}

// methodExprs is the pass of rewrite.MethodExprs, bound to methodSig.
func methodExprs(e *Engine, c *chunkSyntax) *cellError {
	rewrite.MethodExprs(c.root(), e.methodSig)
	return nil
}
