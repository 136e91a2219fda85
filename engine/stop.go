package engine

import (
	"context"
	"errors"
	"time"

	"github.com/gokernel/gokernel/engine/internal/yaegix"
	"github.com/traefik/yaegi/interp"
)

// defaultStopWait bounds how long an interrupted cell waits for its interpreted
// code to stop. Interpreted loops, channel operations and time.Sleep stop
// within microseconds, unwinding 100000 frames of a stopped recursion
// takes up to ~0.3 s (more under the race detector); a call into compiled
// code that ignores cell.Context returns only when it is done, and the
// engine does not wait for it longer than this.
const defaultStopWait = 2 * time.Second

// runProgram executes prog. It does what yaegi's ExecuteWithContext does,
// except that after a cancellation it waits (up to e.stopWait) until the
// interpreted code has returned: ExecuteWithContext returns at once and
// leaves the code running beside the next execution, and writes its
// results from two goroutines, both data races.
//
// Interrupts are final: the cell's own context (cell.Context, which
// time.Sleep and compiled code watch) is cancelled only after the run id
// changed, so that code which returns early on the interrupt finds its
// caller stopped and no further statement of the cell runs.
func (e *Engine) runProgram(ctx context.Context, prog *interp.Program) error {
	if err := ctx.Err(); err != nil {
		e.stopCellContext()
		return err
	}
	done := make(chan struct{})
	yaegix.PrepareRun(e.interp, done)

	finished := make(chan struct{})
	var err error
	returned := false
	go func() {
		defer close(finished)
		_, err = e.interp.Execute(prog)
		returned = true
	}()
	select {
	case <-finished:
		if !returned {
			// runtime.Goexit ended the goroutine that ran the cell.
			return errGoexit
		}
		return err
	case <-ctx.Done():
	}
	// Stop as yaegi does: a new run id ends every interpreted frame of the
	// old one, and the closed channel ends channel operations.
	yaegix.StopRun(e.interp)
	close(done)
	e.stopCellContext()
	t := time.NewTimer(e.stopWait)
	defer t.Stop()
	select {
	case <-finished:
	case <-t.C:
		e.temps.abandoned = true
	}
	return ctx.Err()
}

// errGoexit is the error of a program whose goroutine runtime.Goexit
// ended.
var errGoexit = errors.New("runtime.Goexit called in the cell's goroutine")

// stopCellContext cancels the running cell's cell.Context.
func (e *Engine) stopCellContext() {
	e.resMu.Lock()
	stop := e.stopCell
	e.resMu.Unlock()
	if stop != nil {
		stop()
	}
}
