package engine

import (
	"strings"
	"testing"

	"github.com/gokernel/gokernel/kernel/kerneltest"
	"github.com/gokernel/gokernel/kernel/wire"
)

// executeThrough runs code through a real kernel's sockets and returns
// the execute_reply's content and the request's IOPub messages.
func executeThrough(t *testing.T, s *kerneltest.Server, code string) (map[string]any, []*wire.Message) {
	t.Helper()
	req, err := s.Send(kerneltest.Shell, "execute_request", map[string]any{"code": code})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := s.Reply(kerneltest.Shell, req, kerneltest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	msgs, err := s.IOPub(req, kerneltest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	return kerneltest.Content(rep), msgs
}

// TestLongLineThroughKernel: a one-line cell of 20,000 characters that do
// not compile (pasted data) comes back as one clear SyntaxError with the
// line clipped around the column, in little memory, and the kernel keeps
// the session.
func TestLongLineThroughKernel(t *testing.T) {
	s := kerneltest.Start(t, newEngine(t))
	if rep, _ := executeThrough(t, s, "x := 41"); rep["status"] != "ok" {
		t.Fatalf("x := 41: %v", rep)
	}
	for _, ch := range []string{"#", "@", "\u0301"} {
		code := strings.Repeat(ch, 20000)
		rep, _ := executeThrough(t, s, code)
		if rep["status"] != "error" || rep["ename"] != kindSyntax.String() {
			t.Fatalf("%q×20000: reply %v, want a SyntaxError", ch, rep)
		}
		tb, _ := rep["traceback"].([]any)
		size := 0
		for _, l := range tb {
			size += len(l.(string))
		}
		if len(tb) != 3 || size > 1000 {
			t.Errorf("%q×20000: traceback of %d lines, %d bytes; want the error, the clipped line and a caret", ch, len(tb), size)
		}
		if want := "cell:1:1: illegal character"; !strings.HasPrefix(rep["evalue"].(string), want) {
			t.Errorf("%q×20000: evalue %q, want it to start with %q", ch, rep["evalue"], want)
		}
	}
	rep, msgs := executeThrough(t, s, "x + 1")
	if rep["status"] != "ok" {
		t.Fatalf("x + 1 after the long lines: %v", rep)
	}
	var got any
	for _, m := range msgs {
		if m.Header.MsgType == "execute_result" {
			got = kerneltest.Content(m)["data"].(map[string]any)["text/plain"]
		}
	}
	if got != "42" {
		t.Errorf("x + 1 = %v, want 42: the session keeps x", got)
	}
}
