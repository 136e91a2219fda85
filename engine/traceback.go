package engine

import (
	"fmt"
	"go/ast"
	"go/token"
	"slices"
	"strconv"
	"strings"

	"github.com/gokernel/gokernel/kernel"
)

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
func (e *Engine) traceback(c *cellError, code string) *kernel.Error {
	r := &frameResolver{e: e, cur: parseCell(code), earlier: map[int]*cellSource{},
		memo: map[frameKey]memoFrame{}, value: c.value}
	var out []resolvedFrame
	for _, l := range c.lines {
		out = append(out, resolvedFrame{text: l.text})
	}
	var inner callee // the function of the frame resolved before
	for i, f := range c.frames {
		var rf resolvedFrame
		rf, inner = r.resolve(frameKey{line: f.line, col: f.col, fn: f.fn, inner: inner, innermost: i == 0})
		out = append(out, rf)
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
	return &kernel.Error{Name: c.kind.String(), Value: c.value, Traceback: tb}
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
				c = parseCell(r.e.ran[j].code)
				r.earlier[j] = c
			}
			if c.funcAt(decl, line) != nil {
				src, where = c, "earlier cell:"
				if n := r.e.ran[j].count; n > 0 {
					where = "In [" + strconv.Itoa(n) + "]:"
				}
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

// ranCell is a cell that ran, as tracebacks of later cells name it: its
// source and its execution count (the n of In [n]; 0 when the kernel gave
// none).
type ranCell struct {
	code  string
	count int
}

// remember keeps the source of a cell that ran for the tracebacks of
// later cells, unless it failed to compile (it then declared nothing) or
// declares no function. A cell run again replaces its earlier run, so
// the sources kept are at most the distinct cells of the session.
func (e *Engine) remember(code string, count int, cerr *cellError) {
	if cerr != nil && (cerr.kind == kindSyntax || cerr.kind == kindCompile) || !strings.Contains(code, "func") {
		return
	}
	e.ran = slices.DeleteFunc(e.ran, func(c ranCell) bool { return c.code == code })
	e.ran = append(e.ran, ranCell{code, count})
}
