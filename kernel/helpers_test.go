package kernel_test

import (
	"encoding/json"
	"github.com/gokernel/gokernel/kernel"
	"github.com/gokernel/gokernel/kernel/transport"
	"regexp"
	"testing"

	"github.com/gokernel/gokernel/kernel/kerneltest"
	"github.com/gokernel/gokernel/kernel/wire"
)

// exchange is one request with everything the kernel sent for it.
type exchange struct {
	request *wire.Message
	reply   *wire.Message // nil for messages without a reply
	iopub   []*wire.Message
}

// do sends a request on ch and collects its reply (unless noReply) and
// its IOPub messages from busy to idle, checking the envelope rules every
// message must follow.
func do(t *testing.T, s *kerneltest.Server, ch kerneltest.Channel, msgType string, content any, noReply bool) exchange {
	t.Helper()
	req, err := s.Send(ch, msgType, content)
	if err != nil {
		t.Fatal(err)
	}
	x := exchange{request: req}
	if !noReply {
		if x.reply, err = s.Reply(ch, req, kerneltest.Timeout); err != nil {
			t.Fatalf("%s: no reply: %v", msgType, err)
		}
		checkEnvelope(t, x.reply, req)
	}
	if x.iopub, err = s.IOPub(req, kerneltest.Timeout); err != nil {
		t.Fatalf("%s: %v", msgType, err)
	}
	if len(x.iopub) < 2 || x.iopub[0].Header.MsgType != "status" || kerneltest.State(x.iopub[0]) != "busy" {
		t.Fatalf("%s: IOPub does not start with status busy: %v", msgType, types(x.iopub))
	}
	for _, m := range x.iopub {
		checkEnvelope(t, m, req)
	}
	return x
}

var (
	uuidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	dateRE = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$`)
	seenID = map[string]bool{}
)

// checkEnvelope checks a kernel message: fresh uuid msg_id, ISO 8601
// date, version, and the request's header as parent_header.
func checkEnvelope(t *testing.T, m, req *wire.Message) {
	t.Helper()
	if m.Header.MsgType == "kerneltest_bad_message" {
		t.Fatalf("kernel sent an undecodable message: %s", m.Content)
	}
	if !uuidRE.MatchString(m.Header.MsgID) || seenID[m.Header.MsgID] {
		t.Errorf("%s: msg_id %q not a fresh uuid", m.Header.MsgType, m.Header.MsgID)
	}
	seenID[m.Header.MsgID] = true
	if !dateRE.MatchString(m.Header.Date) {
		t.Errorf("%s: date %q not ISO 8601", m.Header.MsgType, m.Header.Date)
	}
	if m.Header.Version != wire.ProtocolVersion || m.Header.Session == "" {
		t.Errorf("%s: header %+v", m.Header.MsgType, m.Header)
	}
	var parent wire.Header
	if err := json.Unmarshal(m.ParentHeader, &parent); err != nil || parent != req.Header {
		t.Errorf("%s: parent_header %s, want the request's header", m.Header.MsgType, m.ParentHeader)
	}
}

// types lists the msg_types of msgs.
func types(msgs []*wire.Message) []string {
	out := make([]string, len(msgs))
	for i, m := range msgs {
		out[i] = m.Header.MsgType
		if m.Header.MsgType == "status" {
			out[i] += ":" + kerneltest.State(m)
		}
	}
	return out
}

// content decodes a message's content.
func content(m *wire.Message) map[string]any { return kerneltest.Content(m) }

// ofType returns the messages of msgType.
func ofType(msgs []*wire.Message, msgType string) []*wire.Message {
	var out []*wire.Message
	for _, m := range msgs {
		if m.Header.MsgType == msgType {
			out = append(out, m)
		}
	}
	return out
}

// stdout concatenates the stdout stream text of msgs.
func stdout(msgs []*wire.Message, name string) string {
	var s string
	for _, m := range ofType(msgs, "stream") {
		if c := content(m); c["name"] == name {
			s += c["text"].(string)
		}
	}
	return s
}

// asJSON renders v for comparisons and messages.
func asJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// kernelConfig is a configuration with the test interpreter.
func kernelConfig(info transport.ConnectionInfo) kernel.Config {
	return kernel.Config{Connection: info, Interpreter: newScriptInterp()}
}
