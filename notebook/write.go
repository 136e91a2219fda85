package notebook

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// WriteFile writes nb to the file at path, replacing it atomically (the
// notebook is written to a temporary file beside it, then renamed).
func WriteFile(path string, nb *Notebook) error {
	var buf bytes.Buffer
	if err := Write(&buf, nb); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}

// Write encodes nb as nbformat 4 JSON the way Jupyter saves notebooks: keys
// sorted, one-space indentation, text split into lists of lines, and a
// final newline. Cells of format 4.5 or later without an id get a fresh one
// (stored back into nb). An unknown cell or output type is an error.
func Write(w io.Writer, nb *Notebook) error {
	if nb.Format != 4 {
		return fmt.Errorf("nbformat %d is not supported: only version 4 is", nb.Format)
	}
	cells := make([]any, 0, len(nb.Cells))
	for i := range nb.Cells {
		c := &nb.Cells[i]
		if c.ID == "" && nb.FormatMinor >= 5 {
			c.ID = newCellID()
		}
		m, err := c.file()
		if err != nil {
			return fmt.Errorf("cell %d: %w", i+1, err)
		}
		cells = append(cells, m)
	}
	root := map[string]any{
		"nbformat":       nb.Format,
		"nbformat_minor": nb.FormatMinor,
		"metadata":       orEmpty(nb.Metadata),
		"cells":          cells,
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	return enc.Encode(root)
}

func (c *Cell) file() (map[string]any, error) {
	m := map[string]any{
		"cell_type": c.Type,
		"metadata":  orEmpty(c.Metadata),
		"source":    splitLines(c.Source),
	}
	if c.ID != "" {
		m["id"] = c.ID
	}
	switch c.Type {
	case Markdown, Raw:
		if c.Attachments != nil {
			m["attachments"] = c.Attachments
		}
	case Code:
		m["execution_count"] = countOrNull(c.ExecutionCount)
		outs := make([]any, 0, len(c.Outputs))
		for j, o := range c.Outputs {
			om, err := o.file()
			if err != nil {
				return nil, fmt.Errorf("output %d: %w", j+1, err)
			}
			outs = append(outs, om)
		}
		m["outputs"] = outs
	default:
		return nil, fmt.Errorf("unknown cell type %q", c.Type)
	}
	return m, nil
}

func (o Output) file() (map[string]any, error) {
	m := map[string]any{"output_type": o.Type}
	switch o.Type {
	case Stream:
		if o.Name != "stdout" && o.Name != "stderr" {
			return nil, fmt.Errorf("stream name %q is neither stdout nor stderr", o.Name)
		}
		m["name"] = o.Name
		m["text"] = splitLines(o.Text)
	case DisplayData, ExecuteResult:
		m["data"] = splitBundle(o.Data)
		m["metadata"] = orEmpty(o.Metadata)
		if o.Type == ExecuteResult {
			m["execution_count"] = countOrNull(o.ExecutionCount)
		}
	case Error:
		m["ename"] = o.EName
		m["evalue"] = o.EValue
		tb := o.Traceback
		if tb == nil {
			tb = []string{}
		}
		m["traceback"] = tb
	default:
		return nil, fmt.Errorf("unknown output type %q", o.Type)
	}
	return m, nil
}

// splitLines splits s after each newline, as Jupyter stores multi-line
// strings; the lines joined give s back.
func splitLines(s string) []string {
	lines := []string{}
	for s != "" {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			lines = append(lines, s)
			break
		}
		lines = append(lines, s[:i+1])
		s = s[i+1:]
	}
	return lines
}

// splitBundle stores the text entries of a MIME bundle (text/*, SVG and
// JavaScript) as lists of lines, like Jupyter; images stay one base64
// string and JSON entries stay JSON.
func splitBundle(data map[string]any) map[string]any {
	out := make(map[string]any, len(data))
	for mime, v := range data {
		if s, ok := v.(string); ok && (strings.HasPrefix(mime, "text/") || mime == "image/svg+xml" || mime == "application/javascript") {
			out[mime] = splitLines(s)
			continue
		}
		out[mime] = v
	}
	return out
}

func orEmpty(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

func countOrNull(n int) any {
	if n <= 0 {
		return nil
	}
	return n
}

// newCellID returns a random cell id of 8 hex digits, like Jupyter's.
func newCellID() string {
	var b [4]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
