package kernel_test

import (
	"context"

	"github.com/gokernel/gokernel/kernel"
	"slices"
	"testing"

	"github.com/gokernel/gokernel/kernel/kerneltest"
	"github.com/gokernel/gokernel/kernel/wire"
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

// commEvent is what a test target's handlers saw.
type commEvent struct {
	kind    string // open, msg, close
	data    string
	buffers int
	ctx     context.Context
}

// echoTarget registers target "echo": every comm_msg is answered with a
// comm_msg carrying {"got": data} and the buffers reversed, plus a line
// of output; every event is sent on the returned channel.
func echoTarget(k *kernel.Kernel) chan commEvent {
	events := make(chan commEvent, 16)
	k.RegisterCommTarget("echo", func(c *kernel.Comm, open kernel.CommMessage) {
		events <- commEvent{"open", asJSON(open.Data), len(open.Buffers), open.Ctx}
		c.OnMessage(func(m kernel.CommMessage) {
			bufs := slices.Clone(m.Buffers)
			slices.Reverse(bufs)
			c.Send(map[string]any{"got": m.Data}, map[string]any{"version": "1"}, bufs)
			m.Output.Stream("stdout", "handled\n")
			events <- commEvent{"msg", asJSON(m.Data), len(m.Buffers), m.Ctx}
		})
		c.OnClose(func(m kernel.CommMessage) { events <- commEvent{"close", asJSON(m.Data), 0, m.Ctx} })
	})
	return events
}

func TestCommTargetRoundTrip(t *testing.T) {
	s := kerneltest.Start(t, newScriptInterp())
	events := echoTarget(s.Kernel)

	x := do(t, s, kerneltest.Shell, "comm_open", map[string]any{"comm_id": "c1", "target_name": "echo",
		"data": map[string]any{"a": 1}}, true)
	if got := types(x.iopub); !slices.Equal(got, []string{"status:busy", "status:idle"}) {
		t.Errorf("comm_open IOPub %v", got)
	}
	if e := <-events; e.kind != "open" || e.data != `{"a":1}` {
		t.Errorf("open event %+v", e)
	}
	info := do(t, s, kerneltest.Shell, "comm_info_request", map[string]any{}, false)
	if got := asJSON(content(info.reply)); got != `{"comms":{"c1":{"target_name":"echo"}},"status":"ok"}` {
		t.Errorf("comm_info %s", got)
	}
	other := do(t, s, kerneltest.Shell, "comm_info_request", map[string]any{"target_name": "other"}, false)
	if got := asJSON(content(other.reply)["comms"]); got != `{}` {
		t.Errorf("comm_info for another target %s", got)
	}

	msg, err := s.NewMessage("comm_msg", map[string]any{"comm_id": "c1", "data": map[string]any{"b": 2}})
	if err != nil {
		t.Fatal(err)
	}
	msg.Buffers = [][]byte{[]byte("one"), {0, 1, 2}}
	if err := s.SendMessage(kerneltest.Shell, msg); err != nil {
		t.Fatal(err)
	}
	iopub, err := s.IOPub(msg, kerneltest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	if got := types(iopub); !slices.Equal(got, []string{"status:busy", "comm_msg", "stream", "status:idle"}) {
		t.Fatalf("comm_msg IOPub %v", got)
	}
	for _, m := range iopub {
		checkEnvelope(t, m, msg)
	}
	reply := iopub[1]
	if got := asJSON(content(reply)); got != `{"comm_id":"c1","data":{"got":{"b":2}}}` {
		t.Errorf("kernel's comm_msg %s", got)
	}
	if len(reply.Buffers) != 2 || string(reply.Buffers[1]) != "one" || !slices.Equal(reply.Buffers[0], []byte{0, 1, 2}) {
		t.Errorf("kernel's buffers %q", reply.Buffers)
	}
	if reply.Metadata["version"] != "1" {
		t.Errorf("kernel's comm_msg metadata %v", reply.Metadata)
	}
	if e := <-events; e.kind != "msg" || e.buffers != 2 || e.ctx == nil {
		t.Errorf("msg event %+v", e)
	}

	do(t, s, kerneltest.Shell, "comm_close", map[string]any{"comm_id": "c1", "data": map[string]any{"bye": true}}, true)
	if e := <-events; e.kind != "close" || e.data != `{"bye":true}` {
		t.Errorf("close event %+v", e)
	}
	info = do(t, s, kerneltest.Shell, "comm_info_request", map[string]any{}, false)
	if got := asJSON(content(info.reply)["comms"]); got != `{}` {
		t.Errorf("comm_info after close %s", got)
	}
	// A message to the closed comm reaches no handler.
	do(t, s, kerneltest.Shell, "comm_msg", map[string]any{"comm_id": "c1", "data": map[string]any{}}, true)
	select {
	case e := <-events:
		t.Errorf("event after close: %+v", e)
	default:
	}
}

// A comm message that arrives while a cell runs is handled at once, with
// the cell's context, and without statuses of its own.
func TestCommMessageWhileCellRuns(t *testing.T) {
	interp := newScriptInterp()
	s := kerneltest.Start(t, interp)
	events := echoTarget(s.Kernel)
	do(t, s, kerneltest.Shell, "comm_open", map[string]any{"comm_id": "c2", "target_name": "echo", "data": map[string]any{}}, true)
	<-events

	cellReq, err := s.Send(kerneltest.Shell, "execute_request", map[string]any{"code": "sleep 60s"})
	if err != nil {
		t.Fatal(err)
	}
	<-interp.started
	commReq, err := s.Send(kerneltest.Shell, "comm_msg", map[string]any{"comm_id": "c2", "data": map[string]any{"stop": true}})
	if err != nil {
		t.Fatal(err)
	}
	e := <-events
	if e.kind != "msg" || e.data != `{"stop":true}` {
		t.Fatalf("event %+v", e)
	}
	// The handler got the running cell's context: interrupting cancels it.
	if _, err := s.Send(kerneltest.Control, "interrupt_request", map[string]any{}); err != nil {
		t.Fatal(err)
	}
	<-e.ctx.Done()
	reply, err := s.Reply(kerneltest.Shell, cellReq, kerneltest.Timeout)
	if err != nil || content(reply)["status"] != "error" {
		t.Fatalf("cell reply %v %v", err, reply)
	}
	// The comm message's own IOPub: the handler's output and no status;
	// its comm_msg has the request being served, the cell, as parent.
	var ofComm []*wire.Message
	for idle := false; !idle || len(ofComm) == 0; {
		m, err := s.NextIOPub(kerneltest.Timeout)
		if err != nil {
			t.Fatal(err)
		}
		if kerneltest.ParentID(m) == commReq.Header.MsgID {
			ofComm = append(ofComm, m)
		}
		if kerneltest.ParentID(m) == cellReq.Header.MsgID && kerneltest.State(m) == "idle" {
			idle = true
		}
	}
	if got := types(ofComm); !slices.Equal(got, []string{"stream"}) {
		t.Errorf("IOPub of the comm message %v", got)
	}
}

// The kernel opens a comm from a running cell: comm_open on IOPub with
// the execute request as parent, then comm_msg and comm_close.
func TestKernelOpensComm(t *testing.T) {
	interp := newScriptInterp()
	s := kerneltest.Start(t, interp)
	var c *kernel.Comm
	interp.calls = map[string]func(){
		"open": func() {
			c = s.Kernel.OpenComm("jupyter.test", map[string]any{"x": 1}, map[string]any{"version": "2"}, [][]byte{[]byte("b")})
			c.Send(map[string]any{"y": 2}, nil, nil)
		},
		"close": func() { c.Close(nil) },
	}
	x := do(t, s, kerneltest.Shell, "execute_request", map[string]any{"code": "call open"}, false)
	if got := types(x.iopub); !slices.Equal(got, []string{"status:busy", "execute_input", "comm_open", "comm_msg", "status:idle"}) {
		t.Fatalf("IOPub %v", got)
	}
	open := x.iopub[2]
	want := `{"comm_id":"` + c.ID + `","data":{"x":1},"target_name":"jupyter.test"}`
	if got := asJSON(content(open)); got != want {
		t.Errorf("comm_open %s, want %s", got, want)
	}
	if open.Metadata["version"] != "2" || len(open.Buffers) != 1 {
		t.Errorf("comm_open metadata %v buffers %q", open.Metadata, open.Buffers)
	}
	info := do(t, s, kerneltest.Shell, "comm_info_request", map[string]any{"target_name": "jupyter.test"}, false)
	if got := asJSON(content(info.reply)["comms"]); got != `{"`+c.ID+`":{"target_name":"jupyter.test"}}` {
		t.Errorf("comm_info %s", got)
	}
	x = do(t, s, kerneltest.Shell, "execute_request", map[string]any{"code": "call close\ncall close"}, false)
	if got := types(x.iopub); !slices.Equal(got, []string{"status:busy", "execute_input", "comm_close", "status:idle"}) {
		t.Fatalf("IOPub after close %v", got)
	}
	info = do(t, s, kerneltest.Shell, "comm_info_request", map[string]any{}, false)
	if got := asJSON(content(info.reply)["comms"]); got != `{}` {
		t.Errorf("comm_info after close %s", got)
	}
}
