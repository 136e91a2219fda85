package kernel_test

import (
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel/kerneltest"
)

func TestShutdown(t *testing.T) {
	for _, tt := range []struct {
		name    string
		ch      kerneltest.Channel
		restart bool
	}{
		{"control", kerneltest.Control, false},
		{"control restart", kerneltest.Control, true},
		{"shell", kerneltest.Shell, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := kerneltest.Start(t, newScriptInterp())
			x := do(t, s, tt.ch, "shutdown_request", map[string]any{"restart": tt.restart}, false)
			want := asJSON(map[string]any{"status": "ok", "restart": tt.restart})
			if x.reply.Header.MsgType != "shutdown_reply" || asJSON(content(x.reply)) != want {
				t.Errorf("reply %s %s", x.reply.Header.MsgType, x.reply.Content)
			}
			published := ofType(x.iopub, "shutdown_reply")
			if len(published) != 1 || asJSON(content(published[0])) != want {
				t.Errorf("IOPub %v", types(x.iopub))
			}
			if !s.WaitDone(2 * time.Second) {
				t.Fatal("kernel still running after shutdown_request")
			}
		})
	}
}

func TestShutdownInterruptsRunningCell(t *testing.T) {
	interp := newScriptInterp()
	s := kerneltest.Start(t, interp)
	startSleeping(t, s, interp, "1h")
	do(t, s, kerneltest.Control, "shutdown_request", map[string]any{"restart": false}, false)
	if !s.WaitDone(2 * time.Second) {
		t.Fatal("kernel still running")
	}
}
