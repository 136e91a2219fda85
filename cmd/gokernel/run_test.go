package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/notebook"
)

const testdata = "../../notebook/testdata/"

func TestRunExecutesNotebook(t *testing.T) {
	out := filepath.Join(t.TempDir(), "smoke.ipynb")
	if err := runNotebook([]string{testdata + "smoke.ipynb", "-o", out, "-q"}); err != nil {
		t.Fatal(err)
	}
	nb, err := notebook.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if nb.Metadata["kernelspec"].(map[string]any)["name"] != "gokernel" || nb.Metadata["language_info"] == nil {
		t.Errorf("metadata = %v", nb.Metadata)
	}
	count := 0
	var text strings.Builder
	mimes := map[string]int{}
	for i, c := range nb.Cells {
		if c.Type != notebook.Code {
			continue
		}
		count++
		if c.ExecutionCount != count {
			t.Errorf("cell %d: execution count %d, want %d", i+1, c.ExecutionCount, count)
		}
		for _, o := range c.Outputs {
			switch o.Type {
			case notebook.Error:
				t.Errorf("cell %d: %s: %s", i+1, o.EName, o.EValue)
			case notebook.Stream:
				text.WriteString(o.Text)
			default:
				for mime := range o.Data {
					mimes[mime]++
				}
				if s, ok := o.Data["text/markdown"].(string); ok {
					text.WriteString(s)
				}
				if s, ok := o.Data["text/plain"].(string); ok && o.Type == notebook.ExecuteResult {
					text.WriteString(s + "\n")
				}
			}
		}
	}
	for _, want := range []string{"hello from GoGo\n", "42\n", "step **5**/5", "done after GoGo\n",
		"Epoch 1/200\n", "Epoch 200/200\n", "[0 0] -> 0\n[0 1] -> 1\n[1 0] -> 1\n[1 1] -> 0\n"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("output lacks %q; got:\n%s", want, text.String())
		}
	}
	// Two PNGs: the cell's picture and the live training chart's final
	// state (SVG and PNG); live displays updated in place count once.
	if mimes["image/png"] != 2 || mimes["text/markdown"] != 1 || mimes["image/svg+xml"] != 1 {
		t.Errorf("outputs by MIME type: %v, want two image/png, one text/markdown and one image/svg+xml (live displays, updated in place)", mimes)
	}
	validateWithJupyter(t, out)
}

func TestRunStopsAtFailingCell(t *testing.T) {
	out := filepath.Join(t.TempDir(), "failing.ipynb")
	err := runNotebook([]string{"-q", "-o", out, testdata + "failing.ipynb"})
	var ce *notebook.CellError
	if !errors.As(err, &ce) || ce.Cell != 3 || ce.ExecutionCount != 2 {
		t.Fatalf("err = %v, want cell 3 (In [2]) to fail", err)
	}
	if !strings.Contains(err.Error(), "cell 3") {
		t.Errorf("error %q does not name the cell", err)
	}
	nb, rerr := notebook.ReadFile(out)
	if rerr != nil {
		t.Fatal(rerr)
	}
	if outs := nb.Cells[0].Outputs; len(outs) != 1 || outs[0].Text != "first cell ran\n" {
		t.Errorf("cell 1 outputs = %+v", outs)
	}
	if outs := nb.Cells[2].Outputs; len(outs) != 1 || outs[0].Type != notebook.Error {
		t.Errorf("cell 3 outputs = %+v, want the error", outs)
	}
	if c := nb.Cells[3]; len(c.Outputs) != 0 || c.ExecutionCount != 0 {
		t.Errorf("cell 4 ran: %+v", c)
	}
	validateWithJupyter(t, out)
}

func TestRunDefaultOutputAndInplace(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile(testdata + "failing.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	nbPath := filepath.Join(dir, "nb.ipynb")
	os.WriteFile(nbPath, src, 0o644)
	runNotebook([]string{"-q", nbPath})
	if _, err := notebook.ReadFile(filepath.Join(dir, "nb.out.ipynb")); err != nil {
		t.Errorf("default output: %v", err)
	}
	runNotebook([]string{"-q", "-inplace", nbPath})
	nb, err := notebook.ReadFile(nbPath)
	if err != nil {
		t.Fatal(err)
	}
	if nb.Cells[0].ExecutionCount != 1 {
		t.Errorf("-inplace did not write the executed notebook")
	}
}

func TestRunRejectsBadArguments(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.ipynb")
	os.WriteFile(bad, []byte(`{"nbformat": 3}`), 0o644)
	python := filepath.Join(dir, "python.ipynb")
	os.WriteFile(python, []byte(`{"nbformat": 4, "nbformat_minor": 5, "cells": [],
		"metadata": {"kernelspec": {"name": "python3", "language": "python"}}}`), 0o644)
	for name, args := range map[string][]string{
		"no notebook":      {},
		"two notebooks":    {"a.ipynb", "b.ipynb"},
		"unknown flag":     {"-x", "a.ipynb"},
		"-o and -inplace":  {"-o", "x.ipynb", "-inplace", "a.ipynb"},
		"missing notebook": {filepath.Join(dir, "missing.ipynb")},
		"not nbformat 4":   {bad},
		"python notebook":  {python},
	} {
		if err := runNotebook(args); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	for _, name := range []string{"bad.out.ipynb", "python.out.ipynb"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			t.Errorf("%s written for a notebook that was not run", name)
		}
	}
}

// validateWithJupyter checks the file with Jupyter's own nbformat
// validator when Debian's python3-nbformat is installed.
func validateWithJupyter(t *testing.T, path string) {
	t.Helper()
	const python = "/usr/bin/python3"
	if exec.Command(python, "-c", "import nbformat").Run() != nil {
		t.Log("python3-nbformat not installed: nbformat validation skipped")
		return
	}
	out, err := exec.Command(python, "-c", "import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))", path).CombinedOutput()
	if err != nil {
		t.Errorf("nbformat rejects %s: %v\n%s", path, err, out)
	}
}
