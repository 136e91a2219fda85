package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/engine"
	"github.com/gokernel/gokernel/kernel/kerneltest"
)

// TestExitAsksTheFrontendToQuit: a bare exit or quit, which Go does not
// define, is answered as IPython answers it (an ask_exit payload, which
// makes jupyter-console quit); once a cell defines the name, it is an
// ordinary Go expression again.
func TestExitAsksTheFrontendToQuit(t *testing.T) {
	execute := startEngineKernel(t)
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

// startEngineKernel runs a kernel with the real engine in-process and
// returns a function that executes a cell and returns its execute_reply
// content.
func startEngineKernel(t *testing.T) func(code string) map[string]any {
	eng, err := engine.New()
	if err != nil {
		t.Fatal(err)
	}
	s := kerneltest.Start(t, eng)
	return func(code string) map[string]any {
		t.Helper()
		rep, _ := executeCell(t, s.Frontend, code)
		return rep
	}
}

// TestTracebackNamesEarlierCells: a frame in a function that an earlier
// cell declared names that cell as the frontend shows it, In [n], also
// after the cell was run again under a new number.
func TestTracebackNamesEarlierCells(t *testing.T) {
	execute := startEngineKernel(t)
	traceback := func(rep map[string]any) string {
		lines, _ := rep["traceback"].([]any)
		var b strings.Builder
		for _, l := range lines {
			b.WriteString(fmt.Sprint(l) + "\n")
		}
		return b.String()
	}
	const decl = "func g() {\n\tpanic(\"boom\")\n}"
	execute(decl) // In [1]
	rep := execute("g()")
	if tb := traceback(rep); rep["status"] != "error" || !strings.Contains(tb, "at In [1]:2:2 in g") {
		t.Errorf("traceback of g() does not point at In [1], line 2:\n%s", tb)
	}
	execute(decl) // In [3]
	if tb := traceback(execute("g()")); !strings.Contains(tb, "at In [3]:2:2 in g") {
		t.Errorf("after the cell ran again as In [3], the traceback says:\n%s", tb)
	}
}
