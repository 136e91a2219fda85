package rewrite

import (
	"go/ast"
	"go/token"
)

// ErrorAssign is ErrorValues for an assignment, err = v, of a composite
// literal (T{...} or &T{...}) to a variable of type error: a variable
// every declaration of whose name in the chunk says error (var err
// error, a parameter or result err error), or, declared by an earlier
// cell, one Options.IsErrorVar reports. The value becomes
// func() error { return v }().
//
// Gap: yaegi v0.16.1 stores a struct value of a cell-defined type
// assigned to a variable of type error without its methods:
// fmt.Println(err) printed its fields. A name declared in the chunk
// otherwise (err := ..., var err T) anywhere is left alone, so that a
// shadowing declaration never gets a value of the wrong type.
var ErrorAssign = Pass{Name: "error-assign", Rewrite: func(root ast.Node, opts Options) {
	if !opts.WrapErrorValues {
		return
	}
	decls := map[string]bool{} // name -> every declaration in the chunk says error
	declare := func(name string, isError bool) {
		if was, seen := decls[name]; seen {
			isError = isError && was
		}
		decls[name] = isError
	}
	ast.Inspect(root, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ValueSpec:
			for _, id := range n.Names {
				declare(id.Name, isErrorType(n.Type))
			}
		case *ast.FuncType:
			for _, fl := range []*ast.FieldList{n.TypeParams, n.Params, n.Results} {
				if fl == nil {
					continue
				}
				for _, f := range fl.List {
					for _, id := range f.Names {
						declare(id.Name, isErrorType(f.Type))
					}
				}
			}
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE {
				for _, x := range n.Lhs {
					if id, ok := x.(*ast.Ident); ok {
						declare(id.Name, false)
					}
				}
			}
		case *ast.RangeStmt:
			if n.Tok == token.DEFINE {
				for _, x := range []ast.Expr{n.Key, n.Value} {
					if id, ok := x.(*ast.Ident); ok {
						declare(id.Name, false)
					}
				}
			}
		case *ast.FuncDecl:
			declare(n.Name.Name, false)
		case *ast.TypeSpec:
			declare(n.Name.Name, false)
		}
		return true
	})
	isErrorVar := func(name string) bool {
		if isError, declared := decls[name]; declared {
			return isError
		}
		return opts.IsErrorVar != nil && opts.IsErrorVar(name)
	}
	ast.Inspect(root, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || as.Tok != token.ASSIGN || len(as.Lhs) != len(as.Rhs) {
			return true
		}
		for i, x := range as.Lhs {
			if id, ok := x.(*ast.Ident); ok && isErrorVar(id.Name) && isCompositeValue(as.Rhs[i]) {
				as.Rhs[i] = errorResult(as.Rhs[i])
			}
		}
		return true
	})
}}

// isCompositeValue reports whether x is T{...} or &T{...}.
func isCompositeValue(x ast.Expr) bool {
	x = ast.Unparen(x)
	if u, ok := x.(*ast.UnaryExpr); ok && u.Op == token.AND {
		x = ast.Unparen(u.X)
	}
	_, ok := x.(*ast.CompositeLit)
	return ok
}
