package notebook

import (
	"context"
	"strings"

	"github.com/gokernel/gokernel/kernel"
)

// script is a stand-in interpreter for the tests: each line of a cell is a
// command (print, eprint, show ID TEXT, update ID TEXT, clear, clearwait,
// value TEXT, fail NAME VALUE, block, later TEXT, release) acted out on the
// kernel.Output.
type script struct {
	runs []string
	// release and wrote pair "later" (a goroutine that writes once
	// released) with "release" (a later cell releasing it).
	release, wrote chan struct{}
}

func (s *script) Execute(ctx context.Context, code string, _ int, out kernel.Output) kernel.ExecuteResult {
	s.runs = append(s.runs, code)
	var res kernel.ExecuteResult
	for _, line := range strings.Split(code, "\n") {
		cmd, arg, _ := strings.Cut(line, " ")
		id, text, _ := strings.Cut(arg, " ")
		switch cmd {
		case "print":
			out.Stream("stdout", arg+"\n")
		case "eprint":
			out.Stream("stderr", arg+"\n")
		case "show":
			out.Display(map[string]any{"text/plain": text}, nil, id, false)
		case "update":
			out.Display(map[string]any{"text/plain": text}, map[string]any{"updated": true}, id, true)
		case "clear":
			out.ClearOutput(false)
		case "clearwait":
			out.ClearOutput(true)
		case "input":
			if _, err := out.Input("? ", false); err != nil {
				return kernel.ExecuteResult{Err: &kernel.Error{Name: "InputError", Value: err.Error()}}
			}
		case "value":
			res.Data = map[string]any{"text/plain": arg}
		case "fail":
			return kernel.ExecuteResult{Err: &kernel.Error{Name: id, Value: text, Traceback: []string{id + ": " + text}}}
		case "later":
			s.release, s.wrote = make(chan struct{}), make(chan struct{})
			go func(release, wrote chan struct{}) {
				<-release
				out.Stream("stdout", arg+"\n")
				close(wrote)
			}(s.release, s.wrote)
		case "release":
			close(s.release)
			<-s.wrote
		case "block":
			<-ctx.Done()
			return kernel.ExecuteResult{Err: &kernel.Error{Name: "Interrupted", Value: ""}}
		}
	}
	return res
}

func (s *script) Evaluate(string) (map[string]any, *kernel.Error) { return nil, nil }
func (s *script) Complete(string, int) kernel.Completion          { return kernel.Completion{} }
func (s *script) Inspect(string, int, int) kernel.Inspection      { return kernel.Inspection{} }
func (s *script) IsComplete(string) (string, string)              { return "complete", "" }

// lateWriter runs a cell like script and leaves a goroutine that writes to
// the cell's output once done is closed.
type lateWriter struct {
	script
	done  chan struct{}
	wrote chan struct{}
}

func (l *lateWriter) Execute(ctx context.Context, code string, count int, out kernel.Output) kernel.ExecuteResult {
	l.wrote = make(chan struct{})
	go func() {
		<-l.done
		out.Stream("stdout", "late\n")
		out.Display(map[string]any{"text/plain": "late"}, nil, "", false)
		out.ClearOutput(false)
		close(l.wrote)
	}()
	return l.script.Execute(ctx, code, count, out)
}
