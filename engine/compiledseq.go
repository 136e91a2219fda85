package engine

import (
	"go/ast"
	"go/parser"
	"reflect"
	"strings"

	"github.com/gokernel/gokernel/engine/rewrite"
)

// compiledIterator is the iterator arity (see iteratorArity) of the
// result of the compiled function name of the package at importPath, 0
// when it returns no iterator or is no such function: strings.SplitSeq,
// strings.Lines, bytes.FieldsSeq, maps of compiled packages return
// iter.Seq or iter.Seq2 values that the engine's range rewrites must
// recognise as well as the interpreted ones (a range over them was an
// InternalError inside functions and loops).
func (e *Engine) compiledIterator(importPath, name string) int {
	v := e.compiledFunc(importPath, name)
	if !v.IsValid() {
		return 0
	}
	if t := v.Type(); t.NumOut() == 1 && t.Out(0).Kind() == reflect.Func {
		return funcArity(t.Out(0))
	}
	return 0
}

// compiledFunc is the function name of the compiled package at
// importPath (the standard library or a preloaded package), or the zero
// Value.
func (e *Engine) compiledFunc(importPath, name string) reflect.Value {
	if importPath == "" {
		return reflect.Value{}
	}
	key := importPath + "/" + e.packageName(importPath)
	for _, table := range []map[string]map[string]reflect.Value{stdlibSymbols(), preloadedSymbols()} {
		if v, ok := table[key][name]; ok && v.IsValid() && v.Kind() == reflect.Func {
			return v
		}
	}
	return reflect.Value{}
}

// pkgPath is the import path of the package that name refers to in the
// compiling cell: imported by the cell itself or an earlier one; "" when
// none.
func (e *Engine) pkgPath(name string) string {
	if p, ok := e.pendingImports[name]; ok {
		return p
	}
	return e.pkgNames[name]
}

// iterYield returns the yield function's type of iter.Seq[V] (func(V)
// bool) and iter.Seq2[K, V] (func(K, V) bool), the types a probe learns
// for the iterators of compiled code, which keep the name of their type;
// nil for any other type.
func iterYield(typ ast.Expr) *ast.FuncType {
	var name ast.Expr
	var params []ast.Expr
	switch t := typ.(type) {
	case *ast.IndexExpr:
		name, params = t.X, []ast.Expr{t.Index}
	case *ast.IndexListExpr:
		name, params = t.X, t.Indices
	default:
		return nil
	}
	sel, ok := name.(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	if pkg, ok := sel.X.(*ast.Ident); !ok || pkg.Name != "iter" || sel.Sel.Name != [...]string{1: "Seq", 2: "Seq2"}[min(len(params), 2)] {
		return nil
	}
	ft := &ast.FuncType{Params: &ast.FieldList{}, Results: &ast.FieldList{List: []*ast.Field{{Type: ast.NewIdent("bool")}}}}
	for _, p := range params {
		ft.Params.List = append(ft.Params.List, &ast.Field{Type: p})
	}
	return ft
}

// seqYield is the rewrite.SeqYield of the compiled packages: the yield
// type of the iterator that pkg.name returns, when every type it yields
// is spelt without a package name (string, []byte, int...), which the
// cell may not have imported.
func (e *Engine) seqYield(pkg, name string) *ast.FuncType {
	fn := e.compiledFunc(e.pkgPath(pkg), name)
	if !fn.IsValid() || e.compiledIterator(e.pkgPath(pkg), name) == 0 {
		return nil
	}
	y := fn.Type().Out(0).In(0)
	ft := &ast.FuncType{Params: &ast.FieldList{}, Results: &ast.FieldList{List: []*ast.Field{{Type: ast.NewIdent("bool")}}}}
	for i := range y.NumIn() {
		s := y.In(i).String()
		if strings.Contains(s, ".") {
			return nil
		}
		t, err := parser.ParseExpr(s)
		if err != nil {
			return nil
		}
		ft.Params.List = append(ft.Params.List, &ast.Field{Type: t})
	}
	return ft
}

// compiledSeqs is the pass of rewrite.CompiledSeqs, bound to seqYield.
func compiledSeqs(e *Engine, c *chunkSyntax) *cellError {
	rewrite.CompiledSeqs(c.root(), e.seqYield)
	return nil
}

// stdExtensions is the pass of rewrite.StdExtensions, bound to the
// packages the cell sees.
func stdExtensions(e *Engine, c *chunkSyntax) *cellError {
	rewrite.StdExtensions(c.root(), e.pkgPath)
	return nil
}
