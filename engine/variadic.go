package engine

import (
	"go/ast"
	"go/constant"
	"go/token"
	"reflect"
)

// yaegi v0.16.1 cannot infer a type parameter that only a variadic
// parameter uses (func Sum[T Number](xs ...T) T; Sum(1, 2, 3) fails with
// "undefined type for T"), but runs Sum[int](1, 2, 3). The engine writes
// the type argument into calls of such functions of the cells when the
// arguments show it: untyped constants (the default type of the largest
// kind, as Go infers) and package-level variables and constants.

// variadicTypeParam returns the name of the type parameter of fd when fd
// is a generic function whose only type parameter appears in its
// parameters only as the element type of the final variadic one.
func variadicTypeParam(fd *ast.FuncDecl) string {
	tp := fd.Type.TypeParams
	if fd.Recv != nil || tp == nil || len(tp.List) != 1 || len(tp.List[0].Names) != 1 {
		return ""
	}
	name := tp.List[0].Names[0].Name
	params := fd.Type.Params.List
	if len(params) == 0 {
		return ""
	}
	last := params[len(params)-1]
	if el, ok := last.Type.(*ast.Ellipsis); !ok || !isIdent(el.Elt, name) {
		return ""
	}
	for _, p := range params[:len(params)-1] {
		used := false
		ast.Inspect(p.Type, func(n ast.Node) bool {
			used = used || isIdent(n, name)
			return !used
		})
		if used {
			return ""
		}
	}
	return name
}

func isIdent(n ast.Node, name string) bool {
	id, ok := n.(*ast.Ident)
	return ok && id.Name == name
}

// recordVariadicGenerics notes the functions of decls that need their
// type argument written (and forgets redefined ones).
func (e *Engine) recordVariadicGenerics(decls []ast.Decl) {
	for _, d := range decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil {
			if variadicTypeParam(fd) != "" {
				e.variadicGenerics[fd.Name.Name] = len(fd.Type.Params.List) - 1
			} else {
				delete(e.variadicGenerics, fd.Name.Name)
			}
		}
	}
}

// instantiateVariadics writes the type argument into the calls under n of
// the functions recordVariadicGenerics noted, when the arguments show it.
func (e *Engine) instantiateVariadics(n ast.Node) {
	if len(e.variadicGenerics) == 0 {
		return
	}
	ast.Inspect(n, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		id, ok := call.Fun.(*ast.Ident)
		if !ok {
			return true
		}
		fixed, ok := e.variadicGenerics[id.Name]
		if !ok || len(call.Args) <= fixed {
			return true
		}
		if typ := e.argsType(call.Args[fixed:], call.Ellipsis.IsValid()); typ != "" {
			call.Fun = &ast.IndexExpr{X: id, Lbrack: id.End(), Index: &ast.Ident{NamePos: id.End(), Name: typ}, Rbrack: id.End()}
		}
		return true
	})
}

// untypedRank orders the kinds of untyped numeric constants; Go gives a
// mix of them the default type of the largest.
var untypedRank = map[token.Token]int{token.INT: 1, token.CHAR: 2, token.FLOAT: 3, token.IMAG: 4}

var rankType = []string{"", "int", "rune", "float64", "complex128"}

// argsType is the type Go infers for the variadic arguments args (spread:
// one slice passed with ...), or "" when the engine cannot tell.
func (e *Engine) argsType(args []ast.Expr, spread bool) string {
	typed, rank := "", 0
	for _, a := range args {
		if u, ok := a.(*ast.UnaryExpr); ok && (u.Op == token.SUB || u.Op == token.ADD) {
			a = u.X
		}
		switch a := a.(type) {
		case *ast.BasicLit:
			if a.Kind == token.STRING {
				typed = merge(typed, "string")
			} else {
				rank = max(rank, untypedRank[a.Kind])
			}
		case *ast.Ident:
			t, r := e.identType(a.Name, spread)
			if t == "" && r == 0 {
				return ""
			}
			typed, rank = merge(typed, t), max(rank, r)
		default:
			return ""
		}
		if typed == "?" {
			return ""
		}
	}
	if typed != "" {
		return typed
	}
	return rankType[rank]
}

// merge combines the types of two arguments ("?" for a conflict).
func merge(a, b string) string {
	switch {
	case a == "" || a == b:
		return b
	case b == "":
		return a
	}
	return "?"
}

// identType is the type of a package-level variable (its element type
// when spread) or the untyped rank of a constant.
func (e *Engine) identType(name string, spread bool) (typ string, rank int) {
	v, ok := e.globals()[name]
	if !ok || !v.IsValid() {
		return "", 0
	}
	if c, ok := v.Interface().(constant.Value); ok && !spread {
		switch c.Kind() {
		case constant.Int:
			return "", 1
		case constant.Float:
			return "", 3
		case constant.String:
			return "string", 0
		}
		return "", 0
	}
	t := v.Type()
	if spread {
		if t.Kind() != reflect.Slice {
			return "", 0
		}
		t = t.Elem()
	}
	if t.PkgPath() != "" || t.Name() == "" {
		return "", 0 // only predeclared types are sure to be spelled right
	}
	return t.Name(), 0
}
