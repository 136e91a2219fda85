package rewrite

import (
	"go/ast"
	"go/token"
	"strings"
)

// Options configures a rewrite.
type Options struct {
	// IsInt reports whether a package-level identifier of the interpreter
	// (a variable or constant defined by an earlier cell) has an integer
	// type. It decides whether range over that identifier is a range over
	// an integer. Nil means no identifier is known to be an integer.
	IsInt func(name string) bool
	// Defer is the name (e.g. "__gk_defer", or qualified) of the function
	// that registers a top-level deferred call of a cell; empty leaves
	// defer statements alone. Only applied when Apply's root is a block
	// (a cell's statements).
	Defer string
	// Enter and Leave are the qualified names of functions that every
	// declared function (and method) calls first, and defers: the kernel
	// counts nested calls with them, to stop infinite recursion before it
	// overflows the Go stack, which would kill the process. Empty leaves
	// functions alone.
	Enter, Leave string
	// GoPanic is the qualified name of the function (e.g. "rt.GoPanic")
	// that receives the value recovered from a panicking goroutine started
	// by a go statement. Empty leaves go statements alone.
	GoPanic string
	// PanicNote is the qualified name (e.g. "rt.PanicText") of the
	// function that a panic statement calls first with its value and the
	// text Go prints for it; PanicMethod returns that method's name
	// ("Error" or "String") for a panic argument, or "" to leave the
	// statement alone (see panicStmt). Nil leaves panic statements alone.
	PanicNote   string
	PanicMethod func(arg ast.Expr) string
	// Make, Grow, RepeatString and RepeatBytes are the qualified names
	// of the kernel's memory guard for make, append, strings.Repeat and
	// bytes.Repeat of computed sizes (see guardAllocs). Empty leaves those
	// calls alone.
	Make, Grow, RepeatString, RepeatBytes string
}

// Apply rewrites every statement list under root in place. Root is
// usually an *ast.File or an *ast.BlockStmt; a top-level statement is
// only rewritten when it sits in such a list.
func Apply(root ast.Node, opts Options) {
	r := &rewriter{opts: opts, ints: intNames(root), done: map[*ast.GoStmt]bool{}}
	if block, ok := root.(*ast.BlockStmt); ok && opts.Defer != "" {
		r.topLevelDefers(block)
	}
	if file, ok := root.(*ast.File); ok && opts.Enter != "" && opts.Leave != "" {
		for _, d := range file.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				guard(fd.Body, opts.Enter, opts.Leave)
			}
		}
	}
	if opts.Make != "" || opts.Grow != "" || opts.RepeatString != "" || opts.RepeatBytes != "" {
		guardAllocs(root, opts.Make, opts.Grow, opts.RepeatString, opts.RepeatBytes)
	}
	ast.Inspect(root, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BlockStmt:
			r.list(n.List)
		case *ast.CaseClause:
			r.list(n.Body)
		case *ast.CommClause:
			r.list(n.Body)
		case *ast.LabeledStmt:
			n.Stmt = r.stmt(n.Stmt)
		case *ast.CallExpr:
			floatConstants(n)
		}
		return true
	})
}

type rewriter struct {
	opts Options
	ints map[string]bool // local names declared with an integer type
	seq  int             // numbers the temporaries of go statements
	done map[*ast.GoStmt]bool
}

// topLevelDefers rewrites the defer statements that are not inside a
// function literal.
func (r *rewriter) topLevelDefers(root *ast.BlockStmt) {
	replace := func(stmts []ast.Stmt) {
		for i, s := range stmts {
			if d, ok := s.(*ast.DeferStmt); ok {
				stmts[i] = r.deferStmt(d)
			}
		}
	}
	ast.Inspect(root, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.BlockStmt:
			replace(n.List)
		case *ast.CaseClause:
			replace(n.Body)
		case *ast.CommClause:
			replace(n.Body)
		case *ast.LabeledStmt:
			if d, ok := n.Stmt.(*ast.DeferStmt); ok {
				n.Stmt = r.deferStmt(d)
			}
		}
		return true
	})
}

func (r *rewriter) list(stmts []ast.Stmt) {
	for i, s := range stmts {
		stmts[i] = r.stmt(s)
	}
}

// stmt returns the replacement of s (s itself when nothing changes).
func (r *rewriter) stmt(s ast.Stmt) ast.Stmt {
	switch s := s.(type) {
	case *ast.ExprStmt:
		if r.opts.PanicMethod != nil {
			return r.panicStmt(s)
		}
	case *ast.RangeStmt:
		if _, ident := s.Key.(*ast.Ident); s.Value == nil && (s.Key == nil || ident) && r.isInt(s.X) {
			return r.rangeInt(s)
		}
		if s.Tok == token.DEFINE && captures(s.Body) {
			perIteration(s.Body, []ast.Node{s.Key, s.Value}, s.Key, s.Value)
		}
	case *ast.ForStmt:
		if init, ok := s.Init.(*ast.AssignStmt); ok && init.Tok == token.DEFINE && captures(s.Body) {
			if !assigns(s.Body, init.Lhs) {
				perIteration(s.Body, []ast.Node{init, s.Cond, s.Post}, init.Lhs...)
			}
		}
	case *ast.GoStmt:
		if r.opts.GoPanic != "" && !r.done[s] {
			return r.goStmt(s)
		}
	}
	return s
}

// guard prepends `defer Leave(); Enter()` to a function body: Leave is
// deferred first, so every counted call is uncounted exactly once, however
// Enter ends (it may stop the cell). They get the position of the body's
// first statement, which is where yaegi locates a frame in a panic's
// traceback.
func guard(body *ast.BlockStmt, enter, leave string) {
	pos := body.Lbrace
	if len(body.List) > 0 {
		pos = body.List[0].Pos()
	}
	call := func(name string) *ast.CallExpr {
		pkg, fn, _ := strings.Cut(name, ".")
		return &ast.CallExpr{Fun: &ast.SelectorExpr{X: &ast.Ident{NamePos: pos, Name: pkg}, Sel: &ast.Ident{NamePos: pos, Name: fn}}, Lparen: pos, Rparen: pos}
	}
	body.List = append([]ast.Stmt{
		&ast.DeferStmt{Defer: pos, Call: call(leave)},
		&ast.ExprStmt{X: call(enter)},
	}, body.List...)
}
