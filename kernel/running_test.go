package kernel_test

import (
	"strings"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel/kerneltest"
	"github.com/gokernel/gokernel/kernel/wire"
)

// startSleeping starts a cell that sleeps for d and waits until it runs.
func startSleeping(t *testing.T, s *kerneltest.Server, interp *scriptInterp, d string) *wire.Message {
	t.Helper()
	req, err := s.Send(kerneltest.Shell, "execute_request", map[string]any{"code": "print start\nsleep " + d + "\nvalue done"})
	if err != nil {
		t.Fatal(err)
	}
	select {
	case <-interp.started:
	case <-time.After(kerneltest.Timeout):
		t.Fatal("cell did not start")
	}
	return req
}

func TestInterruptRequestStopsRunningCell(t *testing.T) {
	interp := newScriptInterp()
	s := kerneltest.Start(t, interp)
	req := startSleeping(t, s, interp, "1h")
	x := do(t, s, kerneltest.Control, "interrupt_request", map[string]any{}, false)
	if c := content(x.reply); x.reply.Header.MsgType != "interrupt_reply" || c["status"] != "ok" {
		t.Fatalf("interrupt reply %s %v", x.reply.Header.MsgType, c)
	}
	rep, err := s.Reply(kerneltest.Shell, req, kerneltest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	if c := content(rep); c["status"] != "error" || c["ename"] != "Interrupted" {
		t.Errorf("execute reply after interrupt: %v", c)
	}
	// The kernel goes on.
	x = do(t, s, kerneltest.Shell, "execute_request", map[string]any{"code": "value after"}, false)
	if content(x.reply)["status"] != "ok" || content(x.reply)["execution_count"] != 2.0 {
		t.Errorf("next cell: %v", content(x.reply))
	}
}

func TestInterruptMethodStopsRunningCell(t *testing.T) {
	interp := newScriptInterp()
	s := kerneltest.Start(t, interp)
	req := startSleeping(t, s, interp, "1h")
	s.Kernel.Interrupt() // what the trapped SIGINT does
	rep, err := s.Reply(kerneltest.Shell, req, kerneltest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	if c := content(rep); c["ename"] != "Interrupted" {
		t.Errorf("reply %v", c)
	}
}

func TestHeartbeatAndControlWhileCellRuns(t *testing.T) {
	interp := newScriptInterp()
	s := kerneltest.Start(t, interp)
	req := startSleeping(t, s, interp, "1h")
	began := time.Now()
	for range 3 {
		if err := s.Ping(time.Second); err != nil {
			t.Fatalf("heartbeat while running: %v", err)
		}
	}
	x := do(t, s, kerneltest.Control, "kernel_info_request", map[string]any{}, false)
	if content(x.reply)["implementation"] != "gokernel" {
		t.Errorf("kernel_info on control: %v", content(x.reply))
	}
	if took := time.Since(began); took > 2*time.Second {
		t.Errorf("control and heartbeat waited for the cell: %v", took)
	}
	s.Kernel.Interrupt()
	if _, err := s.Reply(kerneltest.Shell, req, kerneltest.Timeout); err != nil {
		t.Fatal(err)
	}
}

func TestStreamIsFlushedWhileCellRuns(t *testing.T) {
	s := kerneltest.Start(t, newScriptInterp())
	req, err := s.Send(kerneltest.Shell, "execute_request", map[string]any{"code": "tick 4 150ms"})
	if err != nil {
		t.Fatal(err)
	}
	// Each tick must arrive on its own, while the cell still runs.
	for i := range 4 {
		m, err := s.NextIOPub(kerneltest.Timeout)
		for err == nil && m.Header.MsgType != "stream" {
			if m.Header.MsgType == "status" && kerneltest.State(m) == "idle" {
				t.Fatalf("idle before tick %d", i)
			}
			m, err = s.NextIOPub(kerneltest.Timeout)
		}
		if err != nil {
			t.Fatal(err)
		}
		if got := content(m)["text"]; got != "tick "+string(rune('0'+i))+"\n" {
			t.Errorf("stream %d: %q", i, got)
		}
	}
	if _, err := s.Reply(kerneltest.Shell, req, kerneltest.Timeout); err != nil {
		t.Fatal(err)
	}
}

func TestStopOnErrorAbortsQueuedExecutes(t *testing.T) {
	interp := newScriptInterp()
	s := kerneltest.Start(t, interp)
	first, err := s.Send(kerneltest.Shell, "execute_request", map[string]any{"code": "sleep 300ms\nerr stop"})
	if err != nil {
		t.Fatal(err)
	}
	<-interp.started
	var queued []*wire.Message
	for _, code := range []string{"value 2", "value 3"} {
		m, err := s.Send(kerneltest.Shell, "execute_request", map[string]any{"code": code})
		if err != nil {
			t.Fatal(err)
		}
		queued = append(queued, m)
	}
	info, _ := s.Send(kerneltest.Shell, "kernel_info_request", map[string]any{})
	if rep, err := s.Reply(kerneltest.Shell, first, kerneltest.Timeout); err != nil || content(rep)["status"] != "error" {
		t.Fatalf("first: %v %v", err, rep)
	}
	for _, q := range queued {
		rep, err := s.Reply(kerneltest.Shell, q, kerneltest.Timeout)
		if err != nil {
			t.Fatal(err)
		}
		if c := content(rep); c["status"] != "aborted" || c["execution_count"] != 1.0 {
			t.Errorf("queued execute: %v", c)
		}
		msgs, err := s.IOPub(q, kerneltest.Timeout)
		if err != nil || strings.Join(types(msgs), ",") != "status:busy,status:idle" {
			t.Errorf("aborted execute IOPub %v %v", types(msgs), err)
		}
	}
	// Other requests are still served, and later executes run.
	if rep, err := s.Reply(kerneltest.Shell, info, kerneltest.Timeout); err != nil || rep.Header.MsgType != "kernel_info_reply" {
		t.Errorf("queued kernel_info: %v", err)
	}
	x := do(t, s, kerneltest.Shell, "execute_request", map[string]any{"code": "value 4"}, false)
	if c := content(x.reply); c["status"] != "ok" || c["execution_count"] != 2.0 {
		t.Errorf("after abort: %v", c)
	}
}

func TestStopOnErrorFalseRunsQueuedExecutes(t *testing.T) {
	interp := newScriptInterp()
	s := kerneltest.Start(t, interp)
	first, _ := s.Send(kerneltest.Shell, "execute_request", map[string]any{"code": "sleep 200ms\nerr stop", "stop_on_error": false})
	<-interp.started
	next, _ := s.Send(kerneltest.Shell, "execute_request", map[string]any{"code": "value 2"})
	if _, err := s.Reply(kerneltest.Shell, first, kerneltest.Timeout); err != nil {
		t.Fatal(err)
	}
	rep, err := s.Reply(kerneltest.Shell, next, kerneltest.Timeout)
	if err != nil || content(rep)["status"] != "ok" {
		t.Errorf("queued execute after stop_on_error=false: %v %v", err, rep)
	}
}

func TestInputRequest(t *testing.T) {
	s := kerneltest.Start(t, newScriptInterp())
	req, err := s.Send(kerneltest.Shell, "execute_request", map[string]any{"code": "print before\ninput name?", "allow_stdin": true})
	if err != nil {
		t.Fatal(err)
	}
	ask, err := s.Reply(kerneltest.Stdin, req, kerneltest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	checkEnvelope(t, ask, req)
	if ask.Header.MsgType != "input_request" || asJSON(content(ask)) != `{"password":false,"prompt":"name?"}` {
		t.Fatalf("input_request %s %s", ask.Header.MsgType, ask.Content)
	}
	answer, _ := s.NewMessage("input_reply", map[string]any{"value": "gopher"})
	answer.ParentHeader = ask.RawHeader
	if err := s.SendMessage(kerneltest.Stdin, answer); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Reply(kerneltest.Shell, req, kerneltest.Timeout); err != nil {
		t.Fatal(err)
	}
	msgs, err := s.IOPub(req, kerneltest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	if got := stdout(msgs, "stdout"); got != "before\ngot: gopher\n" {
		t.Errorf("stdout %q", got)
	}
}

func TestInputInterrupted(t *testing.T) {
	s := kerneltest.Start(t, newScriptInterp())
	req, _ := s.Send(kerneltest.Shell, "execute_request", map[string]any{"code": "input ?"})
	if _, err := s.Reply(kerneltest.Stdin, req, kerneltest.Timeout); err != nil {
		t.Fatal(err)
	}
	do(t, s, kerneltest.Control, "interrupt_request", map[string]any{}, false)
	if _, err := s.Reply(kerneltest.Shell, req, kerneltest.Timeout); err != nil {
		t.Fatal(err)
	}
	msgs, _ := s.IOPub(req, kerneltest.Timeout)
	if got := stdout(msgs, "stderr"); !strings.Contains(got, "context canceled") {
		t.Errorf("stderr %q", got)
	}
}
