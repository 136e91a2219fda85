package kernel_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/kernel/kerneltest"
)

func TestExecute(t *testing.T) {
	tests := []struct {
		name    string
		request map[string]any
		// want
		iopub  []string // msg types between busy and idle
		status string
		count  float64 // execution_count in the reply
		stdout string
		check  func(t *testing.T, x exchange)
	}{
		{
			name:    "stdout then result",
			request: map[string]any{"code": "print hello\nvalue 42"},
			iopub:   []string{"execute_input", "stream", "execute_result"},
			status:  "ok", count: 1, stdout: "hello\n",
			check: func(t *testing.T, x exchange) {
				res := content(ofType(x.iopub, "execute_result")[0])
				if asJSON(res["data"]) != `{"text/plain":"42"}` || res["execution_count"] != 1.0 {
					t.Errorf("execute_result %v", res)
				}
				in := content(x.iopub[1])
				if in["code"] != "print hello\nvalue 42" || in["execution_count"] != 1.0 {
					t.Errorf("execute_input %v", in)
				}
			},
		},
		{
			name:    "error",
			request: map[string]any{"code": "print before\nerr boom"},
			iopub:   []string{"execute_input", "stream", "error"},
			status:  "error", count: 1, stdout: "before\n",
			check: func(t *testing.T, x exchange) {
				rep := content(x.reply)
				if rep["ename"] != "ScriptError" || rep["evalue"] != "boom" || asJSON(rep["traceback"]) != `["line: err boom"]` {
					t.Errorf("reply %v", rep)
				}
				e := content(ofType(x.iopub, "error")[0])
				if e["ename"] != "ScriptError" || e["evalue"] != "boom" {
					t.Errorf("error message %v", e)
				}
			},
		},
		{
			name:    "silent: no IOPub but status, no count increment",
			request: map[string]any{"code": "print hidden\nvalue 1", "silent": true},
			iopub:   []string{}, status: "ok", count: 0,
		},
		{
			name:    "store_history false keeps the count",
			request: map[string]any{"code": "value 1", "store_history": false},
			iopub:   []string{"execute_input", "execute_result"}, status: "ok", count: 0,
		},
		{
			name:    "stderr and stdout keep their order",
			request: map[string]any{"code": "print a\nstderr b\nprint c"},
			iopub:   []string{"execute_input", "stream", "stream", "stream"},
			status:  "ok", count: 1, stdout: "a\nc\n",
		},
		{
			name:    "chatty cell is coalesced",
			request: map[string]any{"code": strings.Repeat("print x\n", 200)},
			iopub:   []string{"execute_input", "stream"},
			status:  "ok", count: 1, stdout: strings.Repeat("x\n", 200),
		},
		{
			name:    "display, update, clear",
			request: map[string]any{"code": "display one d1\nupdate two d1\ndisplay three -\nclear"},
			iopub:   []string{"execute_input", "display_data", "update_display_data", "display_data", "clear_output"},
			status:  "ok", count: 1,
			check: func(t *testing.T, x exchange) {
				got := []string{}
				for _, m := range x.iopub[2:6] {
					got = append(got, asJSON(content(m)))
				}
				want := []string{
					`{"data":{"text/plain":"one"},"metadata":{},"transient":{"display_id":"d1"}}`,
					`{"data":{"text/plain":"two"},"metadata":{},"transient":{"display_id":"d1"}}`,
					`{"data":{"text/plain":"three"},"metadata":{},"transient":{}}`,
					`{"wait":true}`,
				}
				if !slices.Equal(got, want) {
					t.Errorf("got\n%v\nwant\n%v", got, want)
				}
			},
		},
		{
			name: "user_expressions",
			request: map[string]any{"code": "value 1",
				"user_expressions": map[string]any{"a": "x", "b": "bad"}},
			iopub:  []string{"execute_input", "execute_result"},
			status: "ok", count: 1,
			check: func(t *testing.T, x exchange) {
				got := asJSON(content(x.reply)["user_expressions"])
				want := `{"a":{"data":{"text/plain":"X"},"metadata":{},"status":"ok"},` +
					`"b":{"ename":"EvalError","evalue":"bad expression","status":"error","traceback":["EvalError: bad expression"]}}`
				if got != want {
					t.Errorf("user_expressions\n%s\nwant\n%s", got, want)
				}
			},
		},
		{
			name:    "a panicking interpreter is contained",
			request: map[string]any{"code": "print first\npanic"},
			iopub:   []string{"execute_input", "stream", "error"},
			status:  "error", count: 1, stdout: "first\n",
			check: func(t *testing.T, x exchange) {
				if c := content(x.reply); c["ename"] != "InterpreterPanic" || c["evalue"] != "script asked for it" {
					t.Errorf("reply %v", c)
				}
			},
		},
		{
			name:    "input refused when allow_stdin is false",
			request: map[string]any{"code": "input name?", "allow_stdin": false},
			iopub:   []string{"execute_input", "stream"}, status: "ok", count: 1,
			check: func(t *testing.T, x exchange) {
				if got := stdout(x.iopub, "stderr"); !strings.Contains(got, "allow_stdin is false") {
					t.Errorf("stderr %q", got)
				}
			},
		},
		{
			name:    "undecodable content is an error reply",
			request: map[string]any{"code": 7},
			iopub:   []string{}, status: "error", count: 0,
			check: func(t *testing.T, x exchange) {
				if c := content(x.reply); c["ename"] != "BadRequest" {
					t.Errorf("reply %v", c)
				}
			},
		},
		{
			name:    "content without code runs nothing",
			request: map[string]any{},
			iopub:   []string{"execute_input"}, status: "ok", count: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := kerneltest.Start(t, newScriptInterp())
			x := do(t, s, kerneltest.Shell, "execute_request", tt.request, false)
			if x.reply.Header.MsgType != "execute_reply" {
				t.Fatalf("reply type %s", x.reply.Header.MsgType)
			}
			rep := content(x.reply)
			if rep["status"] != tt.status || rep["execution_count"] != tt.count {
				t.Errorf("reply %v, want status %s count %v", rep, tt.status, tt.count)
			}
			inner := types(x.iopub[1 : len(x.iopub)-1])
			if !slices.Equal(inner, tt.iopub) {
				t.Errorf("IOPub %v, want busy %v idle", types(x.iopub), tt.iopub)
			}
			if got := stdout(x.iopub, "stdout"); got != tt.stdout {
				t.Errorf("stdout %q, want %q", got, tt.stdout)
			}
			if tt.check != nil {
				tt.check(t, x)
			}
		})
	}
}

func TestExecutionCountIncrements(t *testing.T) {
	s := kerneltest.Start(t, newScriptInterp())
	for i, code := range []string{"value 1", "err x", "value 3"} {
		x := do(t, s, kerneltest.Shell, "execute_request", map[string]any{"code": code}, false)
		if got := content(x.reply)["execution_count"]; got != float64(i+1) {
			t.Errorf("cell %d: execution_count %v", i+1, got)
		}
	}
}

// TestExecutionCountReachesTheInterpreter: the interpreter sees a cell's
// In [n] as its count argument, and 0 for cells that have none of their
// own (silent, or not stored in the history).
func TestExecutionCountReachesTheInterpreter(t *testing.T) {
	s := kerneltest.Start(t, newScriptInterp())
	for _, tt := range []struct {
		request map[string]any
		want    string
	}{
		{map[string]any{"code": "count"}, "count 1\n"},
		{map[string]any{"code": "count", "store_history": false}, "count 0\n"},
		{map[string]any{"code": "count"}, "count 2\n"},
	} {
		x := do(t, s, kerneltest.Shell, "execute_request", tt.request, false)
		if got := stdout(x.iopub, "stdout"); got != tt.want {
			t.Errorf("%v: interpreter saw %q, want %q", tt.request, got, tt.want)
		}
	}
}
