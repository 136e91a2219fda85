package cell

import (
	"context"
	"io"
	"os"
	"sync"
)

// Displayer receives the rich output of a cell. The kernel turns each call
// into an IOPub message (display_data, update_display_data or clear_output).
type Displayer interface {
	// Display publishes a MIME bundle (MIME type to content) with its
	// metadata. A non-empty id names the display so that it can be updated
	// later; with update set, the output that carries id is replaced
	// instead of a new output being added.
	Display(data, metadata map[string]any, id string, update bool) error
	// ClearOutput clears the cell's output; with wait set, the frontend
	// clears it only when the next output arrives, avoiding flicker.
	ClearOutput(wait bool) error
}

// Env is what a running cell offers the libraries it calls.
type Env struct {
	// Ctx is cancelled when the cell is interrupted.
	Ctx context.Context
	// Stdout and Stderr are the cell's output streams.
	Stdout, Stderr io.Writer
	// Display receives rich output; nil when there is no frontend.
	Display Displayer
}

var (
	mu      sync.RWMutex
	current *Env
)

// Enter installs env as the environment of the running cell and returns a
// function that restores the previous one. The engine calls it around each
// execution; nil fields of env fall back to the defaults.
func Enter(env Env) (leave func()) {
	mu.Lock()
	prev := current
	current = &env
	mu.Unlock()
	return func() {
		mu.Lock()
		current = prev
		mu.Unlock()
	}
}

func get() *Env {
	mu.RLock()
	defer mu.RUnlock()
	return current
}

// Context returns the running cell's context, cancelled on interrupt, or
// context.Background when no cell is running.
func Context() context.Context {
	if e := get(); e != nil && e.Ctx != nil {
		return e.Ctx
	}
	return context.Background()
}

// Stdout returns the running cell's standard output, or os.Stdout.
func Stdout() io.Writer {
	if e := get(); e != nil && e.Stdout != nil {
		return e.Stdout
	}
	return os.Stdout
}

// Stderr returns the running cell's standard error, or os.Stderr.
func Stderr() io.Writer {
	if e := get(); e != nil && e.Stderr != nil {
		return e.Stderr
	}
	return os.Stderr
}

// Current returns the running cell's Displayer, or nil when rich output has
// nowhere to go (a plain program, a test).
func Current() Displayer {
	if e := get(); e != nil {
		return e.Display
	}
	return nil
}
