package kerneltest

import (
	"errors"
	"strings"
	"sync"

	"github.com/gokernel/gokernel/kernel"
)

// Recorder is a kernel.Output that keeps everything a cell sends, in
// order, for tests that call an Interpreter directly: streams, displays,
// clear_output, input requests. Set Inputs (the lines Input hands out,
// in order) or NoStdin (Input fails with kernel.ErrStdinNotAllowed, as
// for a frontend that does not allow stdin) before use. Its methods are
// safe for concurrent use.
type Recorder struct {
	Inputs  []string
	NoStdin bool

	mu      sync.Mutex
	sent    []Sent
	prompts []string
}

var _ kernel.Output = (*Recorder)(nil)

// Sent is one thing an Output was sent: Kind is "stream" (Name and
// Text), "display" or "update" (Data, Metadata, ID), or "clear" (Wait).
type Sent struct {
	Kind           string
	Name, Text     string
	Data, Metadata map[string]any
	ID             string
	Wait           bool
}

func (r *Recorder) add(s Sent) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sent = append(r.sent, s)
}

// Stream records text sent on the named stream.
func (r *Recorder) Stream(name, text string) { r.add(Sent{Kind: "stream", Name: name, Text: text}) }

// Display records a display_data (update_display_data when update is
// set).
func (r *Recorder) Display(data, metadata map[string]any, id string, update bool) {
	kind := "display"
	if update {
		kind = "update"
	}
	r.add(Sent{Kind: kind, Data: data, Metadata: metadata, ID: id})
}

// ClearOutput records a clear_output.
func (r *Recorder) ClearOutput(wait bool) { r.add(Sent{Kind: "clear", Wait: wait}) }

// errNoMoreInput is Input's error once Inputs ran out.
var errNoMoreInput = errors.New("kerneltest: no more input")

// Input records the prompt and hands out the next line of Inputs.
func (r *Recorder) Input(prompt string, password bool) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.NoStdin {
		return "", kernel.ErrStdinNotAllowed
	}
	r.prompts = append(r.prompts, prompt)
	if len(r.Inputs) == 0 {
		return "", errNoMoreInput
	}
	line := r.Inputs[0]
	r.Inputs = r.Inputs[1:]
	return line, nil
}

// Sent returns everything recorded so far, in order.
func (r *Recorder) Sent() []Sent {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Sent(nil), r.sent...)
}

// Text returns everything sent on the named stream ("stdout",
// "stderr"), joined.
func (r *Recorder) Text(name string) string {
	var b strings.Builder
	for _, s := range r.Sent() {
		if s.Kind == "stream" && s.Name == name {
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

// TextBeforeDisplay returns the streams' text sent before the first
// display.
func (r *Recorder) TextBeforeDisplay() string {
	var b strings.Builder
	for _, s := range r.Sent() {
		if s.Kind == "display" || s.Kind == "update" {
			break
		}
		b.WriteString(s.Text)
	}
	return b.String()
}

// Displays returns the data of every display and update, in order.
func (r *Recorder) Displays() []map[string]any {
	var out []map[string]any
	for _, s := range r.Sent() {
		if s.Kind == "display" || s.Kind == "update" {
			out = append(out, s.Data)
		}
	}
	return out
}

// Clears returns how many clear_output were sent.
func (r *Recorder) Clears() int {
	n := 0
	for _, s := range r.Sent() {
		if s.Kind == "clear" {
			n++
		}
	}
	return n
}

// Prompts returns the prompt of every input request that reached
// Inputs (none when NoStdin is set).
func (r *Recorder) Prompts() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.prompts...)
}
