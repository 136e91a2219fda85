package engine

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel"
)

// recorder is a kernel.Output that keeps everything a cell sends.
type recorder struct {
	mu               sync.Mutex
	streamsAtDisplay int // len(streams) at the first Display
	streams          []stream
	displays         []map[string]any
	clears           int
	inputs           []string // lines handed out by Input, in order
	prompts          int
	promptTexts      []string // the prompt of each Input
	noStdin          bool
}

type stream struct{ name, text string }

func (r *recorder) Stream(name, text string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.streams = append(r.streams, stream{name, text})
}

func (r *recorder) Display(data, metadata map[string]any, id string, update bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.displays) == 0 {
		r.streamsAtDisplay = len(r.streams)
	}
	r.displays = append(r.displays, data)
}

func (r *recorder) ClearOutput(wait bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.clears++
}

func (r *recorder) Input(prompt string, password bool) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.noStdin {
		return "", kernel.ErrStdinNotAllowed
	}
	r.prompts++
	r.promptTexts = append(r.promptTexts, prompt)
	if len(r.inputs) == 0 {
		return "", errors.New("no more input")
	}
	line := r.inputs[0]
	r.inputs = r.inputs[1:]
	return line, nil
}

// textBeforeDisplay returns the streams that arrived before the first
// Display.
func (r *recorder) textBeforeDisplay() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var b strings.Builder
	for _, s := range r.streams[:r.streamsAtDisplay] {
		b.WriteString(s.text)
	}
	return b.String()
}

// text returns everything sent on the named stream.
func (r *recorder) text(name string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var b strings.Builder
	for _, s := range r.streams {
		if s.name == name {
			b.WriteString(s.text)
		}
	}
	return b.String()
}

func newEngine(t testing.TB) *Engine {
	t.Helper()
	e, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// run executes code and fails the test on an error.
func run(t testing.TB, e *Engine, code string) (kernel.ExecuteResult, *recorder) {
	t.Helper()
	out := &recorder{}
	res := e.Execute(context.Background(), code, out)
	if res.Err != nil {
		t.Fatalf("cell %q: %v\n%s", code, res.Err, strings.Join(res.Err.Traceback, "\n"))
	}
	return res, out
}

// runErr executes code that must fail.
func runErr(t testing.TB, e *Engine, code string) (*kernel.Error, *recorder) {
	t.Helper()
	out := &recorder{}
	res := e.Execute(context.Background(), code, out)
	if res.Err == nil {
		t.Fatalf("cell %q: no error, result %v, stdout %q", code, res.Data, out.text("stdout"))
	}
	return res.Err, out
}

// plain is the text/plain of a result ("" when there is none).
func plain(res kernel.ExecuteResult) string {
	if res.Data == nil {
		return ""
	}
	s, _ := res.Data["text/plain"].(string)
	return s
}

// waitGoPanic waits until the engine has recorded the panic of a
// goroutine that a cell started (an event; the deadline only bounds a hang).
func waitGoPanic(t *testing.T, e *Engine) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		e.resMu.Lock()
		n := len(e.goPanics)
		e.resMu.Unlock()
		if n > 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the goroutine's panic was never recorded")
		}
		runtime.Gosched()
	}
}
