package engine

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/kernel/kerneltest"
)

var update = flag.Bool("update", false, "rewrite the expected outputs of engine/testdata/sessions/*.txtar")

// TestSessions runs the golden cell sessions of testdata/sessions: each
// file is a sequence of cells, each in a fresh engine per file, with the
// expected stdout, stderr, result (text/plain) and error (its name and
// traceback) of each. A section left out expects nothing. Add a
// case by adding a file; go test -run TestSessions -update writes the
// outputs of new or changed sessions (review them before committing).
//
// The format is txtar: a comment, then "-- name --" sections; a "cell"
// section starts a cell, and the "stdout", "stderr", "result" and "error"
// sections after it are its expectations.
func TestSessions(t *testing.T) {
	files, err := filepath.Glob("testdata/sessions/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 20 {
		t.Fatalf("%d session files, want at least 20", len(files))
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			comment, cells := parseSession(string(data))
			e := newEngine(t)
			var got []sessionCell
			for i, c := range cells {
				out := &kerneltest.Recorder{}
				res := e.Execute(context.Background(), c.code, 0, out)
				g := sessionCell{code: c.code, stdout: out.Text("stdout"), stderr: out.Text("stderr"), result: plain(res)}
				if res.Err != nil && len(res.Err.Traceback) > 0 {
					g.err = strings.Join(res.Err.Traceback, "\n") + "\n"
					if !strings.HasPrefix(res.Err.Traceback[0], res.Err.Name) {
						g.err = res.Err.Name + ": " + g.err
					}
				} else if res.Err != nil {
					g.err = res.Err.Name + ": " + res.Err.Value + "\n"
				}
				if g.result != "" && !strings.HasSuffix(g.result, "\n") {
					g.result += "\n"
				}
				got = append(got, g)
				if *update {
					continue
				}
				for _, s := range []struct{ name, got, want string }{
					{"stdout", g.stdout, c.stdout}, {"stderr", g.stderr, c.stderr},
					{"result", g.result, c.result}, {"error", g.err, c.err},
				} {
					if s.got != s.want {
						t.Errorf("cell %d:\n%s\n%s: got\n%s\nwant\n%s", i+1, c.code, s.name, s.got, s.want)
					}
				}
			}
			if *update {
				if err := os.WriteFile(file, []byte(formatSession(comment, got)), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// sessionCell is a cell of a golden session with its expected (or
// actual) output.
type sessionCell struct {
	code, stdout, stderr, result, err string
}

// parseSession reads a txtar session: its comment and its cells.
func parseSession(data string) (comment string, cells []sessionCell) {
	name, body := "", &comment
	flush := func() {}
	lines := strings.SplitAfter(data, "\n")
	for _, l := range lines {
		trimmed := strings.TrimSuffix(l, "\n")
		if strings.HasPrefix(trimmed, "-- ") && strings.HasSuffix(trimmed, " --") && len(trimmed) > 6 {
			flush()
			name = strings.TrimSpace(trimmed[3 : len(trimmed)-3])
			var section string
			body = &section
			flush = func() {
				if name == "cell" {
					cells = append(cells, sessionCell{code: strings.TrimSuffix(section, "\n")})
					return
				}
				if len(cells) == 0 {
					return
				}
				c := &cells[len(cells)-1]
				switch name {
				case "stdout":
					c.stdout = section
				case "stderr":
					c.stderr = section
				case "result":
					c.result = section
				case "error":
					c.err = section
				}
			}
			continue
		}
		*body += l
	}
	flush()
	return comment, cells
}

// formatSession writes a session back in txtar form.
func formatSession(comment string, cells []sessionCell) string {
	var b strings.Builder
	b.WriteString(comment)
	for _, c := range cells {
		b.WriteString("-- cell --\n" + c.code + "\n")
		for _, s := range []struct{ name, text string }{{"stdout", c.stdout}, {"stderr", c.stderr}, {"result", c.result}, {"error", c.err}} {
			if s.text == "" {
				continue
			}
			b.WriteString("-- " + s.name + " --\n" + s.text)
			if !strings.HasSuffix(s.text, "\n") {
				b.WriteString("\n")
			}
		}
	}
	return b.String()
}
