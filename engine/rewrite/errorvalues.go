package rewrite

import "go/ast"

// ErrorValues turns a value given the type error by a declaration or a
// conversion, var err error = v or error(v), into the result of a
// function that returns it,
//
//	var err error = func() error { return v }()
//
// Gap: yaegi v0.16.1 stores a struct value of a cell-defined type held
// in a variable of type error without the methods that make it an error:
// fmt printed its fields ({k} for NotFound{"k"}), copying the variable
// panicked ("reflect.Set: value of type struct { Key string } is not
// assignable to type error"), and so did error(v). A function's error
// result is stored with its methods (yaegi wraps it on return). Calls
// (already results) and nil are left alone.
var ErrorValues = Pass{Name: "error-values", Rewrite: func(root ast.Node, opts Options) {
	if !opts.WrapErrorValues {
		return
	}
	ast.Inspect(root, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ValueSpec:
			if isErrorType(n.Type) {
				for i, v := range n.Values {
					n.Values[i] = errorResult(v)
				}
			}
		case *ast.CallExpr:
			if len(n.Args) == 1 && !n.Ellipsis.IsValid() && isErrorType(n.Fun) {
				if wrapped := errorResult(n.Args[0]); wrapped != n.Args[0] {
					n.Fun, n.Args = wrapped.(*ast.CallExpr).Fun, nil
				}
			}
		}
		return true
	})
}}

func isErrorType(x ast.Expr) bool {
	id, ok := x.(*ast.Ident)
	return ok && id.Name == "error"
}

// errorResult returns func() error { return v }(), or v itself when it
// is a call or nil.
func errorResult(v ast.Expr) ast.Expr {
	switch x := ast.Unparen(v).(type) {
	case *ast.CallExpr:
		return v
	case *ast.Ident:
		if x.Name == "nil" {
			return v
		}
	}
	pos := v.Pos()
	fn := &ast.FuncLit{
		Type: &ast.FuncType{Func: pos, Params: &ast.FieldList{Opening: pos, Closing: pos},
			Results: &ast.FieldList{List: []*ast.Field{{Type: &ast.Ident{NamePos: pos, Name: "error"}}}}},
		Body: &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{&ast.ReturnStmt{Return: pos, Results: []ast.Expr{v}}}, Rbrace: v.End()},
	}
	return &ast.CallExpr{Fun: fn, Lparen: v.End(), Rparen: v.End()}
}
