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
	"strings"

	"github.com/gokernel/gokernel/test/difftest"
)

func main() {
	run := flag.String("run", "", "run only the programs whose area/name matches this regular expression")
	gapLines := flag.Bool("gaps", false, "print the differing programs as lines for gaps.txt")
	out := flag.String("o", "", "also write the report (table and differing programs) to this file")
	flag.Parse()
	if err := report(*run, *gapLines, *out); err != nil {
		fmt.Fprintln(os.Stderr, "difftest:", err)
		os.Exit(2)
	}
}

func report(pattern string, gapLines bool, outFile string) error {
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
	difftest.WriteTable(&b, results)
	fmt.Fprintln(&b)
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
			fmt.Fprintf(&b, "    %s\n", l)
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

func trim(s string) string {
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
