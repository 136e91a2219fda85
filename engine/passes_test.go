package engine

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/printer"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/engine/cellsplit"
)

// TestPasses runs the golden pass cases of testdata/passes: each file
// names one pass of the list in passes.go (the file name, with _ for -),
// runs its "setup" cells in a fresh engine, then that pass alone over the
// chunk of statements of its "cell" section (or of declarations, in a
// "decls" section), and compares the rewritten source with its "want"
// section. go test -run TestPasses -update writes the want sections.
func TestPasses(t *testing.T) {
	files, err := filepath.Glob("testdata/passes/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	covered := map[string]bool{}
	for _, file := range files {
		name := strings.ReplaceAll(strings.TrimSuffix(filepath.Base(file), ".txtar"), "_", "-")
		covered[name] = true
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			sections := txtarSections(string(data))
			e := newEngine(t)
			for _, s := range sections {
				if s.name == "setup" {
					run(t, e, s.body)
				}
			}
			p, ok := passNamed(name)
			if !ok {
				t.Fatalf("no pass %q in passes.go", name)
			}
			got := rewriteOne(t, e, p, sections)
			if *update {
				var b strings.Builder
				for _, s := range sections {
					if s.name != "want" {
						b.WriteString(s.header + s.body + "\n")
					}
				}
				b.WriteString("-- want --\n" + got)
				if err := os.WriteFile(file, []byte(sections[0].comment+b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, s := range sections {
				if s.name == "want" && s.body+"\n" != got {
					t.Errorf("got\n%s\nwant\n%s", got, s.body)
				}
			}
		})
	}
	// The engine's own passes have golden cases (those of package
	// rewrite have table tests there).
	for _, p := range passes {
		if _, ok := engineOwnPasses[p.name]; ok && !covered[p.name] {
			t.Errorf("pass %s has no testdata/passes/%s.txtar", p.name, strings.ReplaceAll(p.name, "-", "_"))
		}
	}
}

// engineOwnPasses are the passes that package engine defines.
var engineOwnPasses = map[string]bool{"cell-return": true, "variadic-generics": true, "final-expression": true, "line-marks": true,
	"range-func": true, "range-pull": true, "block-define": true, "reuse-globals": true, "generic-define": true}

func passNamed(name string) (pass, bool) {
	for _, p := range passes {
		if p.name == name {
			return p, true
		}
	}
	return pass{}, false
}

// rewriteOne parses the cell (or decls) section as the engine parses a
// chunk, runs p over it and prints the result.
func rewriteOne(t *testing.T, e *Engine, p pass, sections []txtarSection) string {
	t.Helper()
	var c *chunkSyntax
	for _, s := range sections {
		var err error
		switch s.name {
		case "cell":
			var f *ast.File
			f, err = parser.ParseFile(e.interp.FileSet(), srcName, blockHeader+s.body+blockFooter, parser.SkipObjectResolution)
			if err == nil {
				c = &chunkSyntax{body: f.Decls[0].(*ast.FuncDecl).Body, last: true}
			}
		case "decls":
			f, kerr := e.parseFile(s.body, cellsplit.Chunk{Start: 0, End: len(s.body)})
			if kerr != nil {
				t.Fatal(kerr)
			}
			c = &chunkSyntax{file: f}
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if c == nil {
		t.Fatal("no cell or decls section")
	}
	c.cp = e.save("")
	defer e.restore(c.cp)
	e.mu.Lock()
	kerr := p.run(e, c)
	e.mu.Unlock()
	if kerr != nil {
		t.Fatal(kerr)
	}
	var b bytes.Buffer
	if c.file != nil {
		for _, d := range c.file.Decls {
			printer.Fprint(&b, e.interp.FileSet(), d)
			b.WriteString("\n")
		}
	} else {
		for _, s := range c.body.List {
			printer.Fprint(&b, e.interp.FileSet(), s)
			b.WriteString("\n")
		}
	}
	if c.final != nil {
		b.WriteString("// final expression: ")
		printer.Fprint(&b, e.interp.FileSet(), c.final)
		b.WriteString("\n")
	}
	return b.String()
}

// txtarSection is a "-- name --" section of a txtar file.
type txtarSection struct {
	comment string // the text before the first section (first section only)
	header  string // the "-- name --\n" line
	name    string
	body    string // without its last newline
}

func txtarSections(data string) []txtarSection {
	var out []txtarSection
	comment := ""
	for _, l := range strings.SplitAfter(data, "\n") {
		trimmed := strings.TrimSuffix(l, "\n")
		if strings.HasPrefix(trimmed, "-- ") && strings.HasSuffix(trimmed, " --") && len(trimmed) > 6 {
			out = append(out, txtarSection{header: trimmed + "\n", name: strings.TrimSpace(trimmed[3 : len(trimmed)-3])})
			continue
		}
		if len(out) == 0 {
			comment += l
			continue
		}
		out[len(out)-1].body += l
	}
	for i := range out {
		out[i].body = strings.TrimSuffix(out[i].body, "\n")
	}
	if len(out) > 0 {
		out[0].comment = comment
	}
	return out
}
