package notebook

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func code(src string) Cell { return Cell{Type: Code, Source: src} }

func run(t *testing.T, nb *Notebook, opts Options) error {
	t.Helper()
	return Execute(context.Background(), nb, &script{}, opts)
}

func TestExecuteRecordsOutputs(t *testing.T) {
	nb := New()
	nb.Cells = []Cell{
		{Type: Markdown, Source: "# doc"},
		code("print a\nprint b\neprint warn\nprint c\nvalue 42"),
		code("   \n"),
		code("show img picture"),
	}
	nb.Cells[1].Outputs = []Output{{Type: Stream, Name: "stdout", Text: "stale"}}
	var log strings.Builder
	if err := run(t, nb, Options{Progress: &log}); err != nil {
		t.Fatal(err)
	}
	c := nb.Cells[1]
	if c.ExecutionCount != 1 || len(c.Outputs) != 4 {
		t.Fatalf("cell 2: count %d, outputs %+v", c.ExecutionCount, c.Outputs)
	}
	if o := c.Outputs[0]; o.Type != Stream || o.Name != "stdout" || o.Text != "a\nb\n" {
		t.Errorf("merged stdout = %+v", o)
	}
	if o := c.Outputs[1]; o.Name != "stderr" || o.Text != "warn\n" {
		t.Errorf("stderr = %+v", o)
	}
	if o := c.Outputs[2]; o.Type != Stream || o.Text != "c\n" {
		t.Errorf("third = %+v", o)
	}
	if o := c.Outputs[3]; o.Type != ExecuteResult || o.ExecutionCount != 1 || o.Data["text/plain"] != "42" {
		t.Errorf("result = %+v", o)
	}
	if nb.Cells[2].ExecutionCount != 0 || nb.Cells[2].Outputs != nil {
		t.Errorf("blank cell was executed: %+v", nb.Cells[2])
	}
	if c := nb.Cells[3]; c.ExecutionCount != 2 || len(c.Outputs) != 1 || c.Outputs[0].Type != DisplayData {
		t.Errorf("cell 4 = %+v", c)
	}
	if got := strings.Count(log.String(), "\n"); got != 2 {
		t.Errorf("progress has %d lines, want 2:\n%s", got, log.String())
	}
	if !strings.Contains(log.String(), "cell 4/4  In [2]  ok") {
		t.Errorf("progress:\n%s", log.String())
	}
}

func TestExecuteResultHasCount(t *testing.T) {
	nb := New()
	nb.Cells = []Cell{code("print x"), code("print y\nvalue 42")}
	if err := run(t, nb, Options{}); err != nil {
		t.Fatal(err)
	}
	outs := nb.Cells[1].Outputs
	if len(outs) != 2 || outs[1].Type != ExecuteResult || outs[1].ExecutionCount != 2 || outs[1].Data["text/plain"] != "42" {
		t.Errorf("outputs = %+v", outs)
	}
}

func TestExecuteUpdatesDisplaysInPlace(t *testing.T) {
	nb := New()
	nb.Cells = []Cell{
		code("show live epoch 1\nprint log\nupdate live epoch 2\nupdate nobody x"),
		code("update live epoch 3\nshow other o"),
	}
	if err := run(t, nb, Options{}); err != nil {
		t.Fatal(err)
	}
	first := nb.Cells[0].Outputs
	if len(first) != 2 || first[0].Data["text/plain"] != "epoch 3" || first[0].Metadata["updated"] != true {
		t.Errorf("cell 1 outputs = %+v", first)
	}
	if len(nb.Cells[1].Outputs) != 1 {
		t.Errorf("update added an output: %+v", nb.Cells[1].Outputs)
	}
}

func TestExecuteClearOutput(t *testing.T) {
	nb := New()
	nb.Cells = []Cell{
		code("print old\nshow d first\nclear\nprint new"),
		code("print frame 1\nclearwait\nprint frame 2\nclearwait\nclearwait\nshow d last"),
		code("show d a\nclear\nupdate d b"),
	}
	if err := run(t, nb, Options{}); err != nil {
		t.Fatal(err)
	}
	if outs := nb.Cells[0].Outputs; len(outs) != 1 || outs[0].Text != "new\n" {
		t.Errorf("cell 1 = %+v", outs)
	}
	if outs := nb.Cells[1].Outputs; len(outs) != 1 || outs[0].Type != DisplayData {
		t.Errorf("cell 2 = %+v", outs)
	}
	// A cleared display no longer receives updates; cell 2's does.
	if outs := nb.Cells[2].Outputs; len(outs) != 0 {
		t.Errorf("cell 3 = %+v", outs)
	}
	if got := nb.Cells[1].Outputs[0].Data["text/plain"]; got != "b" {
		t.Errorf("live display in cell 2 = %q, want the update b", got)
	}
}

func TestExecuteStopsAtFailure(t *testing.T) {
	nb := New()
	nb.Cells = []Cell{
		{Type: Markdown, Source: "intro"},
		code("print ok"),
		code("print before\nfail CompileError undefined: x"),
		code("print never"),
	}
	nb.Cells[3].Outputs = []Output{{Type: Stream, Name: "stdout", Text: "stale"}}
	nb.Cells[3].ExecutionCount = 9
	var log strings.Builder
	err := run(t, nb, Options{Progress: &log})
	var ce *CellError
	if !errors.As(err, &ce) {
		t.Fatalf("err = %v, want a *CellError", err)
	}
	if ce.Cell != 3 || ce.ExecutionCount != 2 || ce.Err.Name != "CompileError" {
		t.Errorf("CellError = %+v", ce)
	}
	if want := "cell 3 (In [2]) failed: CompileError: undefined: x"; err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
	outs := nb.Cells[2].Outputs
	if len(outs) != 2 || outs[1].Type != Error || outs[1].EValue != "undefined: x" || len(outs[1].Traceback) != 1 {
		t.Errorf("failed cell outputs = %+v", outs)
	}
	if c := nb.Cells[3]; c.Outputs != nil || c.ExecutionCount != 0 {
		t.Errorf("cell after the failure kept stale output: %+v", c)
	}
	if !strings.Contains(log.String(), "FAILED") {
		t.Errorf("progress:\n%s", log.String())
	}
}

func TestExecuteInputFails(t *testing.T) {
	nb := New()
	nb.Cells = []Cell{code("input")}
	var ce *CellError
	if err := run(t, nb, Options{}); !errors.As(err, &ce) || !strings.Contains(ce.Err.Value, "headless") {
		t.Errorf("err = %v", err)
	}
}

func TestExecuteCellTimeout(t *testing.T) {
	nb := New()
	nb.Cells = []Cell{code("block"), code("print after")}
	err := run(t, nb, Options{CellTimeout: 20 * time.Millisecond})
	var ce *CellError
	if !errors.As(err, &ce) || ce.Cell != 1 || !strings.Contains(ce.Err.Value, "time limit") {
		t.Errorf("err = %v", err)
	}
}

func TestExecuteCancelled(t *testing.T) {
	nb := New()
	nb.Cells = []Cell{code("block"), code("print after")}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(20*time.Millisecond, cancel)
	err := Execute(ctx, nb, &script{}, Options{})
	var ce *CellError
	if !errors.As(err, &ce) || ce.Cell != 1 || ce.Err.Name != "Interrupted" {
		t.Errorf("err = %v", err)
	}
	if err := Execute(ctx, nb, &script{}, Options{}); err == nil || !strings.Contains(err.Error(), "stopped before cell 1") {
		t.Errorf("cancelled run: %v", err)
	}
}

func TestExecuteSetsMetadata(t *testing.T) {
	nb := New()
	nb.Metadata["kernelspec"] = map[string]any{"name": "python3"}
	nb.Metadata["custom"] = "kept"
	spec := map[string]any{"name": "gokernel", "display_name": "Go", "language": "go"}
	if err := run(t, nb, Options{Kernelspec: spec, LanguageInfo: map[string]any{"name": "go"}}); err != nil {
		t.Fatal(err)
	}
	if nb.Metadata["kernelspec"].(map[string]any)["name"] != "gokernel" || nb.Metadata["custom"] != "kept" || nb.Metadata["language_info"] == nil {
		t.Errorf("metadata = %v", nb.Metadata)
	}
}

// A goroutine a cell left running cannot change the notebook after the run.
func TestOutputAfterTheRunIsDropped(t *testing.T) {
	nb := New()
	nb.Cells = []Cell{code("print x")}
	in := &lateWriter{done: make(chan struct{})}
	if err := Execute(context.Background(), nb, in, Options{}); err != nil {
		t.Fatal(err)
	}
	close(in.done)
	<-in.wrote
	if outs := nb.Cells[0].Outputs; len(outs) != 1 || outs[0].Text != "x\n" {
		t.Errorf("outputs = %+v", outs)
	}
}

// Output a cell's goroutine sends after the cell ended goes to that cell.
func TestLateOutputGoesToItsCell(t *testing.T) {
	nb := New()
	nb.Cells = []Cell{code("print first\nlater from the goroutine"), code("release\nprint second")}
	if err := run(t, nb, Options{}); err != nil {
		t.Fatal(err)
	}
	if outs := nb.Cells[0].Outputs; len(outs) != 1 || outs[0].Text != "first\nfrom the goroutine\n" {
		t.Errorf("cell 1 outputs = %+v", outs)
	}
	if outs := nb.Cells[1].Outputs; len(outs) != 1 || outs[0].Text != "second\n" {
		t.Errorf("cell 2 outputs = %+v", outs)
	}
}
