package engine

import (
	"strings"
	"testing"

	"github.com/gokernel/gokernel/kernel/kerneltest"
	"github.com/gokernel/gokernel/kernel/wire"
)

// TestInterruptIsFinal: through a real kernel, an interrupt stops the cell
// where it is; no statement after the one running runs, whether the cell
// waits in time.Sleep, in a channel receive, in a loop or in a compiled
// call that honours cell.Context. The test interrupts once the cell has
// said on stdout that it is inside the wait.
func TestInterruptIsFinal(t *testing.T) {
	e := newEngine(t)
	useTestPackage(t, e)
	s := kerneltest.Start(t, e)
	setup := "import \"fmt\"\nimport \"time\"\nimport \"example.com/loud\"\nnAfter := 0"
	if rep, _ := executeThrough(t, s, setup); rep["status"] != "ok" {
		t.Fatalf("setup: %v", rep)
	}
	for _, tt := range []struct{ name, wait, at string }{
		{"sleep", "time.Sleep(time.Hour)", "cell:2:1"},
		{"channel wait", "ch := make(chan int)\n<-ch", "cell:3:1"},
		{"loop", "for {\n}", "cell:2:1"},
		{"compiled call", "loud.Wait()", "cell:2:1"},
		{"sleep in a function", "func nap() {\n\ttime.Sleep(time.Hour)\n}\nnap()", "cell:5:1"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code := "fmt.Println(\"inside\")\n" + tt.wait + "\nnAfter++\nfmt.Println(\"after\")"
			req, err := s.Send(kerneltest.Shell, "execute_request", map[string]any{"code": code})
			if err != nil {
				t.Fatal(err)
			}
			var stdout strings.Builder
			for !strings.Contains(stdout.String(), "inside") {
				m, err := s.NextIOPub(kerneltest.Timeout)
				if err != nil {
					t.Fatalf("waiting for \"inside\": %v", err)
				}
				if c := kerneltest.Content(m); m.Header.MsgType == "stream" && kerneltest.ParentID(m) == req.Header.MsgID {
					stdout.WriteString(c["text"].(string))
				}
			}
			if _, err := s.Send(kerneltest.Control, "interrupt_request", map[string]any{}); err != nil {
				t.Fatal(err)
			}
			rep, err := s.Reply(kerneltest.Shell, req, kerneltest.Timeout)
			if err != nil {
				t.Fatal(err)
			}
			c := kerneltest.Content(rep)
			if c["status"] != "error" || c["ename"] != kindInterrupted.String() {
				t.Fatalf("reply %v, want Interrupted", c)
			}
			if want := "execution interrupted at " + tt.at; c["evalue"] != want {
				t.Errorf("evalue %q, want %q", c["evalue"], want)
			}
			msgs, err := s.IOPub(req, kerneltest.Timeout)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range msgs {
				if c := kerneltest.Content(m); m.Header.MsgType == "stream" && strings.Contains(c["text"].(string), "after") {
					t.Errorf("the cell printed %q after the interrupt", c["text"])
				}
			}
			after, msgs := executeThrough(t, s, "nAfter")
			if after["status"] != "ok" || resultText(msgs) != "0" {
				t.Errorf("nAfter = %q (%v), want 0: the statement after the interrupted one ran", resultText(msgs), after)
			}
		})
	}
}

// resultText is the text/plain of the execute_result among msgs.
func resultText(msgs []*wire.Message) string {
	for _, m := range msgs {
		if m.Header.MsgType == "execute_result" {
			s, _ := kerneltest.Content(m)["data"].(map[string]any)["text/plain"].(string)
			return s
		}
	}
	return ""
}
