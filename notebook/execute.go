package notebook

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/gokernel/gokernel/kernel"
)

// Options tune Execute.
type Options struct {
	// Progress receives one line per code cell (position, execution
	// count, outcome, duration); nil for none.
	Progress io.Writer
	// CellTimeout interrupts a cell that runs longer; 0 means no limit.
	CellTimeout time.Duration
	// Kernelspec and LanguageInfo, when non-nil, replace the notebook's
	// metadata entries of those names, as Jupyter does when it runs a
	// notebook.
	Kernelspec, LanguageInfo map[string]any
}

// CellError reports the cell that stopped Execute.
type CellError struct {
	// Cell is the 1-based position of the cell in the notebook, counting
	// every cell as Jupyter shows them.
	Cell int
	// ExecutionCount is the cell's execution count (its In [n]).
	ExecutionCount int
	// Err is the error the interpreter reported.
	Err *kernel.Error
}

// Error implements the error interface.
func (e *CellError) Error() string {
	return fmt.Sprintf("cell %d (In [%d]) failed: %v", e.Cell, e.ExecutionCount, e.Err)
}

// Execute runs the code cells of nb in order through in, replacing their
// outputs and execution counts with those of this run, as "Restart & Run
// All" does (in should be fresh). Code cells with blank source are skipped
// and left without outputs. It stops at the first cell that fails and
// returns a *CellError; that cell keeps its error output, the cells after it
// are left cleared. When ctx is cancelled the running cell is interrupted.
func Execute(ctx context.Context, nb *Notebook, in kernel.Interpreter, opts Options) error {
	if opts.Kernelspec != nil {
		nb.Metadata = orEmpty(nb.Metadata)
		nb.Metadata["kernelspec"] = opts.Kernelspec
	}
	if opts.LanguageInfo != nil {
		nb.Metadata = orEmpty(nb.Metadata)
		nb.Metadata["language_info"] = opts.LanguageInfo
	}
	for i := range nb.Cells {
		if c := &nb.Cells[i]; c.Type == Code {
			c.Outputs, c.ExecutionCount = nil, 0
		}
	}
	rec := newRecorder()
	defer rec.stop()
	count := 0
	for i := range nb.Cells {
		c := &nb.Cells[i]
		if c.Type != Code || strings.TrimSpace(c.Source) == "" {
			continue
		}
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("stopped before cell %d: %w", i+1, err)
		}
		count++
		c.ExecutionCount = count
		out := rec.start(c)
		began := time.Now()
		res := runCell(ctx, in, c.Source, count, out, opts.CellTimeout)
		took := time.Since(began)
		if res.Err != nil {
			out.result(Output{Type: Error, EName: res.Err.Name, EValue: res.Err.Value, Traceback: res.Err.Traceback})
			progress(opts.Progress, i+1, len(nb.Cells), count, "FAILED", took)
			return &CellError{Cell: i + 1, ExecutionCount: count, Err: res.Err}
		}
		if res.Data != nil {
			out.result(Output{Type: ExecuteResult, Data: res.Data, Metadata: orEmpty(res.Metadata), ExecutionCount: count})
		}
		progress(opts.Progress, i+1, len(nb.Cells), count, "ok", took)
	}
	return nil
}

// runCell executes one cell, under a deadline when timeout is positive.
func runCell(ctx context.Context, in kernel.Interpreter, code string, count int, out kernel.Output, timeout time.Duration) kernel.ExecuteResult {
	if timeout <= 0 {
		return in.Execute(ctx, code, count, out)
	}
	cctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	res := in.Execute(cctx, code, count, out)
	if res.Err != nil && ctx.Err() == nil && cctx.Err() == context.DeadlineExceeded {
		e := *res.Err
		e.Value = strings.TrimSpace(fmt.Sprintf("%s (the cell ran past its %v time limit)", e.Value, timeout))
		res.Err = &e
	}
	return res
}

func progress(w io.Writer, cell, cells, count int, outcome string, took time.Duration) {
	if w == nil {
		return
	}
	fmt.Fprintf(w, "cell %*d/%d  In [%d]  %s  %v\n", len(fmt.Sprint(cells)), cell, cells, count, outcome, took.Round(time.Millisecond))
}
