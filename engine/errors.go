package engine

import (
	"context"
	"errors"
	"fmt"
	"go/scanner"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/gokernel/gokernel/kernel"
	"github.com/traefik/yaegi/interp"
)

// errKind is what ended a cell. Its String is the ename of Jupyter's
// error message.
type errKind int

const (
	// kindSyntax is a cell that does not parse.
	kindSyntax errKind = iota + 1
	// kindCompile is a cell that parses but does not type-check or
	// compile.
	kindCompile
	// kindPanic is a runtime panic of the cell's code (os.Exit and
	// log.Fatal included: they panic in the kernel).
	kindPanic
	// kindGoroutinePanic is a panic in a goroutine the cell started.
	kindGoroutinePanic
	// kindInterrupted is a cell stopped by an interrupt.
	kindInterrupted
	// kindGoexit is a cell whose goroutine runtime.Goexit ended.
	kindGoexit
	// kindInternal is a failure inside the interpreter itself.
	kindInternal
	// kindDisplay is a cell whose final value carries an error instead of
	// its rich representation (a failed display.Bundle or nnplot figure:
	// a display.Renderer with an Err method that reports one).
	kindDisplay
	// kindOutOfMemory is a cell stopped by the memory watchdog: its values
	// outgrew the kernel's memory budget (see memguard.go).
	kindOutOfMemory
	// kindImport is an import that could not be satisfied: no module
	// provides the package, the proxy cannot be reached, or yaegi cannot
	// interpret the package's source (see modules.go).
	kindImport
)

var kindNames = [...]string{
	kindSyntax:         "SyntaxError",
	kindCompile:        "CompileError",
	kindPanic:          "panic",
	kindGoroutinePanic: "GoroutinePanic",
	kindInterrupted:    "Interrupted",
	kindGoexit:         "Goexit",
	kindInternal:       "InternalError",
	kindDisplay:        "DisplayError",
	kindOutOfMemory:    "OutOfMemory",
	kindImport:         "ImportError",
}

func (k errKind) String() string {
	if k > 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "InternalError"
}

// cellError is an error of a cell as the engine carries it from where it
// happens to the boundary (Execute, Evaluate, the report of a goroutine's
// late panic), where kernelError turns it, once, into the *cellError
// the frontend shows.
type cellError struct {
	kind  errKind
	value string   // the message (Jupyter's evalue)
	lines []tbLine // the traceback's lines
	// frames are a panic's interpreted frames, innermost first, in cell
	// coordinates as yaegi reports them; kernelError resolves them (see
	// traceback) after lines.
	frames []frame
	// A panic of the cell's code that a top-level deferred call may
	// recover (see runDeferred), and its value.
	recoverable bool
	panicValue  any
}

func (c *cellError) Error() string { return c.kind.String() + ": " + c.value }

// tbLine is a line of a traceback, and the cell position it names (line
// 0: none), whose source kernelError shows under it.
type tbLine struct {
	text      string
	line, col int
}

// newError is an error of kind whose traceback is lines, none of which
// names a cell position.
func newError(kind errKind, value string, lines ...string) *cellError {
	c := &cellError{kind: kind, value: value}
	for _, l := range lines {
		c.lines = append(c.lines, tbLine{text: l})
	}
	return c
}

// errorAt is an error of kind at the cell position line:col (cell
// coordinates), whose message and traceback are "cell:line:col: msg".
func errorAt(kind errKind, line, col int, msg string) *cellError {
	text := fmt.Sprintf("cell:%d:%d: %s", line, col, msg)
	return &cellError{kind: kind, value: text, lines: []tbLine{{text, line, col}}}
}

// withSuffix adds s to the error's message and to the first line of its
// traceback.
func (c *cellError) withSuffix(s string) *cellError {
	out := *c
	out.value += s
	out.lines = slices.Clone(c.lines)
	if len(out.lines) > 0 {
		out.lines[0].text += s
	}
	return &out
}

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

// mapPositions rewrites every wrapper position in a line of msg to cell
// coordinates, and returns the first of them (line 0: none).
func mapPositions(msg string) (text string, line, col int) {
	text = wrapperPos.ReplaceAllStringFunc(msg, func(s string) string {
		m := wrapperPos.FindStringSubmatch(s)
		if m[1] != "" && m[1] != srcName+":" {
			return s
		}
		l, _ := strconv.Atoi(m[2])
		c, _ := strconv.Atoi(m[3])
		if l <= headerLines {
			return s
		}
		if line == 0 {
			line, col = l-headerLines, c
		}
		return "cell:" + cellPos(l, c)
	})
	return text, line, col
}

// syntaxError converts parse errors of a chunk of code (the cell); an
// error in the wrapper's closing lines is reported at the end of the cell.
func syntaxError(err error, code string) *cellError {
	var list scanner.ErrorList
	if errors.As(err, &list) && len(list) > 0 {
		lines := strings.Count(code, "\n") + 1
		lastLen := len(code) - strings.LastIndexByte(code, '\n') - 1
		c := &cellError{kind: kindSyntax}
		last := 0 // the cell line of the error before
		for _, e := range firstPerLine(list) {
			// An error past the cell (in the wrapper's closing lines)
			// is at its last line.
			line, col := e.Pos.Line-headerLines, e.Pos.Column
			msg, end := e.Msg, ""
			if line > lines {
				line, col = lines, lastLen+1
				end = "unexpected end of cell: "
			}
			if line == last {
				continue
			}
			last = line
			if len(c.lines) == maxErrors {
				msg = "too many errors"
			}
			text := fmt.Sprintf("cell:%d:%d: %s%s", line, col, end, msg)
			c.lines = append(c.lines, tbLine{text, line, col})
			if len(c.lines) > maxErrors {
				break
			}
		}
		c.value = c.lines[0].text
		return c
	}
	return newError(kindSyntax, err.Error(), err.Error())
}

// firstPerLine is the errors of list in order of position, the first of
// each line only, as the Go compiler reports syntax errors: a line of
// 20,000 illegal characters is one error, not 20,000.
func firstPerLine(list scanner.ErrorList) []*scanner.Error {
	sorted := slices.Clone(list)
	sorted.Sort()
	var out []*scanner.Error
	for _, e := range sorted {
		if len(out) > 0 && out[len(out)-1].Pos.Line == e.Pos.Line {
			continue
		}
		out = append(out, e)
	}
	return out
}

// compileError converts an error of yaegi's compiler.
func compileError(err error) *cellError {
	c := &cellError{kind: kindCompile}
	var texts []string
	for _, l := range strings.Split(err.Error(), "\n") {
		text, line, col := mapPositions(l)
		c.lines = append(c.lines, tbLine{text, line, col})
		texts = append(texts, text)
	}
	c.value = strings.Join(texts, "\n")
	return c
}

// runError converts the error an execution returned; frames are the
// interpreted frames the panic unwound, innermost first.
func runError(err error, frames []frame, noted *panicTexts) *cellError {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return interrupted(0, 0)
	}
	if errors.Is(err, errGoexit) {
		return newError(kindGoexit, err.Error(),
			"Goexit: runtime.Goexit ended the cell's goroutine; the rest of the cell did not run (deferred calls ran)")
	}
	var p interp.Panic
	if errors.As(err, &p) {
		c := panicError(kindPanic, p.Value, frames, noted)
		c.recoverable, c.panicValue = true, p.Value
		return c
	}
	return compileError(err)
}

// interrupted is the error of an interrupted cell; line and col are
// where the top-level statement that was running starts (line 0: not
// known).
func interrupted(line, col int) *cellError {
	if line <= 0 {
		return newError(kindInterrupted, "execution interrupted",
			"Interrupted: execution interrupted; the rest of the cell did not run, variables defined before keep their values")
	}
	at := fmt.Sprintf("cell:%d:%d", line, col)
	return &cellError{kind: kindInterrupted, value: "execution interrupted at " + at, lines: []tbLine{{
		"Interrupted: execution interrupted at " + at + "; the rest of the cell did not run, variables defined before keep their values", line, col}}}
}

// panicError describes a panic value and the interpreted frames it went
// through (wrapper coordinates, innermost first; see (*Engine).traceback
// for what they become). The engine's own frames are left out.
//
// The value shows as Go prints it: its Error() or String() — for a value
// of a cell-defined type, the text a panic statement noted (see
// panicTexts).
func panicError(kind errKind, value any, frames []frame, noted *panicTexts) *cellError {
	if re, ok := goRuntimeError(value); ok {
		value = re
	}
	v := fmt.Sprint(value)
	if e, ok := value.(error); ok {
		v = e.Error()
	} else if text, ok := noted.text(value); ok {
		v = text
	}
	first := "panic: " + v
	if kind == kindGoroutinePanic {
		first = "panic in a goroutine started by the cell: " + v
	}
	c := newError(kind, v, first)
	for _, f := range frames {
		if f.line <= headerLines || strings.HasPrefix(f.fn, "main.__gk") || strings.HasPrefix(f.fn, "__gk") {
			continue
		}
		fn := strings.TrimSuffix(f.fn, "(...)")
		if fn == "main" || fn == "main.main" {
			fn = ""
		}
		c.frames = append(c.frames, frame{line: f.line - headerLines, col: f.col, fn: strings.TrimPrefix(fn, "main.")})
	}
	return c
}

// internalError describes a panic of the interpreter itself (not of the
// cell's code), e.g. yaegi's "nil type" on code it cannot handle.
func internalError(value any) *cellError {
	v := fmt.Sprint(value)
	return newError(kindInternal, "the interpreter failed on this cell: "+v,
		"InternalError: the interpreter (yaegi) failed on this cell: "+v,
		"Variables and definitions from earlier cells are kept.")
}

// kernelError is the *cellError of c, as the frontend shows it: under
// each traceback line that names a position in the cell, the cell's
// source line and a caret under the column; a panic's frames resolved
// (see traceback). Code is the running cell.
func (e *Engine) kernelError(c *cellError, code string) *kernel.Error {
	if c.kind == kindPanic || c.kind == kindGoroutinePanic {
		return e.traceback(c, code)
	}
	lines := strings.Split(code, "\n")
	var tb []string
	for _, l := range c.lines {
		tb = append(tb, clipMessage(l.text))
		if l.line > 0 {
			tb = append(tb, sourceLine(lines, l.line, l.col)...)
		}
	}
	return &kernel.Error{Name: c.kind.String(), Value: clipMessage(c.value), Traceback: tb}
}

// Interrupted is the error of a cell that an interrupt stopped before the
// engine ran it, with the name (ename) of the engine's own interrupts.
func Interrupted(value string) *kernel.Error {
	return &kernel.Error{Name: kindInterrupted.String(), Value: value}
}
