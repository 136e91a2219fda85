package difftest

import (
	"context"
	"os"
	"strings"
	"testing"
)

// TestDifferential runs the corpus compiled and through the engine: every
// program not listed in gaps.txt must behave identically, and every
// listed one must still differ.
func TestDifferential(t *testing.T) {
	if os.Getenv("DIFFTEST") == "" {
		t.Skip("set DIFFTEST=1 (make test-difftest): builds and runs the whole corpus, about a minute with a cold build cache")
	}
	progs, err := LoadCorpus("testdata/corpus")
	if err != nil {
		t.Fatal(err)
	}
	gaps, err := LoadGaps("gaps.txt")
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, p := range progs {
		known[p.ID()] = true
	}
	for _, id := range sortedIDs(gaps) {
		if !known[id] {
			t.Errorf("gaps.txt lists %s, which is not in the corpus", id)
		}
	}
	results, err := RunCorpus(context.Background(), progs, Options{Go: goCommand(), Dir: "."})
	if err != nil {
		t.Fatal(err)
	}
	var table strings.Builder
	WriteTable(&table, results)
	t.Logf("pass rate per area:\n%s", table.String())
	for _, r := range results {
		id := r.Program.ID()
		reason, isGap := gaps[id]
		switch {
		case r.Identical() && isGap:
			t.Errorf("%s (%s:%d) now behaves as compiled Go: remove it from gaps.txt (%s)", id, r.Program.File, r.Program.Line, reason)
		case !r.Identical() && !isGap:
			t.Errorf("%s (%s:%d) differs from compiled Go:\n%s", id, r.Program.File, r.Program.Line, r.Diff())
		}
	}
}

// goCommand is $GO or "go".
func goCommand() string {
	if g := os.Getenv("GO"); g != "" {
		return g
	}
	return "go"
}

func TestCells(t *testing.T) {
	src := `package main

import "fmt"

type T int
// cell
func (t T) Double() T { return 2 * t }

func main() {
	x := T(2)
	if x > 1 {
		fmt.Println(x.Double())
	}
	// cell
	fmt.Println(helper())
}

func helper() int { return 1 }
`
	cells, err := Cells(src)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"import \"fmt\"\n\ntype T int",
		"func (t T) Double() T { return 2 * t }",
		"func helper() int { return 1 }",
		"x := T(2)\nif x > 1 {\n\tfmt.Println(x.Double())\n}",
		"fmt.Println(helper())",
	}
	if strings.Join(cells, "\n----\n") != strings.Join(want, "\n----\n") {
		t.Errorf("cells:\n%s\nwant:\n%s", strings.Join(cells, "\n----\n"), strings.Join(want, "\n----\n"))
	}
	if _, err := Cells("package main\nfunc init() {}\nfunc main() {}\n"); err == nil {
		t.Error("a program with an init function was accepted")
	}
}

func TestSplitPanic(t *testing.T) {
	for _, c := range []struct{ stderr, written, report string }{
		{"", "", ""},
		{"note\npanic: boom\n\ngoroutine 1 [running]:\n", "note\n", "panic: boom\n\ngoroutine 1 [running]:\n"},
		{"no panic: here\n", "no panic: here\n", ""},
		{"fatal error: all goroutines are asleep - deadlock!\n", "", "fatal error: all goroutines are asleep - deadlock!\n"},
	} {
		w, r := splitPanic(c.stderr)
		if w != c.written || r != c.report {
			t.Errorf("splitPanic(%q) = %q, %q; want %q, %q", c.stderr, w, r, c.written, c.report)
		}
	}
}

func TestParseCorpus(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(dir+"/area.txt", []byte("# comment\n-- one --\nfunc main() {}\n-- two --\npackage main\n\nfunc main() { println() }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	progs, err := LoadCorpus(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(progs) != 2 || progs[0].ID() != "area/one" || progs[0].Source != "package main\n\nfunc main() {}\n" || progs[1].Line != 4 {
		t.Errorf("programs: %+v", progs)
	}
	if err := os.WriteFile(dir+"/area.txt", []byte("-- one --\nfunc main() {}\n-- one --\nfunc main() {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadCorpus(dir); err == nil {
		t.Error("a corpus with a name defined twice was accepted")
	}
}
