package notebook

import (
	"errors"
	"sync"
)

// errNoInput is what a cell asking for input gets: a headless run has no
// one to answer.
var errNoInput = errors.New("input is not available when a notebook runs headless")

// recorder turns what running cells send into the nbformat outputs of the
// notebook's cells, the way a Jupyter frontend does: consecutive text on
// the same stream is merged, update_display_data replaces every earlier
// output carrying the display id (in any cell) in place, and clear_output
// empties the sending cell's outputs, at once or, with wait, when its next
// output arrives. Each cell sends through its own cellOutput, so output
// that a cell's goroutines produce after the cell has ended still lands in
// that cell, as in Jupyter.
type recorder struct {
	mu       sync.Mutex
	stopped  bool
	displays map[string][]outputRef
}

// outputRef locates one output; cells do not move during a run and
// outputs are only appended or cleared, so the reference stays valid until
// its cell is cleared.
type outputRef struct {
	cell  *Cell
	index int
}

// cellOutput is the kernel.Output of one cell.
type cellOutput struct {
	r         *recorder
	cell      *Cell
	clearNext bool
}

func newRecorder() *recorder {
	return &recorder{displays: map[string][]outputRef{}}
}

// start clears c's old outputs and returns the Output c runs with.
func (r *recorder) start(c *Cell) *cellOutput {
	r.mu.Lock()
	defer r.mu.Unlock()
	o := &cellOutput{r: r, cell: c}
	o.clear()
	return o
}

// stop ends recording: output sent after the run (by a goroutine a cell
// left running) is dropped instead of racing with the writing of the
// notebook.
func (r *recorder) stop() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.stopped = true
}

// Stream implements kernel.Output.
func (o *cellOutput) Stream(name, text string) {
	o.r.mu.Lock()
	defer o.r.mu.Unlock()
	if o.r.stopped || text == "" {
		return
	}
	o.pendingClear()
	outs := o.cell.Outputs
	if n := len(outs); n > 0 && outs[n-1].Type == Stream && outs[n-1].Name == name {
		outs[n-1].Text += text
		return
	}
	o.cell.Outputs = append(outs, Output{Type: Stream, Name: name, Text: text})
}

// Display implements kernel.Output.
func (o *cellOutput) Display(data, metadata map[string]any, id string, update bool) {
	o.r.mu.Lock()
	defer o.r.mu.Unlock()
	if o.r.stopped {
		return
	}
	if update {
		// Like Jupyter, an update of an unknown display id is dropped.
		for _, ref := range o.r.displays[id] {
			out := &ref.cell.Outputs[ref.index]
			out.Data, out.Metadata = data, orEmpty(metadata)
		}
		return
	}
	o.pendingClear()
	o.cell.Outputs = append(o.cell.Outputs, Output{Type: DisplayData, Data: data, Metadata: orEmpty(metadata)})
	if id != "" {
		o.r.displays[id] = append(o.r.displays[id], outputRef{o.cell, len(o.cell.Outputs) - 1})
	}
}

// ClearOutput implements kernel.Output.
func (o *cellOutput) ClearOutput(wait bool) {
	o.r.mu.Lock()
	defer o.r.mu.Unlock()
	if o.r.stopped {
		return
	}
	if wait {
		o.clearNext = true
		return
	}
	o.clear()
}

// Input implements kernel.Output; a headless run cannot answer.
func (o *cellOutput) Input(prompt string, password bool) (string, error) {
	return "", errNoInput
}

// result adds the cell's final value or error.
func (o *cellOutput) result(out Output) {
	o.r.mu.Lock()
	defer o.r.mu.Unlock()
	if o.r.stopped {
		return
	}
	o.pendingClear()
	o.cell.Outputs = append(o.cell.Outputs, out)
}

// pendingClear carries out a clear_output(wait=true) before new output.
func (o *cellOutput) pendingClear() {
	if o.clearNext {
		o.clearNext = false
		o.clear()
	}
}

// clear drops the cell's outputs and the display ids that pointed into
// them.
func (o *cellOutput) clear() {
	o.cell.Outputs = nil
	for id, refs := range o.r.displays {
		kept := refs[:0]
		for _, ref := range refs {
			if ref.cell != o.cell {
				kept = append(kept, ref)
			}
		}
		if len(kept) == 0 {
			delete(o.r.displays, id)
		} else {
			o.r.displays[id] = kept
		}
	}
}
