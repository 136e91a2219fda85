package widgets

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/gokernel/gokernel/kernel"
	"github.com/gokernel/gokernel/kernel/kerneltest"
	"github.com/gokernel/gokernel/kernel/wire"
)

// funcInterp runs cells that are names of Go functions: the function runs
// and a widget it returns is the cell's value.
type funcInterp map[string]func() any

func (f funcInterp) Execute(ctx context.Context, code string, _ int, out kernel.Output) kernel.ExecuteResult {
	fn, ok := f[code]
	if !ok {
		return kernel.ExecuteResult{Err: &kernel.Error{Name: "NoSuchCell", Value: code}}
	}
	v := fn()
	if r, ok := v.(interface {
		MIMEBundle() (map[string]any, map[string]any)
	}); ok {
		data, md := r.MIMEBundle()
		return kernel.ExecuteResult{Data: data, Metadata: md}
	}
	return kernel.ExecuteResult{}
}
func (funcInterp) Evaluate(string) (map[string]any, *kernel.Error) { return nil, nil }
func (funcInterp) Complete(string, int) kernel.Completion          { return kernel.Completion{} }
func (funcInterp) Inspect(string, int, int) kernel.Inspection      { return kernel.Inspection{} }
func (funcInterp) IsComplete(string) (string, string)              { return "complete", "" }

// session is a kernel serving widgets with a fake frontend.
type session struct {
	t *testing.T
	s *kerneltest.Server
	f funcInterp
}

// start runs a kernel whose cells are cells, connected to the widgets of
// this process; the widgets of earlier tests are forgotten.
func start(t *testing.T, cells funcInterp) *session {
	t.Helper()
	for _, b := range registry.all() {
		registry.remove(b.id)
	}
	s := kerneltest.Start(t, cells)
	Serve(s.Kernel)
	t.Cleanup(func() {
		registry.mu.Lock()
		registry.k = nil
		registry.mu.Unlock()
		UseRunner(nil)
	})
	return &session{t: t, s: s, f: cells}
}

// run executes cell and returns its IOPub messages (busy to idle).
func (x *session) run(cell string) []*wire.Message {
	x.t.Helper()
	req, err := x.s.Send(kerneltest.Shell, "execute_request", map[string]any{"code": cell})
	if err != nil {
		x.t.Fatal(err)
	}
	rep, err := x.s.Reply(kerneltest.Shell, req, kerneltest.Timeout)
	if err != nil {
		x.t.Fatal(err)
	}
	if c := kerneltest.Content(rep); c["status"] != "ok" {
		x.t.Fatalf("cell %s: %v", cell, c)
	}
	msgs, err := x.s.IOPub(req, kerneltest.Timeout)
	if err != nil {
		x.t.Fatal(err)
	}
	return msgs
}

// send sends a comm message of the frontend and returns the IOPub
// messages of its handling (busy to idle).
func (x *session) send(msgType string, content map[string]any, buffers ...[]byte) []*wire.Message {
	x.t.Helper()
	msg, err := x.s.NewMessage(msgType, content)
	if err != nil {
		x.t.Fatal(err)
	}
	msg.Buffers = buffers
	if err := x.s.SendMessage(kerneltest.Shell, msg); err != nil {
		x.t.Fatal(err)
	}
	msgs, err := x.s.IOPub(msg, kerneltest.Timeout)
	if err != nil {
		x.t.Fatal(err)
	}
	return msgs
}

// update sends the frontend's update of a widget's state.
func (x *session) update(w Widget, state map[string]any) []*wire.Message {
	return x.send("comm_msg", map[string]any{"comm_id": w.ModelID(),
		"data": map[string]any{"method": "update", "state": state, "buffer_paths": []any{}}})
}

func ofType(msgs []*wire.Message, msgType string) []*wire.Message {
	var out []*wire.Message
	for _, m := range msgs {
		if m.Header.MsgType == msgType {
			out = append(out, m)
		}
	}
	return out
}

func content(m *wire.Message) map[string]any { return kerneltest.Content(m) }

// data is the data of a comm message.
func data(m *wire.Message) map[string]any {
	d, _ := content(m)["data"].(map[string]any)
	return d
}

func asJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// streams concatenates the text of the stream messages of name.
func streams(msgs []*wire.Message, name string) string {
	var s string
	for _, m := range ofType(msgs, "stream") {
		if c := content(m); c["name"] == name {
			s += c["text"].(string)
		}
	}
	return s
}
