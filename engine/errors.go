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
	// ErrGoexit is a cell whose goroutine runtime.Goexit ended.
	ErrGoexit = "Goexit"
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
		lines := strings.Count(code, "\n") + 1
		lastLen := len(code) - strings.LastIndexByte(code, '\n') - 1
		pos := func(e *scanner.Error) string {
			line, col := e.Pos.Line, e.Pos.Column
			if line-headerLines > lines {
				line, col = lines+headerLines, lastLen+1
				return cellPos(line, col) + ": unexpected end of cell"
			}
			return cellPos(line, col)
		}
		var tb []string
		last := 0 // the cell line of the error before
		for _, e := range firstPerLine(list) {
			// An error past the cell (in the wrapper's closing lines)
			// is at its last line.
			line := min(e.Pos.Line-headerLines, lines)
			if line == last {
				continue
			}
			last = line
			if len(tb) == maxErrors {
				tb = append(tb, fmt.Sprintf("cell:%s: too many errors", pos(e)))
				break
			}
			tb = append(tb, fmt.Sprintf("cell:%s: %s", pos(e), e.Msg))
		}
		return &kernel.Error{Name: ErrSyntax, Value: tb[0], Traceback: tb}
	}
	return &kernel.Error{Name: ErrSyntax, Value: err.Error(), Traceback: []string{err.Error()}}
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
func compileError(err error) *kernel.Error {
	msg := mapPositions(err.Error())
	return &kernel.Error{Name: ErrCompile, Value: msg, Traceback: strings.Split(msg, "\n")}
}

// runError converts the error an execution returned; frames are the
// interpreted frames the panic unwound, innermost first.
func runError(err error, frames []frame, noted *panicTexts) *kernel.Error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return interrupted(0, 0)
	}
	if errors.Is(err, errGoexit) {
		return &kernel.Error{Name: ErrGoexit, Value: err.Error(),
			Traceback: []string{"Goexit: runtime.Goexit ended the cell's goroutine; the rest of the cell did not run (deferred calls ran)"}}
	}
	var p interp.Panic
	if errors.As(err, &p) {
		return panicError(ErrPanic, p.Value, frames, noted)
	}
	return compileError(err)
}

// interrupted is the error of an interrupted cell; line and col are
// where the top-level statement that was running starts (line 0: not
// known).
func interrupted(line, col int) *kernel.Error {
	if line <= 0 {
		return &kernel.Error{Name: ErrInterrupted, Value: "execution interrupted",
			Traceback: []string{"Interrupted: execution interrupted; the rest of the cell did not run, variables defined before keep their values"}}
	}
	at := fmt.Sprintf("cell:%d:%d", line, col)
	return &kernel.Error{Name: ErrInterrupted, Value: "execution interrupted at " + at,
		Traceback: []string{"Interrupted: execution interrupted at " + at + "; the rest of the cell did not run, variables defined before keep their values"}}
}

// panicError describes a panic value with a traceback in cell lines: one
// "    at cell:line:col in fn" line per interpreted frame, innermost first,
// in the positions yaegi reports (see (*Engine).traceback for what they
// become).
//
// The value shows as Go prints it: its Error() or String() — for a value
// of a cell-defined type, the text a panic statement noted (see
// panicTexts).
func panicError(name string, value any, frames []frame, noted *panicTexts) *kernel.Error {
	v := fmt.Sprint(value)
	if e, ok := value.(error); ok {
		v = e.Error()
	} else if text, ok := noted.text(value); ok {
		v = text
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
		tb = append(tb, clipMessage(t))
		m := cellRef.FindStringSubmatch(t)
		if m == nil {
			continue
		}
		line, _ := strconv.Atoi(m[1])
		col, _ := strconv.Atoi(m[2])
		tb = append(tb, sourceLine(lines, line, col)...)
	}
	return &kernel.Error{Name: err.Name, Value: clipMessage(err.Value), Traceback: tb}
}
