package engine

import (
	"go/ast"
	"go/token"
)

// localIterators returns the names of the variables and parameters of the
// functions under root that hold iterators, with the number of values
// each yields: a parameter or var of type iter.Seq[T], iter.Seq2[K, V]
// or func(yield func(...) bool), or a variable defined from a call of a
// known iterator function (seq := Evens(10)). Range loops over them
// inside functions are pulled like loops over such calls (see
// pullRangeFuncs); yaegi v0.16.1 failed on them ("nil type"). The names
// are not scoped: a name that any function of root defines otherwise,
// or with another arity, is left out, so that a loop over a slice of
// that name stays a loop over a slice.
func (e *Engine) localIterators(root ast.Node) map[string]int {
	found := map[string]int{}
	other := map[string]bool{}
	note := func(id *ast.Ident, arity int) {
		if id == nil || id.Name == "_" {
			return
		}
		if arity == 0 || found[id.Name] != 0 && found[id.Name] != arity {
			other[id.Name] = true
			return
		}
		found[id.Name] = arity
	}
	fields := func(l *ast.FieldList) {
		if l == nil {
			return
		}
		for _, f := range l.List {
			for _, id := range f.Names {
				note(id, typeArity(f.Type))
			}
		}
	}
	inFunc := 0
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncDecl:
			fields(n.Type.Params)
			fields(n.Type.Results)
			if n.Body != nil {
				inFunc++
				ast.Inspect(n.Body, visit)
				inFunc--
			}
			return false
		case *ast.FuncLit:
			fields(n.Type.Params)
			fields(n.Type.Results)
			inFunc++
			ast.Inspect(n.Body, visit)
			inFunc--
			return false
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE && inFunc > 0 {
				for i, l := range n.Lhs {
					id, _ := l.(*ast.Ident)
					arity := 0
					if len(n.Lhs) == len(n.Rhs) {
						arity = e.iteratorArity(n.Rhs[i])
					}
					note(id, arity)
				}
			}
		case *ast.ValueSpec:
			if inFunc > 0 {
				for _, id := range n.Names {
					note(id, typeArity(n.Type))
				}
			}
		case *ast.RangeStmt:
			if n.Tok == token.DEFINE && inFunc > 0 {
				k, _ := n.Key.(*ast.Ident)
				v, _ := n.Value.(*ast.Ident)
				note(k, 0)
				note(v, 0)
			}
		}
		return true
	}
	ast.Inspect(root, visit)
	for name := range other {
		delete(found, name)
	}
	return found
}

// typeArity is the number of values an iterator of type t yields, 0 when
// t is not written as an iterator type.
func typeArity(t ast.Expr) int {
	switch t := t.(type) {
	case *ast.FuncType:
		if y := yieldType(t); y != nil {
			return fieldCount(y.Params)
		}
	case *ast.IndexExpr:
		if typeName(t.X) == "Seq" {
			return 1
		}
	case *ast.IndexListExpr:
		if typeName(t.X) == "Seq2" {
			return 2
		}
	}
	return 0
}
