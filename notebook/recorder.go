package notebook

import (
	"errors"
	"sync"
)

// errNoInput is what a cell asking for input gets: a headless run has no
// one to answer.
var errNoInput = errors.New("input is not available when a notebook runs headless")

// recorder turns what running cells send (it implements kernel.Output) into
// the nbformat outputs of the notebook's cells, the way a Jupyter frontend
// does: consecutive text on the same stream is merged, update_display_data
// replaces every earlier output carrying the display id (in any cell) in
// place, and clear_output empties the running cell's outputs, at once or,
// with wait, when its next output arrives.
type recorder struct {
	mu        sync.Mutex
	cell      *Cell
	clearNext bool
	displays  map[string][]outputRef
}

// outputRef locates one output; cells do not move during a run and
// outputs are only appended or cleared, so the reference stays valid until
// its cell is cleared.
type outputRef struct {
	cell  *Cell
	index int
}

func newRecorder() *recorder {
	return &recorder{displays: map[string][]outputRef{}}
}

// start makes c the cell that receives output, clearing its old outputs.
func (r *recorder) start(c *Cell) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.cell = c
	r.clearNext = false
	r.clearCell()
}

// stop ends recording: output sent after the run (by a goroutine a cell
// left running) is dropped instead of racing with the writing of the
// notebook.
func (r *recorder) stop() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.cell = nil
}

// Stream implements kernel.Output.
func (r *recorder) Stream(name, text string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if text == "" || r.cell == nil {
		return
	}
	r.pendingClear()
	outs := r.cell.Outputs
	if n := len(outs); n > 0 && outs[n-1].Type == Stream && outs[n-1].Name == name {
		outs[n-1].Text += text
		return
	}
	r.cell.Outputs = append(outs, Output{Type: Stream, Name: name, Text: text})
}

// Display implements kernel.Output.
func (r *recorder) Display(data, metadata map[string]any, id string, update bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cell == nil {
		return
	}
	if update {
		// Like Jupyter, an update of an unknown display id is dropped.
		for _, ref := range r.displays[id] {
			o := &ref.cell.Outputs[ref.index]
			o.Data, o.Metadata = data, orEmpty(metadata)
		}
		return
	}
	r.pendingClear()
	r.cell.Outputs = append(r.cell.Outputs, Output{Type: DisplayData, Data: data, Metadata: orEmpty(metadata)})
	if id != "" {
		r.displays[id] = append(r.displays[id], outputRef{r.cell, len(r.cell.Outputs) - 1})
	}
}

// ClearOutput implements kernel.Output.
func (r *recorder) ClearOutput(wait bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cell == nil {
		return
	}
	if wait {
		r.clearNext = true
		return
	}
	r.clearCell()
}

// Input implements kernel.Output; a headless run cannot answer.
func (r *recorder) Input(prompt string, password bool) (string, error) {
	return "", errNoInput
}

// result adds the cell's final value or error.
func (r *recorder) result(o Output) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.pendingClear()
	r.cell.Outputs = append(r.cell.Outputs, o)
}

// pendingClear carries out a clear_output(wait=true) before new output.
func (r *recorder) pendingClear() {
	if r.clearNext {
		r.clearNext = false
		r.clearCell()
	}
}

// clearCell drops the running cell's outputs and the display ids that
// pointed into them.
func (r *recorder) clearCell() {
	r.cell.Outputs = nil
	for id, refs := range r.displays {
		kept := refs[:0]
		for _, ref := range refs {
			if ref.cell != r.cell {
				kept = append(kept, ref)
			}
		}
		if len(kept) == 0 {
			delete(r.displays, id)
		} else {
			r.displays[id] = kept
		}
	}
}
