package kernel_test

import (
	"testing"

	"github.com/gokernel/gokernel/kernel/kerneltest"
)

func TestComplete(t *testing.T) {
	tests := []struct {
		name    string
		request map[string]any
		want    string
	}{
		{"prefix", map[string]any{"code": "x pri", "cursor_pos": 5},
			`{"cursor_end":5,"cursor_start":2,"matches":["print","println","printf"],"metadata":{},"status":"ok"}`},
		{"cursor in code points", map[string]any{"code": "héllo pri", "cursor_pos": 9},
			`{"cursor_end":9,"cursor_start":6,"matches":["print","println","printf"],"metadata":{},"status":"ok"}`},
		{"no match", map[string]any{"code": "zzz", "cursor_pos": 3},
			`{"cursor_end":3,"cursor_start":3,"matches":[],"metadata":{},"status":"ok"}`},
		{"cursor past the end is clamped", map[string]any{"code": "va", "cursor_pos": 99},
			`{"cursor_end":2,"cursor_start":0,"matches":["value"],"metadata":{},"status":"ok"}`},
		{"no cursor means the end", map[string]any{"code": "sle"},
			`{"cursor_end":3,"cursor_start":0,"matches":["sleep"],"metadata":{},"status":"ok"}`},
		{"panicking interpreter", map[string]any{"code": "panic", "cursor_pos": 5},
			`{"ename":"InternalError","evalue":"completion exploded","status":"error","traceback":[]}`},
		{"bad content", map[string]any{"code": 7},
			`{"ename":"BadRequest","evalue":"json: cannot unmarshal number into Go struct field .code of type string","status":"error","traceback":[]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := kerneltest.Start(t, newScriptInterp())
			x := do(t, s, kerneltest.Shell, "complete_request", tt.request, false)
			if x.reply.Header.MsgType != "complete_reply" {
				t.Fatalf("reply %s", x.reply.Header.MsgType)
			}
			if got := asJSON(content(x.reply)); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
			alive(t, s)
		})
	}
}

func TestInspect(t *testing.T) {
	tests := []struct {
		name    string
		request map[string]any
		want    string
	}{
		{"found", map[string]any{"code": "x printf y", "cursor_pos": 4, "detail_level": 1},
			`{"data":{"text/plain":"printf (detail 1)"},"found":true,"metadata":{},"status":"ok"}`},
		{"not found", map[string]any{"code": "nothing", "cursor_pos": 2},
			`{"data":{},"found":false,"metadata":{},"status":"ok"}`},
		{"cursor after a multibyte rune", map[string]any{"code": "é value", "cursor_pos": 4},
			`{"data":{"text/plain":"value (detail 0)"},"found":true,"metadata":{},"status":"ok"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := kerneltest.Start(t, newScriptInterp())
			x := do(t, s, kerneltest.Shell, "inspect_request", tt.request, false)
			if x.reply.Header.MsgType != "inspect_reply" {
				t.Fatalf("reply %s", x.reply.Header.MsgType)
			}
			if got := asJSON(content(x.reply)); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestIsComplete(t *testing.T) {
	tests := []struct {
		code any
		want string
	}{
		{"print x", `{"status":"complete"}`},
		{"for {", `{"indent":"    ","status":"incomplete"}`},
		{"}}", `{"status":"invalid"}`},
		{42, `{"status":"unknown"}`},
	}
	for _, tt := range tests {
		t.Run(asJSON(tt.code), func(t *testing.T) {
			s := kerneltest.Start(t, newScriptInterp())
			x := do(t, s, kerneltest.Shell, "is_complete_request", map[string]any{"code": tt.code}, false)
			if x.reply.Header.MsgType != "is_complete_reply" {
				t.Fatalf("reply %s", x.reply.Header.MsgType)
			}
			if got := asJSON(content(x.reply)); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}
