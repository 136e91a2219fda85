package main

import (
	"context"
	"log/slog"
	"sync"

	"github.com/gokernel/gokernel/engine"
	"github.com/gokernel/gokernel/kernel"
)

// startingEngine is the kernel's Interpreter while engine.New runs in the
// background. Building the engine (yaegi's interpreter, its symbol
// tables, the generic packages' compile, the prelude) is most of a
// kernel's start, and the frontend's first requests — kernel_info,
// comm_info, history — do not need it: they are answered at once, and
// the first request that does need the engine waits for it. Each method
// behaves as the engine's, once it is there. If engine.New fails, every
// cell ends with that error and the kernel stays up to show it.
type startingEngine struct {
	newEngine func() (*engine.Engine, error)
	log       *slog.Logger
	begun     sync.Once
	ready     chan struct{} // closed when eng or err is set
	eng       *engine.Engine
	err       error
}

// newStartingEngine returns a startingEngine that builds its engine with
// newEngine once begin is called, or when first needed.
func newStartingEngine(newEngine func() (*engine.Engine, error), logger *slog.Logger) *startingEngine {
	return &startingEngine{newEngine: newEngine, log: logger, ready: make(chan struct{})}
}

// startEngine is newStartingEngine with the building begun.
func startEngine(newEngine func() (*engine.Engine, error), logger *slog.Logger) *startingEngine {
	s := newStartingEngine(newEngine, logger)
	s.begin()
	return s
}

// begin starts building the engine in the background, once.
func (s *startingEngine) begin() {
	s.begun.Do(func() {
		go func() {
			defer close(s.ready)
			s.eng, s.err = s.newEngine()
			if s.err != nil {
				s.log.Error("the engine did not start", "err", s.err)
			}
		}()
	})
}

// wait returns the engine once it is built, or ctx's error if the cell
// is interrupted first.
func (s *startingEngine) wait(ctx context.Context) (*engine.Engine, error) {
	s.begin()
	select {
	case <-s.ready:
		return s.eng, s.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// engineError is the error a request gets when there is no engine.
func engineError(err error) *kernel.Error {
	return &kernel.Error{Name: "EngineError", Value: err.Error()}
}

// Execute implements kernel.Interpreter.
func (s *startingEngine) Execute(ctx context.Context, code string, count int, out kernel.Output) kernel.ExecuteResult {
	eng, err := s.wait(ctx)
	switch {
	case err != nil && ctx.Err() != nil:
		return kernel.ExecuteResult{Err: engine.Interrupted("execution interrupted while the engine was starting; the cell did not run")}
	case err != nil:
		return kernel.ExecuteResult{Err: engineError(err)}
	}
	return eng.Execute(ctx, code, count, out)
}

// Evaluate implements kernel.Interpreter.
func (s *startingEngine) Evaluate(expr string) (map[string]any, *kernel.Error) {
	eng, err := s.wait(context.Background())
	if err != nil {
		return nil, engineError(err)
	}
	return eng.Evaluate(expr)
}

// Complete implements kernel.Interpreter.
func (s *startingEngine) Complete(code string, cursor int) kernel.Completion {
	eng, err := s.wait(context.Background())
	if err != nil {
		return kernel.Completion{CursorStart: cursor, CursorEnd: cursor}
	}
	return eng.Complete(code, cursor)
}

// Inspect implements kernel.Interpreter.
func (s *startingEngine) Inspect(code string, cursor int, detail int) kernel.Inspection {
	eng, err := s.wait(context.Background())
	if err != nil {
		return kernel.Inspection{}
	}
	return eng.Inspect(code, cursor, detail)
}

// IsComplete implements kernel.Interpreter.
func (s *startingEngine) IsComplete(code string) (status, indent string) {
	eng, err := s.wait(context.Background())
	if err != nil {
		return "unknown", ""
	}
	return eng.IsComplete(code)
}

// RunCallback implements kernel.CallbackRunner.
func (s *startingEngine) RunCallback(ctx context.Context, out kernel.Output, f func()) {
	eng, err := s.wait(ctx)
	if err != nil {
		f()
		return
	}
	eng.RunCallback(ctx, out, f)
}
