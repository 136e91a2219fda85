package kernel_test

import (
	"slices"
	"testing"

	"github.com/gokernel/gokernel/kernel/kerneltest"
)

func TestComms(t *testing.T) {
	tests := []struct {
		msgType string
		content map[string]any
		reply   string // expected reply content, "" for none
		iopub   []string
		check   func(t *testing.T, x exchange)
	}{
		{"comm_info_request", map[string]any{}, `{"comms":{},"status":"ok"}`, nil, nil},
		{"comm_info_request", map[string]any{"target_name": "jupyter.widget"}, `{"comms":{},"status":"ok"}`, nil, nil},
		{"comm_open", map[string]any{"comm_id": "c1", "target_name": "nobody", "data": map[string]any{}}, "",
			[]string{"comm_close"}, func(t *testing.T, x exchange) {
				if got := asJSON(content(x.iopub[1])); got != `{"comm_id":"c1","data":{}}` {
					t.Errorf("comm_close %s", got)
				}
			}},
		{"comm_msg", map[string]any{"comm_id": "c1", "data": map[string]any{"x": 1}}, "", nil, nil},
		{"comm_close", map[string]any{"comm_id": "c1", "data": map[string]any{}}, "", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.msgType, func(t *testing.T) {
			s := kerneltest.Start(t, newScriptInterp())
			x := do(t, s, kerneltest.Shell, tt.msgType, tt.content, tt.reply == "")
			if tt.reply != "" {
				if got := asJSON(content(x.reply)); got != tt.reply || x.reply.Header.MsgType != "comm_info_reply" {
					t.Errorf("reply %s %s", x.reply.Header.MsgType, got)
				}
			}
			want := append([]string{"status:busy"}, tt.iopub...)
			want = append(want, "status:idle")
			if got := types(x.iopub); !slices.Equal(got, want) {
				t.Errorf("IOPub %v, want %v", got, want)
			}
			if tt.check != nil {
				tt.check(t, x)
			}
			// No reply was sent for comm messages: the next reply on shell
			// belongs to the next request.
			y := do(t, s, kerneltest.Shell, "kernel_info_request", map[string]any{}, false)
			if y.reply.Header.MsgType != "kernel_info_reply" {
				t.Errorf("stray reply %s", y.reply.Header.MsgType)
			}
		})
	}
}
