package engine

import (
	"strings"
	"testing"
)

// step is one cell of a session and what it must produce.
type step struct {
	code   string
	result string // text/plain of the result
	stdout string // expected standard output (exact)
	err    string // substring of the error ("" = must succeed)
}

// runSteps executes the steps in one engine, in order.
func runSteps(t *testing.T, steps []step) {
	t.Helper()
	e := newEngine(t)
	for i, s := range steps {
		if s.err != "" {
			err, _ := runErr(t, e, s.code)
			if msg := err.Error() + "\n" + strings.Join(err.Traceback, "\n"); !strings.Contains(msg, s.err) {
				t.Errorf("step %d %q: error %q, want it to contain %q", i, s.code, msg, s.err)
			}
			continue
		}
		res, out := run(t, e, s.code)
		if got := plain(res); got != s.result {
			t.Errorf("step %d %q: result %q, want %q", i, s.code, got, s.result)
		}
		if got := out.Text("stdout"); got != s.stdout {
			t.Errorf("step %d %q: stdout %q, want %q", i, s.code, got, s.stdout)
		}
	}
}

func TestCellsMixAndRerun(t *testing.T) {
	tests := map[string][]step{
		"declarations and statements in any order": {
			{code: "x := 2\nimport \"fmt\"\nfunc double(v int) int { return 2 * v }\nfmt.Println(double(x))\ntype P struct{ X, Y int }\nconst k = 10\nvar p = P{x, k}\np", result: "{X:2 Y:10}", stdout: "4\n"},
			{code: "import \"strings\"; strings.Repeat(\"ab\", 2)", result: "abab"},
		},
		"forward references inside one declaration group": {
			{code: "func a() int { return b() + 1 }\nfunc b() int { return c }\nconst c = 41\na()", result: "42"},
		},
		"re-importing is fine": {
			{code: "import \"fmt\"\nfmt.Sprint(1)", result: "1"},
			{code: "import \"fmt\"\nimport \"strings\"\nfmt.Sprint(strings.ToUpper(\"a\"))", result: "A"},
			{code: "import (\n\t\"fmt\"\n\tstr \"strings\"\n)\nfmt.Sprint(str.ToLower(\"B\"))", result: "b"},
		},
		"re-running every kind of cell": {
			{code: "import \"fmt\"\nvar v = 1\nconst c = 2\nw := 3\nfunc f() int { return v + c + w }\nf()", result: "6"},
			{code: "import \"fmt\"\nvar v = 1\nconst c = 2\nw := 3\nfunc f() int { return v + c + w }\nf()", result: "6"},
			{code: "import \"fmt\"\nvar v = 10\nconst c = 20\nw := 30\nfunc f() int { return v + c + w }\nf()", result: "60"},
		},
		"re-running a type cell, then a composite literal": {
			{code: "type T struct{ A int }\nfunc (t T) Sum() int { return t.A }\nT{1}.Sum()", result: "1"},
			{code: "type T struct{ A int }\nfunc (t T) Sum() int { return t.A }\nT{1}.Sum()", result: "1"},
			{code: "type T struct{ A, B int }\nfunc (t T) Sum() int { return t.A + t.B }\nT{1, 2}.Sum()", result: "3"},
			{code: "T{A: 5, B: 6}", result: "{A:5 B:6}"},
			{code: "type T struct{ A, B, C int }\nT{1, 2, 3}", result: "{A:1 B:2 C:3}"},
			{code: "t := T{C: 7}\nt.C", result: "7"},
		},
		"re-defining a variable with another type": {
			{code: "v := 1\nfunc get() int { return v }\nv", result: "1"},
			{code: "v := 2\nget()", result: "2"},
			{code: "v := \"now a string\"\nv", result: "now a string"},
			{code: "v, w := 3, 4\nw", result: "4"},
			{code: "v + w", result: "7"},
		},
		"imports apply to the whole cell": {
			{code: "var b strings.Builder\nimport \"strings\"\nb.WriteString(\"ok\")\nb.String()", result: "ok"},
		},
		"top-level defer runs when the cell ends, once": {
			{code: "import \"fmt\"\ndefer fmt.Println(\"deferred\", 1)\nfor i := range 2 { defer fmt.Println(\"loop\", i) }\nfmt.Println(\"body\")", stdout: "body\nloop 1\nloop 0\ndeferred 1\n"},
			{code: "fmt.Println(\"next cell\")", stdout: "next cell\n"},
			{code: "func f() (s string) { defer func() { s += \"!\" }(); return \"in func\" }\nf()", result: "in func!"},
		},
		"statements on one line": {
			{code: "a := 1; b := 2; a + b", result: "3"},
		},
		"bookkeeping results are not shown": {
			{code: "import \"fmt\"\nfmt.Println(\"x\")", stdout: "x\n"},
			{code: "import \"os\"\nfmt.Fprintln(os.Stdout, \"y\")", stdout: "y\n"},
			{code: "var err error\nerr", result: ""},
			{code: "func nothing() {}\nnothing()", result: ""},
		},
		"final values are formatted": {
			{code: "import \"strconv\"\nstrconv.Atoi(\"12\")", result: "12"},
			{code: "strconv.Atoi(\"x\")", result: "(0, strconv.Atoi: parsing \"x\": invalid syntax)"},
			{code: "func two() (int, string) { return 1, \"a\" }\ntwo()", result: "(1, a)"},
			{code: "[]int{1, 2}", result: "[1 2]"},
			{code: "map[string]int{\"a\": 1}", result: "map[a:1]"},
			{code: "import \"time\"\n2 * time.Second", result: "2s"},
			{code: "import \"errors\"\nerrors.New(\"bad\")", result: "bad"},
			{code: "type S struct{ N int }\nfunc (s S) String() string { return \"S!\" }\nS{1}", result: "S!"},
			{code: "type P struct{ N int }\nfunc (p *P) String() string { return \"P!\" }\n&P{2}", result: "P!"},
			{code: "type R struct{}\nfunc (R) MIMEBundle() (map[string]any, map[string]any) {\n\treturn map[string]any{\"text/html\": \"<b>r</b>\", \"text/plain\": \"r\"}, nil\n}\nR{}", result: "r"},
			{code: "x := 3\nx", result: "3"},
		},
	}
	for name, steps := range tests {
		t.Run(name, func(t *testing.T) { runSteps(t, steps) })
	}
}

func TestGoFeaturesYaegiLacks(t *testing.T) {
	tests := map[string][]step{
		"range over an integer": {
			{code: "import \"fmt\"\nfor i := range 3 { fmt.Print(i) }", stdout: "012"},
			{code: "n := 4\nfor i := range n { fmt.Print(i) }", stdout: "0123"},
			{code: "xs := []int{5, 6}\nfor i := range len(xs) { fmt.Print(i) }", stdout: "01"},
			{code: "for range 2 { fmt.Print(\"x\") }", stdout: "xx"},
			{code: "func count(k int) (s int) {\n\tfor i := range k {\n\t\ts += i\n\t}\n\treturn\n}\ncount(5)", result: "10"},
			{code: "var big int64 = 3\nsum := int64(0)\nfor i := range big { sum += i }\nsum", result: "3"},
			{code: "const N = 3\ntotal := 0\nfor i := range N { total += i }\ntotal", result: "3"},
			{code: "for i := range []string{\"a\", \"b\"} { fmt.Print(i) }", stdout: "01"},
			{code: "outer:\nfor i := range 3 {\n\tfor j := range 3 {\n\t\tif j == 1 { continue outer }\n\t\tfmt.Print(i, j, \" \")\n\t}\n}", stdout: "0 0 1 0 2 0 "},
		},
		"per-iteration loop variables": {
			{code: "var fs []func() int\nfor i := 0; i < 3; i++ { fs = append(fs, func() int { return i }) }\nfs[0]() + fs[1]()*10 + fs[2]()*100", result: "210"},
			{code: "var gs []func() string\nfor _, s := range []string{\"a\", \"b\"} { gs = append(gs, func() string { return s }) }\ngs[0]() + gs[1]()", result: "ab"},
			{code: "var hs []func() int\nfor i := range 2 { hs = append(hs, func() int { return i }) }\nhs[0]() + hs[1]()*10", result: "10"},
		},
		"min max clear": {
			{code: "min(3, 1, 2)", result: "1"},
			{code: "max(1.5, 2.5)", result: "2.5"},
			{code: "min(2, 0.5, 1)", result: "0.5"},
			{code: "f := 0.25\nmax(f, 1)", result: "1"},
			{code: "max(\"a\", \"b\")", result: "b"},
			{code: "a, b := 4, 9\nmin(a, b) + max(a, b)", result: "13"},
			{code: "m := map[string]int{\"a\": 1}\nclear(m)\nlen(m)", result: "0"},
			{code: "s := []int{1, 2}\nclear(s)\ns", result: "[0 0]"},
		},
		"generics with inference": {
			{code: "func Map[T, R any](xs []T, f func(T) R) []R {\n\tvar out []R\n\tfor _, x := range xs { out = append(out, f(x)) }\n\treturn out\n}\nMap([]int{1, 2}, func(i int) int { return i * 10 })", result: "[10 20]"},
			{code: "type Number interface{ ~int | ~float64 }\nfunc Sum[T Number](xs []T) T {\n\tvar s T\n\tfor _, x := range xs { s += x }\n\treturn s\n}\nSum([]int{1, 2, 3})", result: "6"},
			{code: "Sum([]float64{1.5, 2.5})", result: "4"},
			{code: "type Stack[T any] struct{ items []T }\nfunc (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }\nst := &Stack[int]{}\nst.Push(4)\nlen(st.items)", result: "1"},
		},
	}
	for name, steps := range tests {
		t.Run(name, func(t *testing.T) { runSteps(t, steps) })
	}
}

// TestAutoImport: a package used without an import is imported when one
// preloaded package has that name; otherwise the error names the
// candidates.
func TestAutoImport(t *testing.T) {
	runSteps(t, []step{
		{code: "fmt.Println(1)", stdout: "1\n"},
		{code: "x := math.Sqrt(16)\nx", result: "4"},
		{code: "func up(s string) string { return strings.ToUpper(s) }\nup(\"a\") + strconv.Itoa(2)", result: "A2"},
		{code: "rand.Intn(2)", err: `undefined: rand (add import "crypto/rand" or "math/rand" or "math/rand/v2")`},
		{code: "notAPackage.Foo()", err: "undefined: notAPackage"},
		{code: "strings.ToLower(\"B\")", result: "b"},
		{code: "var it iter.Seq[int] = slices.Values([]int{2, 1})\nslices.Sorted(it)", result: "[1 2]"},
		{code: "import mrand \"math/rand\"\nmrand.Intn(1)", result: "0"},
	})
}

// TestAutoImportMultiValueDefine: a package-level definition of several
// values from a call into a package not imported crashes yaegi instead of
// reporting the package undefined; the engine imports the package.
func TestAutoImportMultiValueDefine(t *testing.T) {
	runSteps(t, []step{
		{code: "m, err := strconv.Atoi(\"x\")\nfmt.Println(m, err)", stdout: "0 strconv.Atoi: parsing \"x\": invalid syntax\n"},
		{code: "m, err = strconv.Atoi(\"7\")\nm + 1", result: "8"},
		{code: "var q, r = bits.Div(0, 7, 2)\nq + r", result: "4"},
		{code: "model, err := nnlib.NewSequential()\nerr == nil && model != nil", result: "true"},
		{code: "n, err := rand.Int(nil, nil)", err: `cell:1:11: undefined: rand (add import "crypto/rand" or "math/rand" or "math/rand/v2")`},
		{code: "a, b := notAPackage.Two()", err: "cell:1:9: undefined: notAPackage"},
		{code: "m", result: "7"},
	})
}

// TestAutoImportThatYaegiStillRejects: two packages imported
// automatically by one cell both work, and where yaegi calls a package
// undefined even after the engine imported it (a composite literal holding
// an undefined name), the cell reports a compile error, not an internal
// error, and state stays.
func TestAutoImportThatYaegiStillRejects(t *testing.T) {
	e := newEngine(t)
	run(t, e, "kept := 3")
	for _, code := range []string{"a := []nnplot.Run{{\"16\", h16}}", "b := []int{h16}"} {
		if err, _ := runErr(t, e, code); err.Name != kindCompile.String() || !strings.Contains(err.Value, "undefined: h16") {
			t.Errorf("%q: %s %q, want the compile error undefined: h16", code, err.Name, err.Value)
		}
	}
	if res, _ := run(t, e, "var h *nnlib.History\nr := nnplot.Run{History: h}\nr.History == nil"); plain(res) != "true" {
		t.Errorf("two packages imported automatically in one cell: %q", plain(res))
	}
	if res, _ := run(t, e, "kept"); plain(res) != "3" {
		t.Errorf("kept = %q after the failed cells", plain(res))
	}
}
