package notebook

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// testdata/jupyter.ipynb was written by Jupyter's own nbformat library;
// reading and writing it must give the same bytes.
func TestRoundTripMatchesJupyter(t *testing.T) {
	want, err := os.ReadFile("testdata/jupyter.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	nb, err := Read(bytes.NewReader(want))
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if err := Write(&got, nb); err != nil {
		t.Fatal(err)
	}
	if got.String() != string(want) {
		t.Errorf("rewritten notebook differs from Jupyter's:\n%s", firstDiff(got.String(), string(want)))
	}
}

func TestReadJoinsLines(t *testing.T) {
	nb, err := ReadFile("testdata/jupyter.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	if len(nb.Cells) != 6 {
		t.Fatalf("got %d cells, want 6", len(nb.Cells))
	}
	if got, want := nb.Cells[1].Source, "import \"fmt\"\n\nfmt.Println(\"hi\")"; got != want {
		t.Errorf("source = %q, want %q", got, want)
	}
	outs := nb.Cells[2].Outputs
	if got := outs[0].Data["text/plain"]; got != "<image 16x16>\nsecond line\n" {
		t.Errorf("text/plain = %q", got)
	}
	if _, ok := outs[1].Data["application/json"].(map[string]any); !ok {
		t.Errorf("application/json is %T, want a JSON object", outs[1].Data["application/json"])
	}
	if nb.Cells[2].ExecutionCount != 2 || outs[2].ExecutionCount != 2 {
		t.Errorf("execution counts %d/%d, want 2", nb.Cells[2].ExecutionCount, outs[2].ExecutionCount)
	}
	if e := nb.Cells[3].Outputs[0]; e.EName != "panic" || e.EValue != "boom" || len(e.Traceback) != 2 {
		t.Errorf("error output = %+v", e)
	}
	if nb.Cells[4].ExecutionCount != 0 {
		t.Errorf("unexecuted cell has count %d", nb.Cells[4].ExecutionCount)
	}
}

func TestReadRejectsBadInput(t *testing.T) {
	for name, text := range map[string]string{
		"not json":          `{"cells": [`,
		"no nbformat":       `{"cells": []}`,
		"version 3":         `{"nbformat": 3, "nbformat_minor": 0, "worksheets": []}`,
		"unknown cell type": `{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "heading", "source": ""}]}`,
		"unknown output":    `{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", "source": "", "outputs": [{"output_type": "pyout"}]}]}`,
		"bad source":        `{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", "source": 7}]}`,
	} {
		if _, err := Read(strings.NewReader(text)); err == nil {
			t.Errorf("%s: Read succeeded", name)
		}
	}
}

func TestWriteAssignsCellIDs(t *testing.T) {
	nb := New()
	nb.Cells = []Cell{{Type: Code, Source: "1"}, {Type: Markdown, Source: "hi"}}
	var buf bytes.Buffer
	if err := Write(&buf, nb); err != nil {
		t.Fatal(err)
	}
	if nb.Cells[0].ID == "" || nb.Cells[0].ID == nb.Cells[1].ID {
		t.Errorf("ids %q and %q, want two distinct ids", nb.Cells[0].ID, nb.Cells[1].ID)
	}
	back, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if back.Cells[1].ID != nb.Cells[1].ID || back.Cells[1].Source != "hi" {
		t.Errorf("read back %+v", back.Cells[1])
	}
}

func TestWriteRejectsUnknownTypes(t *testing.T) {
	nb := New()
	nb.Cells = []Cell{{Type: "heading"}}
	if err := Write(&bytes.Buffer{}, nb); err == nil {
		t.Error("unknown cell type written")
	}
	nb.Cells = []Cell{{Type: Code, Outputs: []Output{{Type: "pyout"}}}}
	if err := Write(&bytes.Buffer{}, nb); err == nil {
		t.Error("unknown output type written")
	}
	nb.Cells = []Cell{{Type: Code, Outputs: []Output{{Type: Stream, Name: "stdin"}}}}
	if err := Write(&bytes.Buffer{}, nb); err == nil {
		t.Error("stream stdin written")
	}
}

func TestWriteFileReplaces(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.ipynb")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	nb := New()
	nb.Cells = []Cell{{Type: Code, Source: "x", ExecutionCount: 1, Outputs: []Output{{Type: Stream, Name: "stdout", Text: "a\nb"}}}}
	if err := WriteFile(path, nb); err != nil {
		t.Fatal(err)
	}
	back, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := back.Cells[0].Outputs[0].Text; got != "a\nb" {
		t.Errorf("stream text %q", got)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestSplitLines(t *testing.T) {
	for in, want := range map[string][]string{
		"":         {},
		"a":        {"a"},
		"a\n":      {"a\n"},
		"a\nb":     {"a\n", "b"},
		"\n\n":     {"\n", "\n"},
		"a\r\nb\n": {"a\r\n", "b\n"},
	} {
		got := splitLines(in)
		if strings.Join(got, "|") != strings.Join(want, "|") || len(got) != len(want) {
			t.Errorf("splitLines(%q) = %q, want %q", in, got, want)
		}
	}
}

func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-80)
	return "got:  …" + a[lo:min(len(a), i+80)] + "\nwant: …" + b[lo:min(len(b), i+80)]
}
