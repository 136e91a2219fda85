package main

import (
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/engine"
	"github.com/gokernel/gokernel/kernel"
	"github.com/gokernel/gokernel/kernel/kerneltest"
)

var discard = slog.New(slog.NewTextHandler(io.Discard, nil))

// blockedEngine builds the real engine only once release is closed.
func blockedEngine(release <-chan struct{}) func() (*engine.Engine, error) {
	return func() (*engine.Engine, error) {
		<-release
		return engine.New()
	}
}

// TestFrontendServedWhileTheEngineStarts: kernel_info is answered (Dial
// waits for it) while engine.New has not even begun; a cell sent then
// runs once the engine is there, with its state kept for the next.
func TestFrontendServedWhileTheEngineStarts(t *testing.T) {
	release := make(chan struct{})
	s := kerneltest.StartConfig(t, kernel.Config{Connection: kerneltest.Loopback(),
		Interpreter: startEngine(blockedEngine(release), discard), Logger: discard})
	req, err := s.Send(kerneltest.Shell, "execute_request", map[string]any{"code": `x := 40 + 2`})
	if err != nil {
		t.Fatal(err)
	}
	close(release)
	rep, err := s.Reply(kerneltest.Shell, req, kerneltest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	if c := kerneltest.Content(rep); c["status"] != "ok" {
		t.Fatalf("first cell: %v", c)
	}
	if _, out := executeCell(t, s.Frontend, "x"); out != "42" {
		t.Errorf("x = %q, want 42", out)
	}
}

// TestInterruptWhileTheEngineStarts: a cell waiting for the engine is
// interrupted like any other; the next cell runs.
func TestInterruptWhileTheEngineStarts(t *testing.T) {
	release := make(chan struct{})
	s := kerneltest.StartConfig(t, kernel.Config{Connection: kerneltest.Loopback(),
		Interpreter: startEngine(blockedEngine(release), discard), Logger: discard})
	req, err := s.Send(kerneltest.Shell, "execute_request", map[string]any{"code": `1`})
	if err != nil {
		t.Fatal(err)
	}
	// The cell is running (waiting) once its execute_input is out.
	for {
		m, err := s.NextIOPub(kerneltest.Timeout)
		if err != nil {
			t.Fatal(err)
		}
		if m.Header.MsgType == "execute_input" {
			break
		}
	}
	if _, err := s.Send(kerneltest.Control, "interrupt_request", map[string]any{}); err != nil {
		t.Fatal(err)
	}
	rep, err := s.Reply(kerneltest.Shell, req, kerneltest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	if c := kerneltest.Content(rep); c["status"] != "error" || c["ename"] != engine.Interrupted("").Name {
		t.Fatalf("interrupted cell: %v", c)
	}
	close(release)
	if _, out := executeCell(t, s.Frontend, `6 * 7`); out != "42" {
		t.Errorf("next cell showed %q", out)
	}
}

// TestEngineFailureShownInCells: an engine that cannot start leaves the
// kernel up, and every cell says why.
func TestEngineFailureShownInCells(t *testing.T) {
	broken := func() (*engine.Engine, error) { return nil, errors.New("engine: loading symbols: broken") }
	s := kerneltest.StartConfig(t, kernel.Config{Connection: kerneltest.Loopback(),
		Interpreter: startEngine(broken, discard), Logger: discard})
	for range 2 {
		rep, out := executeCell(t, s.Frontend, `1`)
		if rep["status"] != "error" || !strings.Contains(out, "EngineError: engine: loading symbols: broken") {
			t.Fatalf("reply %v, output %q", rep, out)
		}
	}
	if err := s.Ping(kerneltest.Timeout); err != nil {
		t.Fatal(err)
	}
}
