// Command difftest runs gokernel's differential test corpus (package
// difftest) compiled and through the engine, and prints the pass rate per
// area as a Markdown table, then the programs that differ with how.
//
//	go run ./test/difftest/cmd/difftest            # table and differences
//	go run ./test/difftest/cmd/difftest -gaps      # differences as gaps.txt lines
//	go run ./test/difftest/cmd/difftest -run fmt/  # only programs whose ID matches
//	go run ./test/difftest/cmd/difftest -o test/difftest/RESULTS.md
//
// It exits with status 1 when a program differs that gaps.txt does not
// list, or a listed one no longer differs.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/gokernel/gokernel/test/difftest"
)

func main() {
	run := flag.String("run", "", "run only the programs whose area/name matches this regular expression")
	gapLines := flag.Bool("gaps", false, "print the differing programs as lines for gaps.txt")
	out := flag.String("o", "", "also write the report (table and differing programs) to this file")
	bench := flag.Bool("bench", false, "also measure the interpreter's speed on a 1e7-iteration loop against compiled Go")
	flag.Parse()
	if err := report(*run, *gapLines, *out, *bench); err != nil {
		fmt.Fprintln(os.Stderr, "difftest:", err)
		os.Exit(2)
	}
}

func report(pattern string, gapLines bool, outFile string, bench bool) error {
	dir, err := packageDir()
	if err != nil {
		return err
	}
	progs, err := difftest.LoadCorpus(dir + "/testdata/corpus")
	if err != nil {
		return err
	}
	if pattern != "" {
		re, err := regexp.Compile(pattern)
		if err != nil {
			return err
		}
		var sel []difftest.Program
		for _, p := range progs {
			if re.MatchString(p.ID()) {
				sel = append(sel, p)
			}
		}
		progs = sel
	}
	gaps, err := difftest.LoadGaps(dir + "/gaps.txt")
	if err != nil {
		return err
	}
	results, err := difftest.RunCorpus(context.Background(), progs, difftest.Options{Dir: dir})
	if err != nil {
		return err
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Differential test: the engine against compiled Go\n\n")
	fmt.Fprintf(&b, "Written by `make difftest-report` (`go run ./test/difftest/cmd/difftest -o test/difftest/RESULTS.md`).\n")
	fmt.Fprintf(&b, "Each program of testdata/corpus runs compiled and through the engine cell by cell; identical\n")
	fmt.Fprintf(&b, "means the same standard output, standard error and status (see doc.go). Known gaps: gaps.txt.\n\n")
	difftest.WriteTable(&b, results)
	fmt.Fprintln(&b)
	writeClasses(&b, results, gaps)
	if bench {
		if err := writeSpeed(&b); err != nil {
			return err
		}
	}
	fmt.Fprintf(&b, "## Programs that differ\n\n")
	failed := false
	for _, r := range results {
		reason, isGap := gaps[r.Program.ID()]
		switch {
		case r.Identical() && isGap:
			failed = true
			fmt.Fprintf(os.Stderr, "%s now behaves as compiled Go: remove it from gaps.txt\n", r.Program.ID())
		case !r.Identical() && !isGap:
			failed = true
			fmt.Fprintf(os.Stderr, "%s differs and is not in gaps.txt\n", r.Program.ID())
		}
		if r.Identical() {
			continue
		}
		if gapLines {
			fmt.Printf("%s: %s\n", r.Program.ID(), suggestReason(r))
			continue
		}
		if reason != "" {
			reason = " — " + reason
		}
		fmt.Fprintf(&b, "- `%s`%s\n", r.Program.ID(), reason)
		for _, l := range strings.Split(strings.TrimRight(r.Diff(), "\n"), "\n") {
			fmt.Fprintf(&b, "    %s\n", hexAddr.ReplaceAllString(l, "0x?"))
		}
	}
	if !gapLines {
		os.Stdout.Write(b.Bytes())
	}
	if outFile != "" {
		if err := os.WriteFile(outFile, b.Bytes(), 0o644); err != nil {
			return err
		}
	}
	if failed {
		os.Exit(1)
	}
	return nil
}

// writeSpeed measures the loop compiled and interpreted, best of a few
// runs each (the machine may be shared), and writes a table.
func writeSpeed(b *bytes.Buffer) error {
	best := func(n int, run func() (time.Duration, error)) (time.Duration, error) {
		var min time.Duration
		for i := 0; i < n; i++ {
			d, err := run()
			if err != nil {
				return 0, err
			}
			if i == 0 || d < min {
				min = d
			}
		}
		return min, nil
	}
	compiled, _ := best(5, func() (time.Duration, error) { return difftest.CompiledLoop(), nil })
	fmt.Fprintf(b, "## Interpreter speed\n\n")
	fmt.Fprintf(b, "A loop of %d integer additions, best of 3 runs (compiled: of 5) on %d CPUs, load average %s:\n\n", difftest.LoopN, runtime.NumCPU(), loadAverage())
	fmt.Fprintf(b, "| loop | time | ns/iteration | × compiled |\n|---|---:|---:|---:|\n")
	row := func(name string, d time.Duration) {
		fmt.Fprintf(b, "| %s | %v | %.2f | %.0f |\n", name, d.Round(time.Microsecond), float64(d.Nanoseconds())/difftest.LoopN, float64(d)/float64(compiled))
	}
	row("compiled Go", compiled)
	for _, c := range []struct {
		name     string
		topLevel bool
	}{{"engine: in a function a cell declared", false}, {"engine: a cell's top-level loop", true}} {
		l, err := difftest.NewLoopEngine(c.topLevel)
		if err != nil {
			return err
		}
		d, err := best(3, l.Run)
		if err != nil {
			return err
		}
		row(c.name, d)
	}
	fmt.Fprintf(b, "\n(`go test -run '^$' -bench Loop ./test/difftest/` measures the same as a benchmark.)\n\n")
	return nil
}

// loadAverage is the first field of /proc/loadavg, or "unknown".
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	return strings.Fields(string(data))[0]
}

// writeClasses counts the differing programs by the [class] that starts
// their reason in gaps.txt, with one example each.
func writeClasses(b *bytes.Buffer, results []difftest.Result, gaps difftest.Gaps) {
	count := map[string]int{}
	example := map[string]string{}
	var order []string
	for _, r := range results {
		if r.Identical() {
			continue
		}
		class := "unlisted"
		if reason := gaps[r.Program.ID()]; strings.HasPrefix(reason, "[") {
			if i := strings.Index(reason, "]"); i > 0 {
				class = reason[1:i]
			}
		}
		if count[class] == 0 {
			order = append(order, class)
			example[class] = r.Program.ID() + ": " + suggestReason(r)
		}
		count[class]++
	}
	if len(order) == 0 {
		return
	}
	sort.Slice(order, func(i, j int) bool {
		return count[order[i]] > count[order[j]] || count[order[i]] == count[order[j]] && order[i] < order[j]
	})
	fmt.Fprintf(b, "## Differences by class\n\n| class | programs | example |\n|---|---:|---|\n")
	for _, c := range order {
		fmt.Fprintf(b, "| %s | %d | `%s` |\n", c, count[c], strings.ReplaceAll(example[c], "|", "\\|"))
	}
	fmt.Fprintln(b)
}

// suggestReason describes a difference in one line, as a start for
// gaps.txt.
func suggestReason(r difftest.Result) string {
	c, e := r.Compiled, r.Interpreted
	if c.Status != e.Status {
		return fmt.Sprintf("engine %q, go %q", e.Status, c.Status)
	}
	if c.Stdout != e.Stdout {
		return fmt.Sprintf("stdout differs: engine %q, go %q", trim(e.Stdout), trim(c.Stdout))
	}
	return fmt.Sprintf("stderr differs: engine %q, go %q", trim(e.Stderr), trim(c.Stderr))
}

var hexAddr = regexp.MustCompile(`0x[0-9a-f]+`)

func trim(s string) string {
	s = hexAddr.ReplaceAllString(s, "0x?")
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}

// packageDir is the directory of package difftest.
func packageDir() (string, error) {
	out, err := exec.Command("go", "list", "-f", "{{.Dir}}", "github.com/gokernel/gokernel/test/difftest").Output()
	if err != nil {
		return "", fmt.Errorf("go list: %v", err)
	}
	return strings.TrimSpace(string(out)), nil
}
