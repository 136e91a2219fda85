package rewrite

import "go/ast"

// SeqYield returns the yield function's type of the iterator that the
// function name of package pkg (a name in the cell's scope) returns when
// that function is compiled code, or nil.
type SeqYield func(pkg, name string) *ast.FuncType

// CompiledSeqs converts the result of every call of a compiled function
// that returns an iterator (strings.Lines, strings.SplitSeq,
// bytes.FieldsSeq, ...) to the unnamed function type of its iterator:
//
//	slices.Collect(strings.Lines(s))  ->  slices.Collect((func(func(string) bool))(strings.Lines(s)))
//
// Gap: yaegi v0.16.1 cannot infer a type parameter from a compiled
// iter.Seq[string] argument (slices.Collect(strings.Lines(s)) failed to
// compile, or panicked at a cell's top level); from a function type it
// can. In Go the value is the same function either way.
func CompiledSeqs(root ast.Node, yield SeqYield) {
	replaceExprs(root, func(x ast.Expr) ast.Expr {
		call, ok := x.(*ast.CallExpr)
		if !ok {
			return x
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			return x
		}
		pkg, ok := sel.X.(*ast.Ident)
		if !ok {
			return x
		}
		y := yield(pkg.Name, sel.Sel.Name)
		if y == nil {
			return x
		}
		// The arguments may hold more such calls.
		for _, a := range call.Args {
			CompiledSeqs(a, yield)
		}
		pos := call.Pos()
		setPos(y, pos)
		iterType := &ast.FuncType{Func: pos, Params: &ast.FieldList{Opening: pos, List: []*ast.Field{{Type: y}}, Closing: pos}}
		return &ast.CallExpr{Fun: &ast.ParenExpr{Lparen: pos, X: iterType, Rparen: pos}, Lparen: pos, Args: []ast.Expr{call}, Rparen: call.End()}
	})
}
