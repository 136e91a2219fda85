package difftest

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"sort"
	"strings"
	"time"
)

// Result is a program's two outcomes.
type Result struct {
	Program     Program
	Compiled    Outcome
	Interpreted Outcome
}

// Identical reports whether the engine behaved as compiled Go.
func (r Result) Identical() bool { return r.Compiled.Equal(r.Interpreted) }

// Diff describes how the outcomes differ, one line per differing part.
func (r Result) Diff() string {
	var b strings.Builder
	part := func(what, want, got string) {
		if want != got {
			fmt.Fprintf(&b, "  %s: go %q\n  %s  engine %q\n", what, want, strings.Repeat(" ", len(what)), got)
		}
	}
	part("status", r.Compiled.Status, r.Interpreted.Status)
	part("stdout", r.Compiled.Stdout, r.Interpreted.Stdout)
	part("stderr", r.Compiled.Stderr, r.Interpreted.Stderr)
	return b.String()
}

// Options configure RunCorpus.
type Options struct {
	Go      string        // the go command ("go" when empty)
	Dir     string        // the difftest package's directory
	Timeout time.Duration // per program and side (30 s when zero)
}

// RunCorpus builds the programs and runs each compiled and through the
// engine. The compiled runs go on in parallel with the engine's, which run
// one at a time.
func RunCorpus(ctx context.Context, progs []Program, opt Options) ([]Result, error) {
	if opt.Go == "" {
		opt.Go = "go"
	}
	if opt.Timeout == 0 {
		opt.Timeout = 30 * time.Second
	}
	bin, err := Build(ctx, opt.Go, opt.Dir, progs)
	if err != nil {
		return nil, err
	}
	compiledDone := make(chan map[string]Outcome, 1)
	go func() { compiledDone <- bin.RunAll(ctx, progs, runtime.GOMAXPROCS(0), opt.Timeout) }()
	results := make([]Result, len(progs))
	for i, p := range progs {
		results[i] = Result{Program: p, Interpreted: Interpret(ctx, p, opt.Timeout)}
	}
	compiled := <-compiledDone
	for i := range results {
		results[i].Compiled = compiled[results[i].Program.ID()]
	}
	return results, nil
}

// AreaStats is the pass count of one area.
type AreaStats struct {
	Area            string
	Programs, Equal int
}

// Stats counts identical results per area, in area order, with a total
// as the last entry.
func Stats(results []Result) []AreaStats {
	by := map[string]*AreaStats{}
	total := AreaStats{Area: "total"}
	for _, r := range results {
		a := by[r.Program.Area]
		if a == nil {
			a = &AreaStats{Area: r.Program.Area}
			by[r.Program.Area] = a
		}
		a.Programs++
		total.Programs++
		if r.Identical() {
			a.Equal++
			total.Equal++
		}
	}
	var stats []AreaStats
	for _, a := range by {
		stats = append(stats, *a)
	}
	sort.Slice(stats, func(i, j int) bool { return stats[i].Area < stats[j].Area })
	return append(stats, total)
}

// WriteTable writes the pass rate per area as a Markdown table.
func WriteTable(w io.Writer, results []Result) {
	fmt.Fprintln(w, "| area | programs | identical | rate |")
	fmt.Fprintln(w, "|---|---:|---:|---:|")
	for _, a := range Stats(results) {
		name := a.Area
		if name == "total" {
			name = "**total**"
		}
		fmt.Fprintf(w, "| %s | %d | %d | %.1f%% |\n", name, a.Programs, a.Equal, 100*float64(a.Equal)/float64(max(a.Programs, 1)))
	}
}
