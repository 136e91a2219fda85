package widgets

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"sync"

	"github.com/gokernel/gokernel/cell"
	"github.com/gokernel/gokernel/display"
	"github.com/gokernel/gokernel/kernel"
)

// Output is an output area of its own (OutputModel of
// @jupyter-widgets/output 1.0.0): text and rich output appended to it
// show there instead of in the cell. Run sends everything a function
// prints and displays there; SetOutput on another widget sends its
// callbacks' output there.
type Output struct {
	*Base
	mu        sync.Mutex
	clearNext bool // a ClearOutput(wait) is pending
}

// NewOutput makes an empty output area.
func NewOutput() *Output {
	w := &Output{}
	w.Base = newBase(w, spec{model: "OutputModel", view: "OutputView", module: outputModule, viewModule: outputModule,
		version: outputVersion, viewVerson: outputVersion, traits: domTraits(map[string]trait{
			"msg_id":  {kString, ""},
			"outputs": {kAny, []any{}},
		})}, withLayout(nil, ""))
	return w
}

// Outputs returns the outputs shown, in the notebook format (maps with
// "output_type" "stream" or "display_data").
func (w *Output) Outputs() []any {
	v, _ := w.Get("outputs").([]any)
	return v
}

// Clear removes all outputs.
func (w *Output) Clear() {
	w.mu.Lock()
	w.clearNext = false
	w.mu.Unlock()
	w.set("outputs", []any{})
}

// Println appends a line of text, formatted as fmt.Println does.
func (w *Output) Println(a ...any) { w.stream("stdout", fmt.Sprintln(a...)) }

// Printf appends text formatted as fmt.Printf does.
func (w *Output) Printf(format string, a ...any) { w.stream("stdout", fmt.Sprintf(format, a...)) }

// Display appends the rich display of v (anything display.Show shows). It
// fails for a value without a rich display or one that carries an error.
func (w *Output) Display(v any) error {
	data, metadata, ok := display.MIMEBundle(v)
	if !ok {
		return fmt.Errorf("widgets: Output.Display: %T has no rich display (use Println)", v)
	}
	if r, ok := v.(interface{ Err() error }); ok && r.Err() != nil {
		return fmt.Errorf("widgets: Output.Display: %w", r.Err())
	}
	w.appendOutput(map[string]any{"output_type": "display_data", "data": data, "metadata": orEmpty(metadata)})
	return nil
}

// Run calls f with what it prints (fmt.Println included) and displays
// going to the output area rather than to the cell.
func (w *Output) Run(f func()) {
	run(cell.Context(), w.sink(), f)
}

func (w *Output) stream(name, text string) {
	if text == "" {
		return
	}
	w.mu.Lock()
	clear := w.clearNext
	w.clearNext = false
	w.mu.Unlock()
	outs := []any{}
	if !clear {
		outs = append(outs, w.Outputs()...)
	}
	if n := len(outs); n > 0 {
		if last, ok := outs[n-1].(map[string]any); ok && last["output_type"] == "stream" && last["name"] == name {
			merged := maps.Clone(last)
			merged["text"] = last["text"].(string) + text
			outs[n-1] = merged
			w.set("outputs", outs)
			return
		}
	}
	w.set("outputs", append(outs, map[string]any{"output_type": "stream", "name": name, "text": text}))
}

func (w *Output) appendOutput(o map[string]any) {
	w.mu.Lock()
	clear := w.clearNext
	w.clearNext = false
	w.mu.Unlock()
	outs := []any{}
	if !clear {
		outs = append(outs, w.Outputs()...)
	}
	w.set("outputs", append(outs, o))
}

// sink is the Output as a kernel.Output, for captured output.
func (w *Output) sink() kernel.Output { return outputSink{w} }

type outputSink struct{ w *Output }

func (s outputSink) Stream(name, text string) { s.w.stream(name, text) }

func (s outputSink) Display(data, metadata map[string]any, id string, update bool) {
	s.w.appendOutput(map[string]any{"output_type": "display_data", "data": data, "metadata": orEmpty(metadata)})
}

func (s outputSink) ClearOutput(wait bool) {
	if wait {
		s.w.mu.Lock()
		s.w.clearNext = true
		s.w.mu.Unlock()
		return
	}
	s.w.Clear()
}

func (s outputSink) Input(string, bool) (string, error) {
	return "", errors.New("widgets: an Output widget cannot read input")
}

func orEmpty(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

// runner runs callbacks with their output captured (the kernel's, or the
// engine's without a kernel); nil calls them directly.
var runner struct {
	sync.Mutex
	r kernel.CallbackRunner
}

// UseRunner makes r capture the output of Output.Run and of callbacks when
// no kernel is connected (gokernel run passes its engine). Serve sets the
// kernel's.
func UseRunner(r kernel.CallbackRunner) {
	runner.Lock()
	runner.r = r
	runner.Unlock()
}

func run(ctx context.Context, out kernel.Output, f func()) {
	runner.Lock()
	r := runner.r
	runner.Unlock()
	if r == nil {
		f()
		return
	}
	r.RunCallback(ctx, out, f)
}
