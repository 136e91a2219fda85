package engine

import (
	"slices"
	"strings"
	"testing"
)

func TestComplete(t *testing.T) {
	e := newEngine(t)
	run(t, e, "import \"strings\"\nimport \"gonum.org/v1/gonum/mat\"\ntype Point struct{ X, Y float64 }\nfunc (p Point) Norm() float64 { return p.X }\nmyVar := 1\npt := Point{1, 2}\nd := mat.NewDense(1, 1, nil)\nfunc helper() {}")
	tests := []struct {
		code       string
		cursor     int // -1 = end of code
		want       []string
		notWant    []string
		start, end int
	}{
		{code: "my", cursor: -1, want: []string{"myVar"}, start: 0, end: 2},
		{code: "x := hel", cursor: -1, want: []string{"helper"}, start: 5, end: 8},
		{code: "strings.ToU", cursor: -1, want: []string{"ToUpper"}, notWant: []string{"ToLower"}, start: 8, end: 11},
		{code: "slices.So", cursor: -1, want: []string{"Sort", "SortFunc", "Sorted"}, notWant: []string{"Max"}, start: 7, end: 9},
		{code: "maps.K", cursor: -1, want: []string{"Keys"}, start: 5, end: 6},
		{code: "fmt.Spr", cursor: -1, want: []string{"Sprint", "Sprintf", "Sprintln"}, start: 4, end: 7},
		{code: "mat.NewD", cursor: -1, want: []string{"NewDense"}, start: 4, end: 8},
		{code: "pt.", cursor: -1, want: []string{"X", "Y", "Norm"}, start: 3, end: 3},
		{code: "d.", cursor: -1, want: []string{"At", "Dims", "Set"}, start: 2, end: 2},
		{code: "fo", cursor: -1, want: []string{"for"}, start: 0, end: 2},
		{code: "ap", cursor: -1, want: []string{"append"}, start: 0, end: 2},
		{code: "newName := 1\nnewN", cursor: -1, want: []string{"newName"}, start: 13, end: 17},
		{code: "Poi + 1", cursor: 3, want: []string{"Point"}, start: 0, end: 3},
		{code: "myV2", cursor: 2, want: []string{"myVar"}, start: 0, end: 4},
	}
	for _, tt := range tests {
		cursor := tt.cursor
		if cursor < 0 {
			cursor = len(tt.code)
		}
		c := e.Complete(tt.code, cursor)
		for _, w := range tt.want {
			if !slices.Contains(c.Matches, w) {
				t.Errorf("Complete(%q): %v lacks %q", tt.code, c.Matches, w)
			}
		}
		for _, w := range tt.notWant {
			if slices.Contains(c.Matches, w) {
				t.Errorf("Complete(%q): %v has %q", tt.code, c.Matches, w)
			}
		}
		if c.CursorStart != tt.start || c.CursorEnd != tt.end {
			t.Errorf("Complete(%q): cursor %d..%d, want %d..%d", tt.code, c.CursorStart, c.CursorEnd, tt.start, tt.end)
		}
	}
	kinds := func(code string) map[string]any {
		c := e.Complete(code, len(code))
		out := map[string]any{}
		for _, t := range c.Metadata["_jupyter_types_experimental"].([]any) {
			m := t.(map[string]any)
			out[m["text"].(string)] = m["type"]
		}
		return out
	}
	for code, want := range map[string]map[string]string{
		"strings.ToUpp": {"ToUpper": "function"},
		"mat.Den":       {"Dense": "type", "DenseCopyOf": "function"},
		"math.P":        {"Pi": "constant"},
		"my":            {"myVar": "variable"},
		"hel":           {"helper": "function"},
		"Poi":           {"Point": "type"},
		"pt.":           {"X": "field", "Norm": "method"},
		"fo":            {"for": "keyword"},
	} {
		got := kinds(code)
		for text, kind := range want {
			if got[text] != kind {
				t.Errorf("Complete(%q): %q has type %v, want %q", code, text, got[text], kind)
			}
		}
	}
	// Bad cursors are clamped, never a panic.
	e.Complete("abc", 99)
	e.Complete("abc", -5)
	e.Complete("", 0)
}

func TestInspect(t *testing.T) {
	e := newEngine(t)
	run(t, e, "import \"strings\"\nimport \"gonum.org/v1/gonum/mat\"\ncount := 42\nfunc twice(x int) int { return 2 * x }\nd := mat.NewDense(2, 2, nil)\ntype Box struct{ W int }\nfunc (b *Box) Area() int { return b.W * b.W }\nbox := &Box{3}")
	tests := []struct {
		code   string
		cursor int
		found  bool
		want   []string
	}{
		{"strings.ToUpper(s)", 10, true, []string{"func ToUpper(s string) string", "ToUpper returns s with all Unicode letters mapped"}},
		{"mat.NewDense", 12, true, []string{"func NewDense(r, c int, data []float64) *Dense"}},
		{"slices.Max", 8, true, []string{"func Max[E ordered](x []E) E", "Max returns the largest element"}},
		{"mat.Dense", 6, true, []string{"type Dense struct"}},
		{"d.Mul", 5, true, []string{"func (m *Dense) Mul(a, b Matrix)", "Mul takes the matrix product"}},
		{"box.Area()", 6, true, []string{"func (b *Box) Area() int"}},
		{"Box", 1, true, []string{"type Box struct"}},
		{"fmt.Println", 11, true, []string{"func Println(a ...any)"}},
		{"count", 3, true, []string{"int", "42"}},
		{"twice(1)", 2, true, []string{"func twice(x int) int"}},
		{"nothingHere", 4, false, nil},
		{"", 0, false, nil},
	}
	for _, tt := range tests {
		in := e.Inspect(tt.code, tt.cursor, 0)
		if in.Found != tt.found {
			t.Errorf("Inspect(%q): found %v, want %v (%v)", tt.code, in.Found, tt.found, in.Data)
			continue
		}
		text, _ := in.Data["text/plain"].(string)
		for _, w := range tt.want {
			if !strings.Contains(text, w) {
				t.Errorf("Inspect(%q) = %q, lacks %q", tt.code, text, w)
			}
		}
	}
	long := e.Inspect("strings.Split", 13, 1)
	short := e.Inspect("strings.Split", 13, 0)
	if len(long.Data["text/plain"].(string)) < len(short.Data["text/plain"].(string)) {
		t.Error("detail 1 is shorter than detail 0")
	}
}

func TestIsComplete(t *testing.T) {
	e := newEngine(t)
	tests := []struct{ code, status, indent string }{
		{"x := 1", "complete", ""},
		{"", "complete", ""},
		{"func f() {", "incomplete", "    "},
		{"for i := range 3 {\n\tif i > 0 {", "incomplete", "        "},
		{"xs := []int{\n1,", "incomplete", "    "},
		{"s := `raw", "incomplete", ""},
		{"x := 1 +", "incomplete", ""},
		{"}", "invalid", ""},
		{"x := \"unterminated", "invalid", ""},
		{"func f() {}\nf()", "complete", ""},
		{"x := := 1", "invalid", ""},
		{"import \"fmt\"\nfmt.Println(\"x\")\ntype T struct{ A int }", "complete", ""},
		{"if x { } else", "incomplete", ""},
		{"var 5 = x", "invalid", ""},
		{"import 5", "invalid", ""},
		{"x := )", "invalid", ""},
		{"func {", "invalid", ""},
		{"func f() {\n\tx := )", "invalid", ""},
		{"var 5 = (", "invalid", ""},
		{"for i := range 3 {", "incomplete", "    "},
		{"import (", "incomplete", "    "},
		{"import (\n\t\"fmt\"", "incomplete", "    "},
		{"fmt.Println(", "incomplete", "    "},
		{"fmt.Println(1,", "incomplete", "    "},
		{"m := map[string]int{\n\t\"a\": 1,", "incomplete", "    "},
		{"switch x {\ncase 1:", "incomplete", "    "},
		{"if x {\n} else {", "incomplete", "    "},
		{"func f() int {\n\treturn 1 +", "incomplete", "    "},
		{"type T struct {", "incomplete", "    "},
		{"fmt.Println(1))", "invalid", ""},
		{"x := [}", "invalid", ""},
	}
	for _, tt := range tests {
		status, indent := e.IsComplete(tt.code)
		if status != tt.status || indent != tt.indent {
			t.Errorf("IsComplete(%q) = %q, %q; want %q, %q", tt.code, status, indent, tt.status, tt.indent)
		}
	}
}

func TestEvaluate(t *testing.T) {
	e := newEngine(t)
	run(t, e, "n := 6")
	data, err := e.Evaluate("n * 7")
	if err != nil || data["text/plain"] != "42" {
		t.Errorf("Evaluate = %v, %v", data, err)
	}
	if _, err := e.Evaluate("undefinedThing"); err == nil {
		t.Error("Evaluate of an undefined name succeeded")
	}
	if _, err := e.Evaluate("x := 1"); err == nil {
		t.Error("Evaluate of a statement succeeded")
	}
}
