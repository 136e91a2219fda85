package engine

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"regexp"
	"strconv"
	"strings"

	"github.com/gokernel/gokernel/engine/cellsplit"
	"github.com/gokernel/gokernel/kernel"
	"github.com/traefik/yaegi/interp"
)

// Names of the errors a cell can end with (the ename of Jupyter's error
// message).
const (
	// ErrSyntax is a cell that does not parse.
	ErrSyntax = "SyntaxError"
	// ErrCompile is a cell that parses but does not type-check or compile.
	ErrCompile = "CompileError"
	// ErrPanic is a runtime panic of the cell's code (os.Exit and
	// log.Fatal included: they panic in the kernel).
	ErrPanic = "panic"
	// ErrGoroutinePanic is a panic in a goroutine the cell started.
	ErrGoroutinePanic = "GoroutinePanic"
	// ErrInterrupted is a cell stopped by an interrupt.
	ErrInterrupted = "Interrupted"
	// ErrInternal is a failure inside the interpreter itself.
	ErrInternal = "InternalError"
	// ErrDisplay is a cell whose final value carries an error instead of
	// its rich representation (a failed display.Bundle or nnplot figure:
	// a display.Renderer with an Err method that reports one).
	ErrDisplay = "DisplayError"
)

// headerLines is the number of lines the wrappers put before the cell's
// source: "package main; func main() {" or "package main".
const headerLines = 1

// wrapperPos matches the positions yaegi writes in its messages, with or
// without the file name; positions in other files (the engine's own
// sources of generic packages, slices/slices.go:12:3) are left alone.
var wrapperPos = regexp.MustCompile(`([\w./-]+\.go:)?(\d+):(\d+)`)

// cellPos turns a wrapper position into a cell position "line:col".
func cellPos(line, col int) string {
	return fmt.Sprintf("%d:%d", line-headerLines, col)
}

// mapPositions rewrites every wrapper position in msg to cell coordinates.
func mapPositions(msg string) string {
	return wrapperPos.ReplaceAllStringFunc(msg, func(s string) string {
		m := wrapperPos.FindStringSubmatch(s)
		if m[1] != "" && m[1] != srcName+":" {
			return s
		}
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		if line <= headerLines {
			return s
		}
		return "cell:" + cellPos(line, col)
	})
}

// syntaxError converts parse errors of a chunk of code (the cell); an
// error in the wrapper's closing lines is reported at the end of the cell.
func syntaxError(err error, code string) *kernel.Error {
	var list scanner.ErrorList
	if errors.As(err, &list) && len(list) > 0 {
		lines := strings.Split(code, "\n")
		pos := func(e *scanner.Error) string {
			line, col := e.Pos.Line, e.Pos.Column
			if line-headerLines > len(lines) {
				line, col = len(lines)+headerLines, len(lines[len(lines)-1])+1
				return cellPos(line, col) + ": unexpected end of cell"
			}
			return cellPos(line, col)
		}
		var tb []string
		for _, e := range list {
			tb = append(tb, fmt.Sprintf("cell:%s: %s", pos(e), e.Msg))
		}
		return &kernel.Error{Name: ErrSyntax, Value: tb[0], Traceback: tb}
	}
	return &kernel.Error{Name: ErrSyntax, Value: err.Error(), Traceback: []string{err.Error()}}
}

// compileError converts an error of yaegi's compiler.
func compileError(err error) *kernel.Error {
	msg := mapPositions(err.Error())
	return &kernel.Error{Name: ErrCompile, Value: msg, Traceback: strings.Split(msg, "\n")}
}

// runError converts the error an execution returned; frames are the
// interpreted frames the panic unwound, innermost first.
func runError(err error, frames []frame) *kernel.Error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return interrupted()
	}
	var p interp.Panic
	if errors.As(err, &p) {
		return panicError(ErrPanic, p.Value, frames)
	}
	return compileError(err)
}

func interrupted() *kernel.Error {
	return &kernel.Error{Name: ErrInterrupted, Value: "execution interrupted",
		Traceback: []string{"Interrupted: execution interrupted; variables defined before keep their values"}}
}

// panicError describes a panic value with a traceback in cell lines: one
// "    at cell:line:col in fn" line per interpreted frame, innermost first,
// in the positions yaegi reports (see (*Engine).traceback for what they
// become).
func panicError(name string, value any, frames []frame) *kernel.Error {
	v := fmt.Sprint(value)
	if e, ok := value.(error); ok {
		v = e.Error()
	}
	tb := []string{"panic: " + v}
	if name == ErrGoroutinePanic {
		tb[0] = "panic in a goroutine started by the cell: " + v
	}
	for _, f := range frames {
		if f.line <= headerLines || strings.HasPrefix(f.fn, "main.__gk") || strings.HasPrefix(f.fn, "__gk") {
			continue
		}
		at := framePrefix + cellPos(f.line, f.col)
		if fn := strings.TrimSuffix(f.fn, "(...)"); fn != "" && fn != "main" && fn != "main.main" {
			at += " in " + strings.TrimPrefix(fn, "main.")
		}
		tb = append(tb, at)
	}
	return &kernel.Error{Name: name, Value: v, Traceback: tb}
}

// internalError describes a panic of the interpreter itself (not of the
// cell's code), e.g. yaegi's "nil type" on code it cannot handle.
func internalError(value any) *kernel.Error {
	v := fmt.Sprint(value)
	return &kernel.Error{Name: ErrInternal, Value: "the interpreter failed on this cell: " + v,
		Traceback: []string{"InternalError: the interpreter (yaegi) failed on this cell: " + v,
			"Variables and definitions from earlier cells are kept."}}
}

// cellRef matches a cell position in an error's traceback.
var cellRef = regexp.MustCompile(`cell:(\d+):(\d+)`)

// annotate adds, under each traceback line that names a position in the
// cell, the cell's source line and a caret under the column. The frames
// of a panic are resolved first (see traceback).
func (e *Engine) annotate(err *kernel.Error, code string) *kernel.Error {
	if err.Name == ErrPanic || err.Name == ErrGoroutinePanic {
		return e.traceback(err, code)
	}
	lines := strings.Split(code, "\n")
	var tb []string
	for _, t := range err.Traceback {
		tb = append(tb, t)
		m := cellRef.FindStringSubmatch(t)
		if m == nil {
			continue
		}
		line, _ := strconv.Atoi(m[1])
		col, _ := strconv.Atoi(m[2])
		tb = append(tb, sourceLine(lines, line, col)...)
	}
	return &kernel.Error{Name: err.Name, Value: err.Value, Traceback: tb}
}

// sourceLine is line of a cell's lines with a caret under col, tabs
// expanded, or nothing when line is not in the cell.
func sourceLine(lines []string, line, col int) []string {
	if line < 1 || line > len(lines) {
		return nil
	}
	src := strings.ReplaceAll(lines[line-1], "\t", "    ")
	prefix := strings.ReplaceAll(lines[line-1][:min(max(col-1, 0), len(lines[line-1]))], "\t", "    ")
	return []string{"        " + src, "        " + strings.Repeat(" ", len([]rune(prefix))) + "^"}
}

// framePrefix starts the traceback line of a frame.
const framePrefix = "    at cell:"

// frameLine matches the traceback line panicError writes for a frame.
var frameLine = regexp.MustCompile(`^    at cell:(\d+):(\d+)(?: in (.+))?$`)

// maxRepeats is how many identical frames in a row a traceback shows
// before it says how many more there were, as Python does.
const maxRepeats = 3

// traceback resolves the frames of a panic's traceback: each names the
// cell its function was declared in (the running one, or an earlier cell
// for a function declared there) and shows that cell's line.
//
// yaegi reports every frame at the first statement of its function's
// body, not where the function was when the panic went through it (its
// runCfg logs the position of the node it started at). So a caller's
// frame is moved to its call of the callee when the caller's body has
// exactly one such call, and the innermost frame to the one panic call,
// index expression or division of its function that can raise the
// panic; otherwise a frame stays at its body's start.
func (e *Engine) traceback(err *kernel.Error, code string) *kernel.Error {
	r := &frameResolver{e: e, cur: parseCell(code), earlier: map[int]*cellSource{},
		memo: map[frameKey]memoFrame{}, value: err.Value}
	var out []resolvedFrame
	var inner callee // the function of the frame resolved before
	innermost := true
	for _, t := range err.Traceback {
		m := frameLine.FindStringSubmatch(t)
		if m == nil {
			out = append(out, resolvedFrame{text: t})
			continue
		}
		line, _ := strconv.Atoi(m[1])
		col, _ := strconv.Atoi(m[2])
		var f resolvedFrame
		f, inner = r.resolve(frameKey{line: line, col: col, fn: m[3], inner: inner, innermost: innermost})
		innermost = false
		out = append(out, f)
	}
	var tb []string
	for i := 0; i < len(out); {
		n := 1
		for i+n < len(out) && out[i+n].text == out[i].text {
			n++
		}
		for range min(n, maxRepeats) {
			tb = append(tb, out[i].text)
			tb = append(tb, out[i].lines...)
		}
		if n > maxRepeats {
			tb = append(tb, fmt.Sprintf("    [Previous frame repeated %d more times]", n-maxRepeats))
		}
		i += n
	}
	return &kernel.Error{Name: err.Name, Value: err.Value, Traceback: tb}
}

// frameResolver turns the frames yaegi reported into traceback lines.
type frameResolver struct {
	e       *Engine
	cur     *cellSource         // the running cell
	earlier map[int]*cellSource // the earlier cells (Engine.ran) parsed so far
	memo    map[frameKey]memoFrame
	value   string // the panic's message
}

// frameKey is a frame as yaegi reported it (cell line and column of its
// body's start, function name), with the frame it called.
type frameKey struct {
	line, col int
	fn        string
	inner     callee
	innermost bool
}

// memoFrame is a resolved frame, kept because a deep recursion repeats
// its frames.
type memoFrame struct {
	resolvedFrame
	as callee
}

// resolvedFrame is a frame's traceback line with the source line under
// it.
type resolvedFrame struct {
	text  string
	lines []string
}

// callee is the function of a frame, as its caller's frame looks for the
// call of it: a declared function or method by name, or a function
// literal of the cell src.
type callee struct {
	name string
	lit  *ast.FuncLit
	src  *cellSource
}

// resolve finds the cell and position of frame k, and the callee its
// caller's frame looks for.
func (r *frameResolver) resolve(k frameKey) (resolvedFrame, callee) {
	if m, ok := r.memo[k]; ok {
		return m.resolvedFrame, m.as
	}
	line, col := k.line, k.col
	decl := declName(k.fn)
	src, where := r.cur, "cell:"
	if decl != "" && r.cur.funcAt(decl, line) == nil {
		for j := len(r.e.ran) - 1; j >= 0; j-- {
			c := r.earlier[j]
			if c == nil {
				c = parseCell(r.e.ran[j])
				r.earlier[j] = c
			}
			if c.funcAt(decl, line) != nil {
				src, where = c, "earlier cell:"
				break
			}
		}
	}
	var typ *ast.FuncType
	body := src.top
	if decl != "" {
		body = nil
		if f := src.funcAt(decl, line); f != nil {
			typ, body = f.Type, f.Body.List
		}
	}
	as := callee{name: decl, src: src}
	if k.fn != decl { // a function literal: its body starts at line:col
		as.name, as.lit = "", src.litAt(body, line, col)
		typ, body = nil, nil
		if as.lit != nil {
			typ, body = as.lit.Type, as.lit.Body.List
		}
	}
	var at token.Pos
	if k.innermost {
		at = src.failing(body, r.value)
	} else {
		at = src.callOf(body, typ, k.inner)
	}
	if at.IsValid() {
		p := src.fset.Position(at)
		line, col = p.Line-headerLines, p.Column
	}
	text := "    at " + where + strconv.Itoa(line) + ":" + strconv.Itoa(col)
	if k.fn != "" {
		text += " in " + k.fn
	}
	f := resolvedFrame{text, sourceLine(src.lines, line, col)}
	r.memo[k] = memoFrame{f, as}
	return f, as
}

// declName is the function or method that a frame's function name
// belongs to: "g" for g and for its function literals "g.func", "" for
// the cell's top level and its function literals.
func declName(fn string) string {
	name, _, _ := strings.Cut(fn, ".")
	if name == "func" || name == "main" {
		return ""
	}
	return name
}

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
// for an index out of range or a nil map, a division for a division by
// zero, else a call of panic (of a literal reading msg, or of any other
// value); NoPos when there is none or several.
func (c *cellSource) failing(body []ast.Stmt, msg string) token.Pos {
	var found []token.Pos
	inspectBody(body, func(n ast.Node) {
		switch n := n.(type) {
		case *ast.IndexExpr:
			if strings.Contains(msg, "index out of range") || strings.Contains(msg, "nil map") {
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

// remember keeps the source of a cell that ran for the tracebacks of
// later cells, unless it failed to compile (it then declared nothing) or
// declares no function.
func (e *Engine) remember(code string, res *kernel.ExecuteResult) {
	if res.Err != nil && (res.Err.Name == ErrSyntax || res.Err.Name == ErrCompile) || !strings.Contains(code, "func") {
		return
	}
	e.ran = append(e.ran, code)
}
