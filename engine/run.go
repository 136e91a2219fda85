package engine

import (
	"context"

	"github.com/gokernel/gokernel/kernel"
)

// cellRun is the state of one execution of a cell (or of one user
// expression): what it shows, how it is stopped, what it registered to
// run at its end. Execute makes a new one before the cell runs, so
// nothing of a run outlives the next; the Engine keeps the session.
// The fields that goroutines of the cell share (cancelRun, stopCell,
// result, lastType, displayErr, overflow, memErr, wrapped) are guarded
// by Engine.resMu.
type cellRun struct {
	cancelRun  context.CancelFunc    // stops the running cell (nil once it ended)
	stopCell   context.CancelFunc    // cancels the running cell's cell.Context (see runProgram)
	result     *kernel.ExecuteResult // set by the final expression's show
	lastType   string                // cell-defined type of the final value, if any
	displayErr error                 // error the final value carries instead of its display
	deferred   int                   // deferred calls the cell's top level registered
	overflow   bool                  // the cell went deeper than maxDepth
	memErr     error                 // the memory watchdog stopped the cell
	returned   bool                  // the cell's top level returned (see cellreturn.go)
	wrapped    []span                // statements of the cell run as function literals (see blockdefine.go)
	cleanup    []func()              // run when the cell ends
	temps      cellTemps             // the global frame slots the cell may have been given (see temps.go)

	panicking *pendingPanic   // the cell's panic while its top-level deferred calls run (see deferred.go)
	changed   map[string]bool // cell types whose declaration this cell changed (see reuseGlobals)

	pendingSigs    map[string]string // signatures of the compiling cell's functions
	pendingMethods map[string]bool   // "Type.Method" of the compiling cell -> pointer receiver (see panicMethod)
	pendingImports map[string]string // name in scope -> import path, of the compiling cell's imports (see pkgPath)
}

func newRun() *cellRun {
	return &cellRun{pendingSigs: map[string]string{}, pendingMethods: map[string]bool{}, pendingImports: map[string]string{}, changed: map[string]bool{}}
}

// beginRun makes a new cellRun the engine's current one.
func (e *Engine) beginRun() {
	e.resMu.Lock()
	e.cellRun = newRun()
	e.resMu.Unlock()
}
