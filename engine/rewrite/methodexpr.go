package rewrite

import (
	"go/ast"
	"go/token"
	"strconv"
)

// MethodSig returns the signature of the method called method of the
// type called typ (both declared by cells), and whether its receiver is
// a pointer; nil when the type has no such method.
type MethodSig func(typ, method string) (sig *ast.FuncType, ptrRecv bool)

// MethodExprs rewrites the method expressions under root, T.M and (*T).M
// with T a named type that sig knows, into function literals that call
// the method on their first argument:
//
//	(*Counter).Inc  ->  func(__gk_r *Counter) { __gk_r.Inc() }
//	Point.Scale     ->  func(__gk_r Point, __gk_a0 int) Point { return __gk_r.Scale(__gk_a0) }
//
// Gap: yaegi v0.16.1 compiles a method expression of an interpreted type
// into the method value of a zero receiver, so calling it with the
// receiver as first argument panics ("reflect: Call with too many input
// arguments"). In Go, T.M is a function whose first parameter is the
// receiver. A value method through (*T).M is called on *r, as Go does;
// T.M of a pointer method, which Go rejects, is left alone.
func MethodExprs(root ast.Node, sig MethodSig) {
	replaceExprs(root, func(x ast.Expr) ast.Expr {
		sel, ok := x.(*ast.SelectorExpr)
		if !ok {
			return x
		}
		recv, typ, ptr := methodExprRecv(sel.X)
		if typ == "" {
			return x
		}
		ft, ptrRecv := sig(typ, sel.Sel.Name)
		if ft == nil || ptrRecv && !ptr {
			return x
		}
		return methodFunc(sel, recv, ft)
	})
}

// methodExprRecv returns, when x is T or (*T) (T an identifier), the
// receiver type expression (T or *T), the name T and whether it is a
// pointer.
func methodExprRecv(x ast.Expr) (recv ast.Expr, typ string, ptr bool) {
	switch x := x.(type) {
	case *ast.Ident:
		return x, x.Name, false
	case *ast.ParenExpr:
		if star, ok := x.X.(*ast.StarExpr); ok {
			if id, ok := star.X.(*ast.Ident); ok {
				return star, id.Name, true
			}
		}
	}
	return nil, "", false
}

// methodFunc is the function literal that stands for the method
// expression sel, whose receiver type is recv and method signature ft.
func methodFunc(sel *ast.SelectorExpr, recv ast.Expr, ft *ast.FuncType) *ast.FuncLit {
	pos := sel.Pos()
	id := func(name string) *ast.Ident { return &ast.Ident{NamePos: pos, Name: name} }
	params := []*ast.Field{{Names: []*ast.Ident{id(recvName)}, Type: recv}}
	var args []ast.Expr
	var ellipsis token.Pos
	if ft.Params != nil {
		for _, f := range ft.Params.List {
			n := max(len(f.Names), 1)
			var names []*ast.Ident
			for range n {
				name := "__gk_a" + strconv.Itoa(len(args))
				names = append(names, id(name))
				args = append(args, id(name))
			}
			if _, ok := f.Type.(*ast.Ellipsis); ok {
				ellipsis = pos
			}
			params = append(params, &ast.Field{Names: names, Type: f.Type})
		}
	}
	var results *ast.FieldList
	if ft.Results != nil && len(ft.Results.List) > 0 {
		results = &ast.FieldList{}
		for _, f := range ft.Results.List {
			// Unnamed results: the names of the method's results do
			// not matter to the call.
			for range max(len(f.Names), 1) {
				results.List = append(results.List, &ast.Field{Type: f.Type})
			}
		}
	}
	var call ast.Expr = &ast.CallExpr{Fun: &ast.SelectorExpr{X: id(recvName), Sel: id(sel.Sel.Name)}, Lparen: pos, Args: args, Ellipsis: ellipsis, Rparen: pos}
	var stmt ast.Stmt = &ast.ExprStmt{X: call}
	if results != nil {
		stmt = &ast.ReturnStmt{Return: pos, Results: []ast.Expr{call}}
	}
	lit := &ast.FuncLit{
		Type: &ast.FuncType{Func: pos, Params: &ast.FieldList{Opening: pos, List: params, Closing: pos}, Results: results},
		Body: &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{stmt}, Rbrace: pos},
	}
	setPos(lit, pos)
	return lit
}

// recvName is the receiver parameter of a rewritten method expression.
const recvName = "__gk_r"
