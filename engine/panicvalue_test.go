package engine

import (
	"strings"
	"testing"

	"github.com/gokernel/gokernel/kernel/kerneltest"
)

// TestPanicValuesPrintAsGo: a panic's value shows as go run prints it:
// the Error() or String() of a cell-defined type (compared with go run's
// output of the same program), and recover still recovers.
func TestPanicValuesPrintAsGo(t *testing.T) {
	e := newEngine(t)
	run(t, e, "import \"strconv\"\ntype MyErr struct{ Code int }\nfunc (m MyErr) Error() string { return \"code \" + strconv.Itoa(m.Code) }\ntype S struct{ N int }\nfunc (s S) String() string { return \"S!\" }\ntype P struct{ N int }\nfunc (p *P) Error() string { return \"P err\" }")
	for _, tt := range []struct{ code, want string }{
		{"panic(MyErr{7})", "panic: code 7"},
		{"panic(S{1})", "panic: S!"},
		{"panic(&P{2})", "panic: P err"},
		{"type E2 string\nfunc (e E2) Error() string { return \"e2 \" + string(e) }\npanic(E2(\"z\"))", "panic: e2 z"},
		{"func g() { panic(MyErr{9}) }\ng()", "panic: code 9"},
		{"panic(fmt.Errorf(\"x %d\", 1))", "panic: x 1"},
		{"panic(\"boom\")", "panic: boom"},
	} {
		err, _ := runErr(t, e, tt.code)
		if err.Name != kindPanic.String() || err.Traceback[0] != tt.want {
			t.Errorf("%q: %s %q, want %q", tt.code, err.Name, err.Traceback[0], tt.want)
		}
	}
	// (yaegi v0.16.1 hands recover a value of a cell type as a
	// reflect.Value, with or without the rewrite: catch().(MyErr) fails.)
	res, _ := run(t, e, "func catch() (r any) {\n\tdefer func() { r = recover() }()\n\tpanic(MyErr{5})\n}\ncatch() != nil")
	if got := plain(res); got != "true" {
		t.Errorf("recovered %q, want true", got)
	}
}

// TestGoexitEndsTheCell: runtime.Goexit in a cell ends it with an error
// that names Goexit; the statements after it do not run, its deferred
// calls do, and the session goes on.
func TestGoexitEndsTheCell(t *testing.T) {
	e := newEngine(t)
	run(t, e, "import \"runtime\"\nafter := 0")
	err, out := runErr(t, e, "defer fmt.Println(\"deferred\")\nruntime.Goexit()\nafter++")
	if err.Name != kindGoexit.String() || !strings.Contains(err.Value, "runtime.Goexit") {
		t.Errorf("error %s %q, want Goexit", err.Name, err.Value)
	}
	if got := out.Text("stdout"); got != "deferred\n" {
		t.Errorf("stdout %q, want the deferred call's output", got)
	}
	if got := plain(mustRun(t, e, "after")); got != "0" {
		t.Errorf("after = %s, want 0", got)
	}
}

// TestLatePanicGoesToStderr: through a real kernel, a goroutine that
// panics after its cell ended is reported on stderr of the next cell, with
// its value as Go prints it and its traceback, and not on stdout.
func TestLatePanicGoesToStderr(t *testing.T) {
	e := newEngine(t)
	s := kerneltest.Start(t, e)
	cell1 := "import \"strconv\"\ntype MyErr struct{ Code int }\nfunc (m MyErr) Error() string { return \"code \" + strconv.Itoa(m.Code) }\ngate := make(chan bool)\ngo func() {\n\t<-gate\n\tpanic(MyErr{3})\n}()"
	if rep, _ := executeThrough(t, s, cell1); rep["status"] != "ok" {
		t.Fatalf("cell 1: %v", rep)
	}
	// Open the gate while no cell runs, and wait until the panic is in.
	e.mu.Lock()
	gate, err := e.interp.Eval("gate")
	e.mu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	gate.Close()
	waitGoPanic(t, e)
	rep, msgs := executeThrough(t, s, "1 + 1")
	if rep["status"] != "ok" {
		t.Fatalf("cell 2: %v", rep)
	}
	streams := map[string]string{}
	for _, m := range msgs {
		if c := kerneltest.Content(m); m.Header.MsgType == "stream" {
			streams[c["name"].(string)] += c["text"].(string)
		}
	}
	for _, want := range []string{"a goroutine started by an earlier cell panicked", "panic in a goroutine started by the cell: code 3", "    at cell:7:2", "        panic(MyErr{3})"} {
		if !strings.Contains(streams["stderr"], want) {
			t.Errorf("stderr %q lacks %q", streams["stderr"], want)
		}
	}
	if streams["stdout"] != "" {
		t.Errorf("stdout %q, want nothing", streams["stdout"])
	}
}
