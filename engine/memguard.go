package engine

import (
	"fmt"

	"github.com/gokernel/gokernel/internal/memlimit"
)

// initMemory sets up the memory guard of the budget memlimit.Detect finds
// (GOKERNEL_MEMORY_LIMIT overrides it). make and append of computed sizes
// in cells are checked against it before they allocate (package rewrite
// routes them through the guard's Make and Grow), and a watchdog stops a
// cell whose heap grows close to it: the Go runtime's own out-of-memory
// error would kill the kernel.
func (e *Engine) initMemory() error {
	b, err := memlimit.Detect()
	if err != nil {
		return fmt.Errorf("engine: memory budget: %w", err)
	}
	e.mem = memlimit.NewGuard(b)
	return nil
}

// watchMemory starts the heap watchdog for the running cell; when it
// fires, the cell is stopped as an interrupt stops it and ends with an
// OutOfMemory error. The returned function ends the watchdog.
func (e *Engine) watchMemory() (end func()) {
	return e.mem.Watch(func(err error) {
		e.resMu.Lock()
		e.memErr = err
		cancel := e.cancelRun
		e.resMu.Unlock()
		if cancel != nil {
			cancel()
		}
	})
}

// takeMemoryError returns the watchdog's error for the cell that ended,
// if it fired, and forgets it. e.resMu must be held.
func (e *Engine) takeMemoryError() *cellError {
	if e.memErr == nil {
		return nil
	}
	v := e.memErr.Error()
	e.memErr = nil
	return newError(kindOutOfMemory, v, v, "the cell was stopped; variables defined before keep their values")
}
