package rewrite

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"strconv"
	"strings"
)

// smallAlloc is the largest constant size of a make that is not routed
// through the allocation guard.
const smallAlloc = 1 << 16

// AllocGuard routes the allocations of computed size under root through
// the kernel's memory guard (Options.Make, Grow, RepeatString,
// RepeatBytes), which checks
// them against the kernel's budget before they happen:
//
//	make(T, n)        becomes  make(T, Make("T", (T)(nil), n))
//	make(T, n, c)     becomes  make(T, n, Make("T", (T)(nil), c))
//	append(s, a, b)   becomes  append(s[:len(s)+Grow(s, 2)], a, b)
//	append(s, xs...)  becomes  append(s[:len(s)+Grow(s, len(xs))], xs...)
//	strings.Repeat(s, n)  becomes  RepeatString(s, n)
//	bytes.Repeat(b, n)    becomes  RepeatBytes(b, n)
//
// (the repeats allocate inside compiled code, where a failed allocation
// is fatal to the process: the guard's versions check the size first,
// then call them). Make returns its size argument and Grow 0, or they panic with an
// out-of-memory error. Sizes that are small constants are left alone, as
// are append calls whose slice or spread argument is not cheap to
// evaluate twice, and make calls inside generic functions and methods (a
// type parameter may not convert nil).
//
// Gap: a make or append larger than the memory left makes the Go runtime
// abort the process ("fatal error: out of memory"), which no recover
// stops, in yaegi as in Go; in a notebook, the cell must fail and the
// kernel live. Go itself would crash the program; the guard panics with a
// runtime.Error instead, which ends the cell (or which the cell recovers).
var AllocGuard = Pass{Name: "alloc-guard", Rewrite: func(root ast.Node, opts Options) {
	if opts.Make != "" || opts.Grow != "" || opts.RepeatString != "" || opts.RepeatBytes != "" {
		guardAllocs(root, opts.Make, opts.Grow, opts.RepeatString, opts.RepeatBytes)
	}
}}

// guardAllocs rewrites the make, append and repeat calls under root (see
// AllocGuard).
func guardAllocs(root ast.Node, makeFn, growFn, repeatString, repeatBytes string) {
	ast.Inspect(root, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncDecl:
			if generic(n) {
				return false
			}
		case *ast.CallExpr:
			if sel, ok := n.Fun.(*ast.SelectorExpr); ok {
				guardRepeat(n, sel, repeatString, repeatBytes)
				return true
			}
			id, ok := n.Fun.(*ast.Ident)
			if !ok {
				return true
			}
			switch {
			case id.Name == "make" && makeFn != "" && len(n.Args) >= 2:
				guardMake(n, makeFn)
			case id.Name == "append" && growFn != "" && len(n.Args) >= 2:
				guardAppend(n, growFn)
			}
		}
		return true
	})
}

// generic reports whether fd declares a generic function or a method of a
// generic type.
func generic(fd *ast.FuncDecl) bool {
	if fd.Type.TypeParams != nil && len(fd.Type.TypeParams.List) > 0 {
		return true
	}
	if fd.Recv != nil && len(fd.Recv.List) == 1 {
		t := fd.Recv.List[0].Type
		if star, ok := t.(*ast.StarExpr); ok {
			t = star.X
		}
		switch t.(type) {
		case *ast.IndexExpr, *ast.IndexListExpr:
			return true
		}
	}
	return false
}

func guardMake(call *ast.CallExpr, makeFn string) {
	i := len(call.Args) - 1
	size := call.Args[i]
	if small(size) {
		return
	}
	src := types.ExprString(call.Args[0])
	// A fresh copy of the type for the conversion: the tree stays a tree.
	typ, err := parser.ParseExpr(src)
	if err != nil {
		return
	}
	pos := size.Pos()
	zero := &ast.CallExpr{Fun: &ast.ParenExpr{Lparen: pos, X: typ, Rparen: pos}, Lparen: pos,
		Args: []ast.Expr{&ast.Ident{NamePos: pos, Name: "nil"}}, Rparen: pos}
	call.Args[i] = &ast.CallExpr{Fun: qualified(makeFn, pos), Lparen: pos,
		Args: []ast.Expr{&ast.BasicLit{ValuePos: pos, Kind: token.STRING, Value: strconv.Quote(src)}, zero, size}, Rparen: pos}
}

// guardRepeat routes strings.Repeat and bytes.Repeat calls of a size that
// is not a small constant through the guard.
func guardRepeat(call *ast.CallExpr, sel *ast.SelectorExpr, repeatString, repeatBytes string) {
	pkg, ok := sel.X.(*ast.Ident)
	if !ok || sel.Sel.Name != "Repeat" || len(call.Args) != 2 || call.Ellipsis.IsValid() || small(call.Args[1]) {
		return
	}
	fn := map[string]string{"strings": repeatString, "bytes": repeatBytes}[pkg.Name]
	if fn != "" {
		call.Fun = qualified(fn, sel.Pos())
	}
}

// small reports whether e is an integer literal of at most smallAlloc.
func small(e ast.Expr) bool {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.INT {
		return false
	}
	n, err := strconv.ParseInt(strings.ReplaceAll(lit.Value, "_", ""), 0, 64)
	return err == nil && n <= smallAlloc
}

func guardAppend(call *ast.CallExpr, growFn string) {
	s := call.Args[0]
	if !cheap(s) {
		return
	}
	pos := call.Args[1].Pos()
	var count ast.Expr
	if call.Ellipsis.IsValid() {
		last := call.Args[len(call.Args)-1]
		if !cheap(last) {
			return
		}
		count = &ast.CallExpr{Fun: &ast.Ident{NamePos: pos, Name: "len"}, Lparen: pos, Args: []ast.Expr{last}, Rparen: pos}
	} else {
		count = &ast.BasicLit{ValuePos: pos, Kind: token.INT, Value: strconv.Itoa(len(call.Args) - 1)}
	}
	grow := &ast.CallExpr{Fun: qualified(growFn, pos), Lparen: pos, Args: []ast.Expr{s, count}, Rparen: pos}
	length := &ast.CallExpr{Fun: &ast.Ident{NamePos: pos, Name: "len"}, Lparen: pos, Args: []ast.Expr{s}, Rparen: pos}
	call.Args[0] = &ast.SliceExpr{X: s, Lbrack: pos, High: &ast.BinaryExpr{X: length, OpPos: pos, Op: token.ADD, Y: grow}, Rbrack: pos}
}

// cheap reports whether e names a value without calls or receives, so
// that evaluating it three times is harmless: x, x.f, x[i], "text".
func cheap(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name != "nil"
	case *ast.BasicLit:
		return e.Kind == token.STRING
	case *ast.SelectorExpr:
		return cheap(e.X)
	case *ast.ParenExpr:
		return cheap(e.X)
	case *ast.IndexExpr:
		return cheap(e.X) && pure(e.Index)
	}
	return false
}

// qualified makes the expression of a function name, pkg.Fn or Fn.
func qualified(name string, pos token.Pos) ast.Expr {
	pkg, fn, ok := strings.Cut(name, ".")
	if !ok {
		return &ast.Ident{NamePos: pos, Name: name}
	}
	return &ast.SelectorExpr{X: &ast.Ident{NamePos: pos, Name: pkg}, Sel: &ast.Ident{NamePos: pos, Name: fn}}
}
