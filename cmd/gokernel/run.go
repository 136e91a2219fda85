package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/gokernel/gokernel/engine"
	"github.com/gokernel/gokernel/internal/procgroup"
	"github.com/gokernel/gokernel/kernel"
	"github.com/gokernel/gokernel/notebook"
	"github.com/gokernel/gokernel/widgets"
)

func init() {
	register(command{name: "run", summary: "execute a notebook headless (no Jupyter needed) and save it with its outputs", run: runNotebook})
}

const runUsage = `Usage: gokernel run [-o OUT | -inplace] [-timeout D] [-q] NOTEBOOK

Executes every code cell of NOTEBOOK in order through gokernel's engine, the
one the Jupyter kernel uses (no Jupyter or Python needed), and writes the
executed notebook, outputs and pictures included, as nbformat 4:
to OUT when -o is given ("-" for standard output), over NOTEBOOK with
-inplace, otherwise next to it as NAME.out.ipynb.

A line per code cell on standard error tells its progress. When a cell
fails, the run stops there, the notebook is still written (with the error
in that cell's output, the later cells left empty), the error is printed,
and gokernel exits with status 1. Ctrl-C interrupts the running cell.

Flags may come before or after NOTEBOOK:
`

// runNotebook is the "run" sub-command: it executes a notebook headless.
func runNotebook(args []string) error {
	fs := newFlagSet("run")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), runUsage)
		fs.PrintDefaults()
	}
	out := fs.String("o", "", "write the executed notebook to `OUT` (- for standard output)")
	inplace := fs.Bool("inplace", false, "overwrite NOTEBOOK with the executed notebook")
	timeout := fs.Duration("timeout", 0, "interrupt a cell that runs longer than `D` (0: no limit)")
	quiet := fs.Bool("q", false, "print no per-cell progress")
	path, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if *inplace && *out != "" {
		return usageError("-o and -inplace exclude each other")
	}
	dest := *out
	switch {
	case *inplace:
		dest = path
	case dest == "":
		dest = strings.TrimSuffix(path, ".ipynb") + ".out.ipynb"
	}

	nb, err := notebook.ReadFile(path)
	if err != nil {
		return err
	}
	if lang := notebookLanguage(nb); lang != "" && !strings.EqualFold(lang, "go") {
		return fmt.Errorf("%s is a %s notebook (its metadata says so); gokernel runs Go notebooks", path, lang)
	}
	eng, err := engine.New()
	if err != nil {
		return fmt.Errorf("starting the engine: %w", err)
	}
	defer procgroup.KillAll() // the processes the notebook's cells started
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	go func() {
		// After the first Ctrl-C has interrupted the cell, a second one
		// ends the process the default way.
		<-ctx.Done()
		stop()
	}()
	opts := notebook.Options{CellTimeout: *timeout, Kernelspec: kernelspecMetadata(), LanguageInfo: kernel.LanguageInfo()}
	if !*quiet {
		opts.Progress = os.Stderr
	}
	began := time.Now()
	widgets.UseRunner(eng)
	runErr := notebook.Execute(ctx, nb, eng, opts)
	took := time.Since(began)
	storeWidgetState(nb)
	if err := writeNotebook(dest, nb); err != nil {
		return errors.Join(runErr, err)
	}
	if !*quiet {
		fmt.Fprintf(os.Stderr, "%d code cells executed in %v; notebook written to %s\n", executed(nb), took.Round(time.Millisecond), dest)
	}
	var ce *notebook.CellError
	if errors.As(runErr, &ce) && !*quiet && len(ce.Err.Traceback) > 0 {
		fmt.Fprintln(os.Stderr, strings.Join(ce.Err.Traceback, "\n"))
	}
	return runErr
}

// storeWidgetState keeps the state of the widgets the notebook made in
// its metadata, as nbclient's store_widget_state does, so that the saved
// notebook shows them; a notebook without widgets loses stale state.
func storeWidgetState(nb *notebook.Notebook) {
	state := widgets.State()
	if models, _ := state["state"].(map[string]any); len(models) == 0 {
		delete(nb.Metadata, "widgets")
		return
	}
	if nb.Metadata == nil {
		nb.Metadata = map[string]any{}
	}
	nb.Metadata["widgets"] = map[string]any{widgets.StateMIMEType: state}
}

// parseInterleaved parses flags placed before and after the one positional
// argument, which it returns. Mistakes are usage errors.
func parseInterleaved(fs *flag.FlagSet, args []string) (string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return "", err
			}
			return "", usageError("%v", err)
		}
		if fs.NArg() == 0 {
			break
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(positional) != 1 {
		return "", usageError("want one NOTEBOOK, got %d arguments", len(positional))
	}
	return positional[0], nil
}

// notebookLanguage is the language the notebook's metadata names
// (kernelspec.language, else language_info.name), "" when none.
func notebookLanguage(nb *notebook.Notebook) string {
	for _, key := range [][2]string{{"kernelspec", "language"}, {"language_info", "name"}} {
		if m, ok := nb.Metadata[key[0]].(map[string]any); ok {
			if s, ok := m[key[1]].(string); ok && s != "" {
				return s
			}
		}
	}
	return ""
}

// executed counts the code cells that ran.
func executed(nb *notebook.Notebook) int {
	n := 0
	for _, c := range nb.Cells {
		if c.ExecutionCount > 0 {
			n++
		}
	}
	return n
}

func writeNotebook(dest string, nb *notebook.Notebook) error {
	if dest == "-" {
		return notebook.Write(os.Stdout, nb)
	}
	return notebook.WriteFile(dest, nb)
}

// kernelspecMetadata is the notebook metadata naming the kernel that
// "gokernel install" installs by default, so that Jupyter opens the
// executed notebook with it.
func kernelspecMetadata() map[string]any {
	return map[string]any{"name": "gokernel", "display_name": "Go (gokernel)", "language": "go"}
}
