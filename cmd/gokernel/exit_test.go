package main

import (
	"testing"
	"time"

	"github.com/gokernel/gokernel/engine"
	"github.com/gokernel/gokernel/kernel/kerneltest"
)

// TestExitAsksTheFrontendToQuit: a bare exit or quit, which Go does not
// define, is answered as IPython answers it (an ask_exit payload, which
// makes jupyter-console quit); once a cell defines the name, it is an
// ordinary Go expression again.
func TestExitAsksTheFrontendToQuit(t *testing.T) {
	eng, err := engine.New()
	if err != nil {
		t.Fatal(err)
	}
	s := kerneltest.Start(t, eng)
	execute := func(code string) map[string]any {
		t.Helper()
		req, err := s.Send(kerneltest.Shell, "execute_request", map[string]any{"code": code})
		if err != nil {
			t.Fatal(err)
		}
		rep, err := s.Reply(kerneltest.Shell, req, 30*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.IOPub(req, 30*time.Second); err != nil {
			t.Fatal(err)
		}
		return kerneltest.Content(rep)
	}
	askExit := func(rep map[string]any) bool {
		payload, _ := rep["payload"].([]any)
		for _, p := range payload {
			if m, _ := p.(map[string]any); m["source"] == "ask_exit" && m["keepkernel"] == false {
				return true
			}
		}
		return false
	}
	for _, code := range []string{"exit", " quit\n"} {
		if rep := execute(code); rep["status"] != "ok" || !askExit(rep) {
			t.Errorf("%q: reply %v, want status ok with an ask_exit payload", code, rep)
		}
	}
	if rep := execute("quit := make(chan bool)\n_ = quit"); rep["status"] != "ok" {
		t.Fatalf("defining quit: %v", rep)
	}
	if rep := execute("quit"); rep["status"] != "ok" || askExit(rep) {
		t.Errorf("quit defined by a cell: reply %v, want its value and no ask_exit", rep)
	}
	if rep := execute("exit()"); rep["status"] != "error" || askExit(rep) {
		t.Errorf("exit(): reply %v, want Go's error (undefined), no ask_exit", rep)
	}
}
