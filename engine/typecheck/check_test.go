package typecheck

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path"
	"strconv"
	"strings"
	"testing"
)

// notebook runs cells through a Session as the engine does: each cell is
// checked, and a cell without errors is committed; imports and automatic
// imports accumulate.
type notebook struct {
	t       testing.TB
	s       *Session
	imports map[string]string
	known   map[string]bool
	count   int
}

func newNotebook(t testing.TB) *notebook {
	return &notebook{t: t, s: NewSession(), imports: map[string]string{}, known: map[string]bool{}}
}

var autoPaths = map[string]string{"fmt": "fmt", "strconv": "strconv", "strings": "strings", "nnlib": "github.com/gokernel/gokernel/nnlib", "math": "math", "errors": "errors"}

func (nb *notebook) env() Env {
	return Env{
		Imports: nb.imports,
		AutoImport: func(name string) (string, bool) {
			p, ok := autoPaths[name]
			return p, ok
		},
		Known: func(name string) bool { return nb.known[name] },
		Symbol: func(path, name string) bool {
			return path == "strings" && name == "BrandNew" // as if the export data were older
		},
		Label: fmt.Sprintf("In [%d]", nb.count),
	}
}

// run checks a cell and returns its first error ("" when none); a cell
// that passes is committed.
func (nb *notebook) run(code string) string {
	nb.t.Helper()
	nb.count++
	r := nb.s.Check(code, nb.env())
	if r.Err != nil {
		return "undecided"
	}
	if len(r.Errors) > 0 {
		return r.Errors[0].String()
	}
	nb.s.Commit(r, len(code))
	// What the engine would now know.
	f, err := parser.ParseFile(token.NewFileSet(), "", "package main; func _() {\n"+code+"\n}", parser.SkipObjectResolution)
	if err == nil {
		ast.Inspect(f, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && id.Obj == nil {
				nb.known[id.Name] = true
			}
			return true
		})
	}
	for _, line := range strings.Split(code, "\n") {
		if p, ok := strings.CutPrefix(strings.TrimSpace(line), "import "); ok {
			if q, err := strconv.Unquote(p); err == nil {
				nb.imports[path.Base(q)] = q
			}
		}
	}
	for _, name := range []string{"fmt", "strconv", "strings", "nnlib", "math", "errors"} {
		if strings.Contains(code, name+".") {
			nb.imports[name] = autoPaths[name]
		}
	}
	return ""
}

func TestCheckErrors(t *testing.T) {
	for _, tc := range []struct {
		cells []string
		want  string // the last cell's first error
	}{
		{[]string{`n := strconv.Atoi("3")`}, `cell:1:6: assignment mismatch: 1 variable but strconv.Atoi returns 2 values`},
		{[]string{"import \"strconv\"", "n := strconv.Atoi(\"3\")\nfmt.Println(n)"}, `cell:1:6: assignment mismatch: 1 variable but strconv.Atoi returns 2 values`},
		{[]string{"func pair() (int, int) { return 1, 2 }", "a := pair()"}, `cell:1:6: assignment mismatch: 1 variable but pair returns 2 values`},
		{[]string{"model := nnlib.NewSequential(nnlib.Dense(1))"}, `cell:1:10: assignment mismatch: 1 variable but nnlib.NewSequential returns 2 values`},
		{[]string{"a := 1\nb := \"x\"\nfmt.Println(a + b)"}, `cell:3:13: invalid operation: a + b (mismatched types int and string)`},
		{[]string{"a := 1", "b := \"x\"", "a + b"}, `cell:1:1: invalid operation: a + b (mismatched types int and string)`},
		{[]string{"func sign(x int) int {\n\tif x > 0 {\n\t\treturn 1\n\t}\n}"}, `cell:5:1: missing return`},
		{[]string{"func f() {\n\tx := 1\n}"}, `cell:2:2: declared and not used: x`},
		{[]string{"for i := 0; i < 3; i++ {\n\ty := i\n}"}, `cell:2:2: declared and not used: y`},
		{[]string{"break"}, `cell:1:1: break is not in a loop, switch, or select`},
		{[]string{"for {\n\tgoto L\n}"}, `cell:2:7: label L not defined`},
		{[]string{"var n int = nil"}, `cell:1:13: cannot use nil as int value in variable declaration`},
		{[]string{"type T struct{}", "var t T\nt.Missing()"}, `cell:2:3: t.Missing undefined (type T has no field or method Missing)`},
		{[]string{"type Shape interface{ Area() float64 }\ntype Sq struct{ s float64 }\nfunc (q *Sq) Area() float64 { return q.s * q.s }", "var s Shape = Sq{2}"},
			`cell:1:15: cannot use Sq{…} (value of struct type Sq) as Shape value in variable declaration: Sq does not implement Shape (method Area has pointer receiver)`},
		{[]string{"func half(x float64) float64 { return x / 2 }", "n := 3", "half(n)"}, `cell:1:6: cannot use n (variable of type int) as float64 value in argument to half`},
		{[]string{"x := 1\nx := 2"}, `cell:2:3: no new variables on left side of :=`},
		{[]string{"count := 0\nfunc name() string { return count }"}, `cell:2:29: cannot use count (variable of type int) as string value in return statement`},
		{[]string{"1 + 1\n2"}, `cell:1:1: 1 + 1 (untyped int constant 2) is not used`},
	} {
		nb := newNotebook(t)
		var got string
		for i, c := range tc.cells {
			got = nb.run(c)
			if i < len(tc.cells)-1 && got != "" {
				t.Fatalf("%q: cell %d: %s", tc.cells, i+1, got)
			}
		}
		if got != tc.want {
			t.Errorf("%q:\n got %s\nwant %s", tc.cells, got, tc.want)
		}
	}
}

// Cells Go accepts as a notebook's: none may be rejected.
func TestCheckAccepts(t *testing.T) {
	for _, cells := range [][]string{
		{"x := 1"},      // an unused top-level variable is a global
		{"x := 1", "x"}, // the final expression is the result
		{"import \"strings\"", "strings.ToUpper(\"a\")"},
		{"fmt.Println(1)"},                    // automatic import
		{"x := 1", "x := \"s\"", "x + \"t\""}, // redefinition with another type
		{"type T struct{ X int }", "t := T{1}", "func (t T) Double() int { return 2 * t.X }", "t.Double()"},
		{"type T struct{ X int }", "t := T{1}", "type T struct{ X, Y int }", "u := T{1, 2}\nu.Y"},
		{"type Weekday int\nconst (\n\tMonday Weekday = iota\n\tTuesday\n)", "var d Weekday = Tuesday", "d == Monday"},
		{"const big = 1 << 100", "big >> 98"},
		{"count := 0\nfunc inc() { count++ }\ninc()", "count"}, // a function of the cell uses its globals
		{"const third = 1.0 / 3", "var f float64 = third\nf"},
		{"count := 0", "func inc() { count++ }", "inc()\ncount"},
		{"if true {\n\treturn\n}\nfmt.Println(1)"},
		{"defer fmt.Println(1)"},
		{"m := map[string][]int{}", "m[\"a\"] = append(m[\"a\"], 1)"},
		{"type Stack[T any] struct{ items []T }", "func (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }", "s := &Stack[int]{}\ns.Push(1)", "s.items"},
		{"func Map[T, U any](xs []T, f func(T) U) []U { return nil }", "Map([]int{1}, func(i int) string { return \"\" })"},
		{"import \"math\"", "func math() {}", "math()"},
		{"r, err := strconv.Atoi(\"1\")", "r + 1", "err"},
		{"var err error = errors.New(\"x\")", "type E struct{}\nfunc (E) Error() string { return \"\" }", "err = E{}"},
		{"m, _ := nnlib.NewSequential(nnlib.Dense(1))", "m.Summary()"},
		{"x := []int{1}", "for _, v := range x {\n\tfmt.Println(v)\n}"},
		{"L:\nfor {\n\tbreak L\n}"},
	} {
		nb := newNotebook(t)
		for i, c := range cells {
			if got := nb.run(c); got != "" {
				t.Errorf("%q: cell %d rejected: %s", cells, i+1, got)
				break
			}
		}
	}
}

// What the model cannot decide is left to the interpreter.
func TestCheckUndecided(t *testing.T) {
	for _, cells := range [][]string{
		{"import \"example.com/not/preloaded\""},
		{"rand.Intn(3)"}, // several packages named rand
		// A function of the cell that uses a variable of the cell's own
		// type defined by the cell's top level.
		{"type P struct{ X int }\np := P{1}\nfunc getX() int { return p.X }"},
	} {
		nb := newNotebook(t)
		if got := nb.run(cells[0]); got != "undecided" {
			t.Errorf("%q: %s", cells, got)
		}
	}
	// A member the interpreter has and the type information lacks.
	if got := newNotebook(t).run("strings.BrandNew()"); got != "undecided" {
		t.Errorf("stale export data: %s", got)
	}
	if got := newNotebook(t).run("strings.Toupper(\"a\")"); !strings.HasPrefix(got, "cell:1:9: undefined: strings.Toupper") {
		t.Errorf("misspelt member: %s", got)
	}
	// A name the engine knows and the model does not.
	nb := newNotebook(t)
	nb.known["mystery"] = true
	if got := nb.run("mystery + 1"); got != "undecided" {
		t.Errorf("unknown session name: %s", got)
	}
}

// A position in a message that points at an earlier cell names it.
func TestCheckEarlierCellPosition(t *testing.T) {
	nb := newNotebook(t)
	if got := nb.run("import \"fmt\"\n\nfunc Zero[T any]() T {\n\tvar z T\n\treturn z\n}"); got != "" {
		t.Fatal(got)
	}
	want := "cell:1:13: in call to Zero, cannot infer T (declared at In [1]:3:11)"
	if got := nb.run("fmt.Println(Zero())"); got != want {
		t.Fatalf("got %s\nwant %s", got, want)
	}
}

// A cell the model could not decide leaves its names unknown: a later
// cell that uses them is not rejected for the stale types.
func TestCheckUndecidedForgets(t *testing.T) {
	nb := newNotebook(t)
	if got := nb.run("x := 1"); got != "" {
		t.Fatal(got)
	}
	// The engine ran this cell unchecked (an ambiguous package name):
	// x is now whatever rand.Intn returns for all the model knows.
	r := nb.s.Check("x := rand.Intn(3)", nb.env())
	if r.Err == nil {
		t.Fatalf("decided: %v", r.Errors)
	}
	nb.s.Commit(r, len("x := rand.Intn(3)"))
	nb.known["x"] = true
	if got := nb.run("var s string = x"); got != "undecided" {
		t.Fatalf("x is still the model's int: %s", got)
	}
	// Methods added by an unchecked cell: the type's method set is unsure.
	if got := nb.run("type T struct{}\nv := T{}"); got != "" {
		t.Fatal(got)
	}
	r = nb.s.Check("func (T) M() int { return rand.Intn(2) }", nb.env())
	nb.s.Commit(r, 100)
	if got := nb.run("v.M()"); got != "undecided" {
		t.Fatalf("v.M: %s", got)
	}
	if got := nb.run("type T struct{ A int }\nw := T{A: 1}"); got != "" {
		t.Fatal(got)
	}
	if got := nb.run("w.M()"); !strings.Contains(got, "w.M undefined") {
		t.Fatalf("T declared afresh, without M: %s", got)
	}
}

// A cell that stopped part-way commits only what ran.
func TestCommitUpTo(t *testing.T) {
	nb := newNotebook(t)
	code := "a := 1\nfunc later() int { return 2 }"
	r := nb.s.Check(code, nb.env())
	if r.Err != nil || len(r.Errors) > 0 {
		t.Fatal(r.Err, r.Errors)
	}
	nb.s.Commit(r, len("a := 1\n"))
	if got := nb.run("a + 1"); got != "" {
		t.Fatal(got)
	}
	if got := nb.run("later()"); got != "cell:1:1: undefined: later" {
		t.Fatalf("later: %s", got)
	}
}
