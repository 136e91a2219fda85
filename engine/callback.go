package engine

import (
	"context"
	"os"
	"sync"

	"github.com/gokernel/gokernel/cell"
	"github.com/gokernel/gokernel/kernel"
)

// Callbacks of compiled libraries — a widget's OnChange or OnClick, which
// may call interpreted functions — run outside of Execute: while no cell
// runs (the frontend sent a comm message) or while one does (a Stop
// button pressed during training). RunCallback gives them what a cell
// has: os.Stdout and os.Stderr captured into an Output, the cell package's
// environment (context, streams, rich output). Captures nest: a callback
// that runs while a cell runs (or inside another callback) takes the
// output over for its duration, after what was written before it has
// been forwarded to its own destination.

var _ kernel.CallbackRunner = (*Engine)(nil)

// captures is the stack of active captures, the innermost last.
var captures struct {
	sync.Mutex
	stack []*capture
}

// pushCapture records c as the innermost capture and returns the function
// that forgets it.
func pushCapture(c *capture) (pop func()) {
	captures.Lock()
	captures.stack = append(captures.stack, c)
	captures.Unlock()
	return func() {
		captures.Lock()
		defer captures.Unlock()
		for i := len(captures.stack) - 1; i >= 0; i-- {
			if captures.stack[i] == c {
				captures.stack = append(captures.stack[:i], captures.stack[i+1:]...)
				return
			}
		}
	}
}

func innermostCapture() *capture {
	captures.Lock()
	defer captures.Unlock()
	if n := len(captures.stack); n > 0 {
		return captures.stack[n-1]
	}
	return nil
}

// RunCallback implements kernel.CallbackRunner: f runs with what it
// prints and displays going to out, and ctx as the cell package's
// context.
func (e *Engine) RunCallback(ctx context.Context, out kernel.Output, f func()) {
	outer := captureMu.TryLock()
	if !outer {
		// A cell or another callback is capturing: let what it wrote so
		// far reach its destination before the output is taken over.
		if c := innermostCapture(); c != nil {
			c.sync()
		}
	}
	c, err := newCapture(out)
	if err != nil {
		if outer {
			captureMu.Unlock()
		}
		f()
		return
	}
	defer pushCapture(c)()
	prevOut, prevErr := e.stdout.f.Load(), e.stderr.f.Load()
	e.stdout.install(c.outW, nil)
	e.stderr.install(c.errW, nil)
	leave := cell.Enter(cell.Env{Ctx: ctx, Stdout: &e.stdout, Stderr: &e.stderr, Display: displayer{syncedOutput{Output: out, capt: c}}})
	defer func() {
		leave()
		e.stdout.install(prevOut, nil)
		e.stderr.install(prevErr, nil)
		if outer {
			c.stop() // unlocks captureMu
			return
		}
		c.restore()
	}()
	f()
}

// restore is stop for a nested capture: it puts back the outer capture's
// pipes and waits until everything written has been forwarded, leaving
// captureMu to the outer capture.
func (c *capture) restore() {
	os.Stdout, os.Stderr = c.oldOut, c.oldErr
	c.outW.Close()
	c.errW.Close()
	c.done.Wait()
}
