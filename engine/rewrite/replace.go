package rewrite

import (
	"go/ast"
	"go/token"
	"reflect"
)

var (
	exprType  = reflect.TypeFor[ast.Expr]()
	nodeType  = reflect.TypeFor[ast.Node]()
	posType   = reflect.TypeFor[token.Pos]()
	objType   = reflect.TypeFor[*ast.Object]()
	scopeType = reflect.TypeFor[*ast.Scope]()
)

// replaceExprs calls f on every expression under n that sits in a field
// or slice of static type ast.Expr, outermost first, and puts the
// expression f returns in its place. f returns its argument to keep it;
// the expressions under a replacement are not visited.
func replaceExprs(n ast.Node, f func(ast.Expr) ast.Expr) {
	var walk func(v reflect.Value)
	visit := func(v reflect.Value) { // v: a settable value of static type ast.Expr
		if v.IsNil() {
			return
		}
		old := v.Interface().(ast.Expr)
		if repl := f(old); repl != old {
			v.Set(reflect.ValueOf(repl))
			return
		}
		walk(v.Elem())
	}
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if v.IsNil() || v.Type() == objType || v.Type() == scopeType {
				return
			}
			walk(v.Elem())
		case reflect.Interface:
			if !v.IsNil() && v.Type().Implements(nodeType) {
				walk(v.Elem())
			}
		case reflect.Struct:
			for i := range v.NumField() {
				field := v.Field(i)
				if field.Type() == exprType {
					visit(field)
				} else {
					walk(field)
				}
			}
		case reflect.Slice:
			for i := range v.Len() {
				if el := v.Index(i); el.Type() == exprType {
					visit(el)
				} else {
					walk(el)
				}
			}
		}
	}
	walk(reflect.ValueOf(n))
}

// setPos gives every valid position of the nodes under n the value pos
// (an absent one, such as the Ellipsis of a call without ..., stays
// absent): nodes copied from a declaration parsed elsewhere then belong
// to the cell's file, where the interpreter resolves package names.
func setPos(n ast.Node, pos token.Pos) {
	ast.Inspect(n, func(n ast.Node) bool {
		if n == nil {
			return false
		}
		v := reflect.ValueOf(n)
		if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
			return true
		}
		s := v.Elem()
		for i := range s.NumField() {
			if f := s.Field(i); f.Type() == posType && f.CanSet() && token.Pos(f.Int()).IsValid() {
				f.Set(reflect.ValueOf(pos))
			}
		}
		return true
	})
}
