package engine

import (
	"strings"
	"testing"

	"github.com/gokernel/gokernel/kernel/kerneltest"
)

// TestInputPromptThroughKernel: through a real kernel and its ZeroMQ
// sockets, what a cell prints before reading standard input arrives as the
// input_request's prompt, and not as a stream.
func TestInputPromptThroughKernel(t *testing.T) {
	s := kerneltest.Start(t, newEngine(t))
	code := "import \"fmt\"\nfmt.Println(\"Welcome\")\nfmt.Print(\"Name: \")\nvar name string\nfmt.Scanln(&name)\nfmt.Println(\"hi\", name)"
	req, err := s.Send(kerneltest.Shell, "execute_request", map[string]any{"code": code, "allow_stdin": true})
	if err != nil {
		t.Fatal(err)
	}
	ask, err := s.Reply(kerneltest.Stdin, req, kerneltest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	if ask.Header.MsgType != "input_request" || kerneltest.Content(ask)["prompt"] != "Name: " {
		t.Fatalf("got %s %s, want an input_request with prompt \"Name: \"", ask.Header.MsgType, ask.Content)
	}
	answer, err := s.NewMessage("input_reply", map[string]any{"value": "Bob"})
	if err != nil {
		t.Fatal(err)
	}
	answer.ParentHeader = ask.RawHeader
	if err := s.SendMessage(kerneltest.Stdin, answer); err != nil {
		t.Fatal(err)
	}
	if rep, err := s.Reply(kerneltest.Shell, req, kerneltest.Timeout); err != nil || kerneltest.Content(rep)["status"] != "ok" {
		t.Fatalf("execute_reply %v %v", rep, err)
	}
	msgs, err := s.IOPub(req, kerneltest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	for _, m := range msgs {
		if c := kerneltest.Content(m); m.Header.MsgType == "stream" && c["name"] == "stdout" {
			out.WriteString(c["text"].(string))
		}
	}
	if got := out.String(); got != "Welcome\nhi Bob\n" {
		t.Errorf("stdout %q, want \"Welcome\\nhi Bob\\n\" (the prompt is not a stream)", got)
	}
}
