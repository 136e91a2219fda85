package kernel_test

import (
	"testing"

	"github.com/gokernel/gokernel/kernel"

	"github.com/gokernel/gokernel/kernel/kerneltest"
)

func TestHistory(t *testing.T) {
	s := kerneltest.Start(t, newScriptInterp())
	for _, c := range []map[string]any{
		{"code": "value 1"},
		{"code": "print a"},
		{"code": "value 1"},
		{"code": "err e"},
		{"code": "value secret", "store_history": false},
		{"code": "value hidden", "silent": true},
	} {
		do(t, s, kerneltest.Shell, "execute_request", c, false)
	}
	tests := []struct {
		name    string
		request map[string]any
		want    string
	}{
		{"tail", map[string]any{"hist_access_type": "tail", "n": 2, "output": false, "raw": true},
			`[[1,3,"value 1"],[1,4,"err e"]]`},
		{"tail with output", map[string]any{"hist_access_type": "tail", "n": 2, "output": true, "raw": true},
			`[[1,3,["value 1","1"]],[1,4,["err e","ScriptError: e"]]]`},
		{"tail without n", map[string]any{"hist_access_type": "tail"},
			`[[1,1,"value 1"],[1,2,"print a"],[1,3,"value 1"],[1,4,"err e"]]`},
		{"range", map[string]any{"hist_access_type": "range", "session": 1, "start": 2, "stop": 4},
			`[[1,2,"print a"],[1,3,"value 1"]]`},
		{"range of this session as 0", map[string]any{"hist_access_type": "range", "session": 0, "start": 4},
			`[[1,4,"err e"]]`},
		{"range of an earlier session", map[string]any{"hist_access_type": "range", "session": -1, "start": 1},
			`[]`},
		{"search", map[string]any{"hist_access_type": "search", "pattern": "value*"},
			`[[1,1,"value 1"],[1,3,"value 1"]]`},
		{"search unique", map[string]any{"hist_access_type": "search", "pattern": "val?e*", "unique": true},
			`[[1,3,"value 1"]]`},
		{"search n", map[string]any{"hist_access_type": "search", "pattern": "*", "n": 1},
			`[[1,4,"err e"]]`},
		{"unknown access type", map[string]any{"hist_access_type": "sideways"}, `[]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := do(t, s, kerneltest.Shell, "history_request", tt.request, false)
			c := content(x.reply)
			if x.reply.Header.MsgType != "history_reply" || c["status"] != "ok" {
				t.Fatalf("reply %s %v", x.reply.Header.MsgType, c)
			}
			if got := asJSON(c["history"]); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// TestHistoryBounded: a long session keeps its newest cells within the
// configured budget and forgets the oldest, so memory does not grow without
// end; what is kept is still served in order with the right line numbers.
func TestHistoryBounded(t *testing.T) {
	s := kerneltest.StartConfig(t, kernel.Config{Connection: kerneltest.Loopback(), Interpreter: newScriptInterp(), HistoryBytes: 1000})
	for range 30 {
		do(t, s, kerneltest.Shell, "execute_request", map[string]any{"code": "value 1"}, false) // 8+64 bytes a cell
	}
	x := do(t, s, kerneltest.Shell, "history_request", map[string]any{"hist_access_type": "tail", "output": true}, false)
	items, _ := content(x.reply)["history"].([]any)
	if len(items) == 0 || len(items) > 1000/72 {
		t.Fatalf("kept %d cells of 72 bytes within a 1000-byte budget: %s", len(items), asJSON(items))
	}
	for i, it := range items {
		line := it.([]any)[1].(float64)
		if want := float64(30 - len(items) + 1 + i); line != want {
			t.Errorf("cell %d has line %v, want %v (the newest cells, in order)", i, line, want)
		}
	}
}
