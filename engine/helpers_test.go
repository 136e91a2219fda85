package engine

import (
	"context"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel"
	"github.com/gokernel/gokernel/kernel/kerneltest"
)

func newEngine(t testing.TB) *Engine {
	t.Helper()
	e, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// run executes code and fails the test on an error.
func run(t testing.TB, e *Engine, code string) (kernel.ExecuteResult, *kerneltest.Recorder) {
	t.Helper()
	out := &kerneltest.Recorder{}
	res := e.Execute(context.Background(), code, 0, out)
	if res.Err != nil {
		t.Fatalf("cell %q: %v\n%s", code, res.Err, strings.Join(res.Err.Traceback, "\n"))
	}
	return res, out
}

// runErr executes code that must fail.
func runErr(t testing.TB, e *Engine, code string) (*kernel.Error, *kerneltest.Recorder) {
	t.Helper()
	out := &kerneltest.Recorder{}
	res := e.Execute(context.Background(), code, 0, out)
	if res.Err == nil {
		t.Fatalf("cell %q: no error, result %v, stdout %q", code, res.Data, out.Text("stdout"))
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
