package difftest

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"

	"github.com/gokernel/gokernel/engine"
	"github.com/gokernel/gokernel/kernel"
)

// streams is a kernel.Output that keeps what a cell writes to its
// streams; rich output and input are not part of the comparison.
type streams struct {
	mu             sync.Mutex
	stdout, stderr strings.Builder
}

func (s *streams) Stream(name, text string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if name == "stderr" {
		s.stderr.WriteString(text)
		return
	}
	s.stdout.WriteString(text)
}

func (s *streams) Display(map[string]any, map[string]any, string, bool) {}
func (s *streams) ClearOutput(bool)                                     {}
func (s *streams) Input(string, bool) (string, error) {
	return "", errors.New("difftest: no standard input")
}

// Interpret runs a program's cells in a new engine, in order, until one
// fails; timeout bounds the whole program (a program that runs longer is
// interrupted). While it runs, os.Stdout and os.Stderr of the process are
// the engine's: run one program at a time.
func Interpret(ctx context.Context, p Program, timeout time.Duration) Outcome {
	cells, err := Cells(p.Source)
	if err != nil {
		return Outcome{Status: "corpus: " + err.Error()}
	}
	e, err := engine.New()
	if err != nil {
		return Outcome{Status: "engine: " + err.Error()}
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	out := &streams{}
	var failed *kernel.Error
	for _, c := range cells {
		if res := e.Execute(ctx, c, 0, out); res.Err != nil {
			failed = res.Err
			break
		}
	}
	out.mu.Lock()
	defer out.mu.Unlock()
	return Outcome{Stdout: out.stdout.String(), Stderr: out.stderr.String(), Status: engineStatus(failed)}
}
