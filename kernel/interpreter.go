package kernel

import "context"

// Interpreter evaluates the code of a language for the kernel. The kernel's
// core routes messages and keeps protocol state (execution count, history,
// busy/idle, the abort queue); everything language-specific sits behind this
// interface. The core calls Execute for one request at a time; Complete,
// Inspect and IsComplete may be called while no cell runs.
type Interpreter interface {
	// Execute runs a cell. Count is its execution count, the n of the
	// frontend's In [n] (0 when the cell has none of its own: a silent
	// execute, or one that does not store history); interpreters use it
	// to name earlier cells in tracebacks as the frontend shows them.
	// Output is written to out as it is produced; ctx is cancelled when
	// the user interrupts the kernel. The result carries the value of the
	// cell's final expression (as a MIME bundle) or the error that
	// stopped it.
	Execute(ctx context.Context, code string, count int, out Output) ExecuteResult
	// Evaluate computes one user expression (execute_request's
	// user_expressions) and returns its MIME bundle.
	Evaluate(expr string) (data map[string]any, err *Error)
	// Complete lists the completions at byte offset cursor of code.
	Complete(code string, cursor int) Completion
	// Inspect describes the name at byte offset cursor of code; detail is
	// 0 or 1 as in the inspect_request.
	Inspect(code string, cursor int, detail int) Inspection
	// IsComplete reports whether code is ready to run: "complete",
	// "incomplete" (with the indent of the next line), "invalid" or
	// "unknown".
	IsComplete(code string) (status, indent string)
}

// Output is where a running cell sends what it produces. The kernel's
// implementation turns each call into an IOPub message whose parent is the
// execute request.
type Output interface {
	// Stream sends text on the "stdout" or "stderr" stream.
	Stream(name, text string)
	// Display sends a MIME bundle as display_data, or as
	// update_display_data when update is set; a non-empty id becomes
	// transient.display_id.
	Display(data, metadata map[string]any, id string, update bool)
	// ClearOutput sends clear_output.
	ClearOutput(wait bool)
	// Input asks the frontend for a line of text on the stdin channel. It
	// returns an error when the request does not allow stdin.
	Input(prompt string, password bool) (string, error)
}

// ExecuteResult is the outcome of one Execute call.
type ExecuteResult struct {
	// Data is the MIME bundle of the cell's final expression, nil when the
	// cell has no value to show.
	Data map[string]any
	// Metadata goes with Data.
	Metadata map[string]any
	// Err is non-nil when the cell failed; the kernel publishes it as an
	// error message and replies with status "error".
	Err *Error
}

// Error is a failed execution as Jupyter shows it.
type Error struct {
	// Name is the kind of error (ename), e.g. "CompileError" or "panic".
	Name string
	// Value is the message (evalue).
	Value string
	// Traceback holds the lines shown to the user; it may contain ANSI
	// colour codes.
	Traceback []string
}

// Error implements the error interface.
func (e *Error) Error() string {
	if e.Value == "" {
		return e.Name
	}
	return e.Name + ": " + e.Value
}

// Completion is the answer to a complete_request.
type Completion struct {
	// Matches are the candidate texts that replace code[CursorStart:CursorEnd].
	Matches []string
	// CursorStart and CursorEnd delimit the text the matches replace, as
	// byte offsets into the code.
	CursorStart, CursorEnd int
	// Metadata is sent as the reply's metadata (for example
	// "_jupyter_types_experimental").
	Metadata map[string]any
}

// Inspection is the answer to an inspect_request.
type Inspection struct {
	// Found reports whether anything was found at the cursor.
	Found bool
	// Data is a MIME bundle describing it (at least text/plain).
	Data map[string]any
	// Metadata goes with Data.
	Metadata map[string]any
}
