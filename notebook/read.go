package notebook

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
)

// fileNotebook, fileCell and fileOutput mirror the JSON of an .ipynb file.
type fileNotebook struct {
	Format      *int           `json:"nbformat"`
	FormatMinor int            `json:"nbformat_minor"`
	Metadata    map[string]any `json:"metadata"`
	Cells       []fileCell     `json:"cells"`
}

type fileCell struct {
	ID             string         `json:"id"`
	Type           string         `json:"cell_type"`
	Source         multiline      `json:"source"`
	Metadata       map[string]any `json:"metadata"`
	Attachments    map[string]any `json:"attachments"`
	ExecutionCount *int           `json:"execution_count"`
	Outputs        []fileOutput   `json:"outputs"`
}

type fileOutput struct {
	Type           string         `json:"output_type"`
	Name           string         `json:"name"`
	Text           multiline      `json:"text"`
	Data           map[string]any `json:"data"`
	Metadata       map[string]any `json:"metadata"`
	ExecutionCount *int           `json:"execution_count"`
	EName          string         `json:"ename"`
	EValue         string         `json:"evalue"`
	Traceback      []string       `json:"traceback"`
}

// multiline is a string stored either as one JSON string or as a list of
// strings to be joined, as nbformat allows for sources and texts.
type multiline string

// UnmarshalJSON accepts a string or a list of strings.
func (m *multiline) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*m = multiline(s)
		return nil
	}
	var lines []string
	if err := json.Unmarshal(b, &lines); err != nil {
		return fmt.Errorf("want a string or a list of strings, got %.40s", b)
	}
	*m = multiline(strings.Join(lines, ""))
	return nil
}

// ReadFile reads the notebook stored in the file at path.
func ReadFile(path string) (*Notebook, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	nb, err := Read(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return nb, nil
}

// Read decodes an nbformat 4 notebook. Multi-line strings stored as lists of
// lines are joined; numbers in metadata and JSON outputs keep their exact
// text (json.Number). Other major formats are rejected.
func Read(r io.Reader) (*Notebook, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var f fileNotebook
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("not a notebook: %w", err)
	}
	if f.Format == nil {
		return nil, fmt.Errorf("not a notebook: no nbformat field")
	}
	if *f.Format != 4 {
		return nil, fmt.Errorf("nbformat %d is not supported: only version 4 is (convert it with a current Jupyter first)", *f.Format)
	}
	nb := &Notebook{Format: 4, FormatMinor: f.FormatMinor, Metadata: f.Metadata}
	if nb.Metadata == nil {
		nb.Metadata = map[string]any{}
	}
	for i, fc := range f.Cells {
		c, err := fc.cell()
		if err != nil {
			return nil, fmt.Errorf("cell %d: %w", i+1, err)
		}
		nb.Cells = append(nb.Cells, c)
	}
	return nb, nil
}

func (fc fileCell) cell() (Cell, error) {
	c := Cell{
		ID:          fc.ID,
		Type:        fc.Type,
		Source:      string(fc.Source),
		Metadata:    fc.Metadata,
		Attachments: fc.Attachments,
	}
	if c.Metadata == nil {
		c.Metadata = map[string]any{}
	}
	switch fc.Type {
	case Markdown, Raw:
	case Code:
		if fc.ExecutionCount != nil {
			c.ExecutionCount = *fc.ExecutionCount
		}
		for j, fo := range fc.Outputs {
			o, err := fo.output()
			if err != nil {
				return c, fmt.Errorf("output %d: %w", j+1, err)
			}
			c.Outputs = append(c.Outputs, o)
		}
	default:
		return c, fmt.Errorf("unknown cell_type %q", fc.Type)
	}
	return c, nil
}

func (fo fileOutput) output() (Output, error) {
	o := Output{Type: fo.Type}
	switch fo.Type {
	case Stream:
		o.Name, o.Text = fo.Name, string(fo.Text)
	case DisplayData, ExecuteResult:
		o.Data, o.Metadata = joinBundle(fo.Data), fo.Metadata
		if o.Metadata == nil {
			o.Metadata = map[string]any{}
		}
		if fo.ExecutionCount != nil {
			o.ExecutionCount = *fo.ExecutionCount
		}
	case Error:
		o.EName, o.EValue, o.Traceback = fo.EName, fo.EValue, fo.Traceback
	default:
		return o, fmt.Errorf("unknown output_type %q", fo.Type)
	}
	return o, nil
}

// joinBundle joins the list-of-lines form of the non-JSON entries of a
// MIME bundle into strings.
func joinBundle(data map[string]any) map[string]any {
	out := make(map[string]any, len(data))
	for mime, v := range data {
		if lines, ok := v.([]any); ok && !isJSONMIME(mime) {
			if s, ok := joinStrings(lines); ok {
				out[mime] = s
				continue
			}
		}
		out[mime] = v
	}
	return out
}

func joinStrings(items []any) (string, bool) {
	var b strings.Builder
	for _, it := range items {
		s, ok := it.(string)
		if !ok {
			return "", false
		}
		b.WriteString(s)
	}
	return b.String(), true
}

// isJSONMIME reports whether content of this MIME type is stored as JSON
// rather than as text.
func isJSONMIME(mime string) bool {
	return mime == "application/json" || (strings.HasPrefix(mime, "application/") && strings.HasSuffix(mime, "+json"))
}
