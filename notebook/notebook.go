package notebook

// Cell types.
const (
	Code     = "code"
	Markdown = "markdown"
	Raw      = "raw"
)

// Output types.
const (
	Stream        = "stream"
	DisplayData   = "display_data"
	ExecuteResult = "execute_result"
	Error         = "error"
)

// Notebook is an nbformat 4 notebook.
type Notebook struct {
	// Format and FormatMinor are nbformat and nbformat_minor; Format is 4.
	Format, FormatMinor int
	// Metadata is the notebook's metadata (kernelspec, language_info, …).
	Metadata map[string]any
	// Cells are the notebook's cells in order.
	Cells []Cell
}

// Cell is one cell of a notebook.
type Cell struct {
	// ID is the cell id (nbformat 4.5 and later); Write assigns one when it
	// is missing and the format requires it.
	ID string
	// Type is Code, Markdown or Raw.
	Type string
	// Source is the cell's text.
	Source string
	// Metadata is the cell's metadata (tags, collapsed, …).
	Metadata map[string]any
	// Attachments are the files embedded in a markdown or raw cell, as
	// stored in the file (name to MIME bundle).
	Attachments map[string]any
	// ExecutionCount is the code cell's execution count; 0 means not
	// executed (null in the file).
	ExecutionCount int
	// Outputs are the code cell's outputs.
	Outputs []Output
}

// Output is one output of a code cell.
type Output struct {
	// Type is Stream, DisplayData, ExecuteResult or Error.
	Type string
	// Name is the stream name ("stdout" or "stderr") of a Stream output.
	Name string
	// Text is the text of a Stream output.
	Text string
	// Data is the MIME bundle of a DisplayData or ExecuteResult output:
	// MIME type to content. Text and SVG content are strings, images are
	// base64 strings, JSON types hold decoded JSON.
	Data map[string]any
	// Metadata goes with Data.
	Metadata map[string]any
	// ExecutionCount is the execution count of an ExecuteResult output.
	ExecutionCount int
	// EName, EValue and Traceback describe an Error output.
	EName, EValue string
	// Traceback holds the lines of an Error output.
	Traceback []string
}

// New returns an empty notebook of the current format (4.5).
func New() *Notebook {
	return &Notebook{Format: 4, FormatMinor: 5, Metadata: map[string]any{}}
}
