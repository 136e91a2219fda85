package engine

import (
	"strings"
	"testing"
)

func TestSourceLineClipsLongLines(t *testing.T) {
	long := strings.Repeat("a", 500) + "X" + strings.Repeat("b", 500)
	tests := []struct {
		name       string
		line       string
		col        int
		src, caret string
	}{
		{"short line", "x := )", 6, "x := )", "     ^"},
		{"tabs expand", "\tx := )", 7, "    x := )", "         ^"},
		{"long line, column in the middle", long, 501,
			"…" + strings.Repeat("a", 40) + "X" + strings.Repeat("b", 59) + "…", strings.Repeat(" ", 41) + "^"},
		{"long line, column at the start", long, 1, strings.Repeat("a", 100) + "…", "^"},
		{"long line, column past the end", long, 1002, "…" + strings.Repeat("b", 40), strings.Repeat(" ", 41) + "^"},
		{"combining marks take no column", "e\u0301e\u0301 )", 8, "e\u0301e\u0301 )", "   ^"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sourceLine([]string{tt.line}, 1, tt.col)
			want := []string{"        " + tt.src, "        " + tt.caret}
			if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
				t.Errorf("got\n%q\nwant\n%q", got, want)
			}
		})
	}
}

// TestTooManyErrors: as the Go compiler, a cell reports the first syntax
// error of each line, ten at most, then "too many errors".
func TestTooManyErrors(t *testing.T) {
	e := newEngine(t)
	var lines []string
	for range 12 {
		lines = append(lines, "### @@@")
	}
	kerr, _ := runErr(t, e, strings.Join(lines, "\n"))
	var msgs []string
	for _, l := range kerr.Traceback {
		if strings.HasPrefix(l, "cell:") {
			msgs = append(msgs, l)
		}
	}
	if len(msgs) != 11 || msgs[0] != "cell:1:1: illegal character U+0023 '#'" || msgs[10] != "cell:11:1: too many errors" {
		t.Errorf("got %d error lines:\n%s", len(msgs), strings.Join(msgs, "\n"))
	}
}

func TestClipMessage(t *testing.T) {
	msg := "cell:1:6: cannot use " + strings.Repeat("9", 100000) + " (untyped int constant) as int value"
	got := clipMessage(msg)
	if len(got) > maxMessage+10 || !strings.HasPrefix(got, "cell:1:6: cannot use 999") || !strings.HasSuffix(got, "as int value") || !strings.Contains(got, "…") {
		t.Errorf("clipMessage = %q", got)
	}
	if short := "cell:1:1: undefined: x"; clipMessage(short) != short {
		t.Errorf("a short message changed: %q", clipMessage(short))
	}
}
