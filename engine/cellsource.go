package engine

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"strings"

	"github.com/gokernel/gokernel/engine/cellsplit"
)

// cellSource is a cell's source as a traceback needs it: its lines, its
// function declarations and its top-level statements, in wrapper
// positions of fset.
type cellSource struct {
	lines []string
	fset  *token.FileSet
	funcs []*ast.FuncDecl
	top   []ast.Stmt
}

// parseCell parses the chunks of a cell the way Execute does; chunks
// that do not parse are left out.
func parseCell(code string) *cellSource {
	c := &cellSource{lines: strings.Split(code, "\n"), fset: token.NewFileSet()}
	for _, ch := range cellsplit.Split(code) {
		switch ch.Kind {
		case cellsplit.Decls:
			f, err := parser.ParseFile(c.fset, srcName, fileHeader+blank(code, ch.Start, ch.End), parser.SkipObjectResolution)
			if err != nil {
				continue
			}
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
					c.funcs = append(c.funcs, fd)
				}
			}
		case cellsplit.Stmts:
			f, err := parser.ParseFile(c.fset, srcName, blockHeader+blank(code, ch.Start, ch.End)+blockFooter, parser.SkipObjectResolution)
			if err != nil || len(f.Decls) == 0 {
				continue
			}
			if fd, ok := f.Decls[0].(*ast.FuncDecl); ok {
				c.top = append(c.top, fd.Body.List...)
			}
		}
	}
	return c
}

// funcAt is the function or method name the cell declares whose body
// holds the cell line, or nil.
func (c *cellSource) funcAt(name string, line int) *ast.FuncDecl {
	for _, f := range c.funcs {
		from, to := c.fset.Position(f.Body.Lbrace).Line, c.fset.Position(f.Body.Rbrace).Line
		if f.Name.Name == name && from <= line+headerLines && line+headerLines <= to {
			return f
		}
	}
	return nil
}

// callOf is the position of the one call of callee in body (outside
// function literals), or NoPos when there is none or several. A function
// literal is found where it is called, or as the one call of a
// parameter of typ (the function that holds body) of a function type.
func (c *cellSource) callOf(body []ast.Stmt, typ *ast.FuncType, callee callee) token.Pos {
	params := map[string]bool{}
	if typ != nil && typ.Params != nil {
		for _, p := range typ.Params.List {
			if _, ok := p.Type.(*ast.FuncType); ok {
				for _, n := range p.Names {
					params[n.Name] = true
				}
			}
		}
	}
	var found []token.Pos
	inspectBody(body, func(n ast.Node) {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return
		}
		fun := call.Fun
		if ix, ok := fun.(*ast.IndexExpr); ok { // a generic function's instance
			fun = ix.X
		}
		switch f := fun.(type) {
		case *ast.Ident:
			if callee.name != "" && f.Name == callee.name || callee.lit != nil && params[f.Name] {
				found = append(found, call.Pos())
			}
		case *ast.SelectorExpr:
			if callee.name != "" && f.Sel.Name == callee.name {
				found = append(found, call.Pos())
			}
		case *ast.FuncLit:
			if callee.lit == f && callee.src == c {
				found = append(found, call.Pos())
			}
		}
	})
	if callee.name == "" && callee.lit == nil || len(found) != 1 {
		return token.NoPos
	}
	return found[0]
}

// failing is the position of the one node of body (outside function
// literals) that can raise a panic with message msg: an index expression
// for an index out of range, a nil map or an unhashable key, a type
// assertion for an interface conversion, a make for makeslice, a division
// for a division by zero, else a call of panic (of a literal reading msg,
// or of any other value); NoPos when there is none or several.
func (c *cellSource) failing(body []ast.Stmt, msg string) token.Pos {
	var found []token.Pos
	inspectBody(body, func(n ast.Node) {
		switch n := n.(type) {
		case *ast.IndexExpr:
			if strings.Contains(msg, "index out of range") || strings.Contains(msg, "nil map") ||
				strings.Contains(msg, "hash of unhashable type") {
				found = append(found, n.Pos())
			}
		case *ast.TypeAssertExpr:
			if strings.HasPrefix(msg, "interface conversion") {
				found = append(found, n.Pos())
			}
		case *ast.SliceExpr:
			if strings.Contains(msg, "slice bounds out of range") {
				found = append(found, n.Pos())
			}
		case *ast.BinaryExpr:
			if (n.Op == token.QUO || n.Op == token.REM) && strings.Contains(msg, "divide by zero") {
				found = append(found, n.OpPos)
			}
		case *ast.CallExpr:
			if id, ok := n.Fun.(*ast.Ident); ok && id.Name == "panic" && len(n.Args) == 1 && panics(n.Args[0], msg) {
				found = append(found, n.Pos())
			}
			if id, ok := n.Fun.(*ast.Ident); ok && id.Name == "make" && strings.Contains(msg, "makeslice") {
				found = append(found, n.Pos())
			}
		}
	})
	if len(found) != 1 {
		return token.NoPos
	}
	return found[0]
}

// litAt is the innermost function literal in body whose first
// statement holds the cell's line and col (yaegi reports a frame at the
// first node its body runs, inside that statement), or nil.
func (c *cellSource) litAt(body []ast.Stmt, line, col int) *ast.FuncLit {
	at := [2]int{line + headerLines, col}
	before := func(a, b [2]int) bool { return a[0] < b[0] || a[0] == b[0] && a[1] <= b[1] }
	var found *ast.FuncLit
	for _, s := range body {
		ast.Inspect(s, func(n ast.Node) bool {
			lit, ok := n.(*ast.FuncLit)
			if !ok || len(lit.Body.List) == 0 {
				return true
			}
			first := lit.Body.List[0]
			from, to := c.fset.Position(first.Pos()), c.fset.Position(first.End())
			if before([2]int{from.Line, from.Column}, at) && before(at, [2]int{to.Line, to.Column}) {
				found = lit
			}
			return true
		})
	}
	return found
}

// panics reports whether panic(arg) can be the panic with message msg: a
// literal must read msg, and no call of panic raises the runtime's
// messages.
func panics(arg ast.Expr, msg string) bool {
	if lit, ok := arg.(*ast.BasicLit); ok {
		v, err := strconv.Unquote(lit.Value)
		return err != nil || v == msg
	}
	return !strings.Contains(msg, "out of range") && !strings.Contains(msg, "divide by zero") && !strings.Contains(msg, "nil map")
}

// inspectBody calls visit for every node of body outside function
// literals.
func inspectBody(body []ast.Stmt, visit func(ast.Node)) {
	for _, s := range body {
		ast.Inspect(s, func(n ast.Node) bool {
			if _, ok := n.(*ast.FuncLit); ok {
				return false
			}
			if n != nil {
				visit(n)
			}
			return true
		})
	}
}
