package kernel_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/gokernel/gokernel/kernel"
)

// scriptInterp is a tiny Interpreter for the tests. A cell is a list of
// commands, one per line:
//
//	print TEXT        stdout stream
//	stderr TEXT       stderr stream
//	value TEXT        the cell's result (text/plain)
//	err TEXT          fail with ename "ScriptError"
//	sleep DURATION    wait, or fail with "Interrupted" when cancelled
//	tick N DURATION   print N lines, one every DURATION
//	display TEXT ID   display_data (ID "-" for none)
//	update TEXT ID    update_display_data
//	clear             clear_output(wait=true)
//	input PROMPT      read a line and print "got: LINE" (or the error)
//	panic             panic inside the interpreter
//	call NAME         call the Go function calls[NAME]
//
// Variables for user_expressions: Evaluate returns the expression upper-
// cased, or an error for "bad".
type scriptInterp struct {
	started chan struct{} // receives when a cell starts to sleep
	// calls are the functions "call NAME" runs.
	calls map[string]func()
}

func newScriptInterp() *scriptInterp { return &scriptInterp{started: make(chan struct{}, 16)} }

func (s *scriptInterp) Execute(ctx context.Context, code string, count int, out kernel.Output) kernel.ExecuteResult {
	var res kernel.ExecuteResult
	for _, line := range strings.Split(code, "\n") {
		cmd, arg, _ := strings.Cut(strings.TrimSpace(line), " ")
		switch cmd {
		case "", "#":
		case "print":
			out.Stream("stdout", arg+"\n")
		case "stderr":
			out.Stream("stderr", arg+"\n")
		case "value":
			res.Data = map[string]any{"text/plain": arg}
		case "err":
			return kernel.ExecuteResult{Err: &kernel.Error{Name: "ScriptError", Value: arg,
				Traceback: []string{"line: " + line}}}
		case "sleep":
			d, _ := time.ParseDuration(arg)
			s.started <- struct{}{}
			select {
			case <-time.After(d):
			case <-ctx.Done():
				return kernel.ExecuteResult{Err: &kernel.Error{Name: "Interrupted", Value: ctx.Err().Error()}}
			}
		case "tick":
			count, every, _ := strings.Cut(arg, " ")
			n, _ := strconv.Atoi(count)
			d, _ := time.ParseDuration(every)
			for i := range n {
				out.Stream("stdout", fmt.Sprintf("tick %d\n", i))
				time.Sleep(d)
			}
		case "display", "update":
			text, id, _ := strings.Cut(arg, " ")
			if id == "-" {
				id = ""
			}
			out.Display(map[string]any{"text/plain": text}, nil, id, cmd == "update")
		case "clear":
			out.ClearOutput(true)
		case "input":
			v, err := out.Input(arg, false)
			if err != nil {
				out.Stream("stderr", "input error: "+err.Error()+"\n")
			} else {
				out.Stream("stdout", "got: "+v+"\n")
			}
		case "count":
			out.Stream("stdout", fmt.Sprintf("count %d\n", count))
		case "panic":
			panic("script asked for it")
		case "call":
			s.calls[arg]()
		default:
			return kernel.ExecuteResult{Err: &kernel.Error{Name: "UnknownCommand", Value: cmd}}
		}
	}
	return res
}

func (s *scriptInterp) Evaluate(expr string) (map[string]any, *kernel.Error) {
	if expr == "bad" {
		return nil, &kernel.Error{Name: "EvalError", Value: "bad expression"}
	}
	return map[string]any{"text/plain": strings.ToUpper(expr)}, nil
}

var words = []string{"print", "println", "printf", "value", "sleep"}

// wordAt returns the start and end of the word around cursor.
func wordAt(code string, cursor int) (int, int) {
	start, end := cursor, cursor
	for start > 0 && code[start-1] != ' ' && code[start-1] != '\n' {
		start--
	}
	for end < len(code) && code[end] != ' ' && code[end] != '\n' {
		end++
	}
	return start, end
}

func (s *scriptInterp) Complete(code string, cursor int) kernel.Completion {
	if code == "panic" {
		panic("completion exploded")
	}
	start, _ := wordAt(code, cursor)
	prefix := code[start:cursor]
	c := kernel.Completion{CursorStart: start, CursorEnd: cursor}
	for _, w := range words {
		if strings.HasPrefix(w, prefix) {
			c.Matches = append(c.Matches, w)
		}
	}
	return c
}

func (s *scriptInterp) Inspect(code string, cursor int, detail int) kernel.Inspection {
	start, end := wordAt(code, cursor)
	w := code[start:end]
	for _, known := range words {
		if w == known {
			return kernel.Inspection{Found: true, Data: map[string]any{
				"text/plain": fmt.Sprintf("%s (detail %d)", w, detail)}}
		}
	}
	return kernel.Inspection{}
}

func (s *scriptInterp) IsComplete(code string) (string, string) {
	switch {
	case strings.Contains(code, "}}"):
		return "invalid", ""
	case strings.HasSuffix(strings.TrimSpace(code), "{"):
		return "incomplete", "    "
	}
	return "complete", ""
}
