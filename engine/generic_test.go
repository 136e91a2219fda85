package engine

import "testing"

// TestGenericStdlib: the generic functions of slices, maps and iter that
// yaegi does not ship (or fails on) work, at top level too, where yaegi
// cannot define a variable from a generic result without help.
func TestGenericStdlib(t *testing.T) {
	runSteps(t, []step{
		{code: "import (\n\t\"slices\"\n\t\"maps\"\n\t\"iter\"\n)\nxs := []int{3, 1, 2}\nslices.Sort(xs)\nxs", result: "[1 2 3]"},
		{code: "slices.Max(xs)*10 + slices.Min(xs)", result: "31"},
		{code: "top := slices.Max(xs)\ntop + 1", result: "4"},
		{code: "ys := slices.Clone(xs)\nslices.Reverse(ys)\nys", result: "[3 2 1]"},
		{code: "xs", result: "[1 2 3]"},
		{code: "slices.Contains(xs, 2)", result: "true"},
		{code: "slices.Index(xs, 3)", result: "2"},
		{code: "slices.Insert(xs, 1, 9, 8)", result: "[1 9 8 2 3]"},
		{code: "slices.Compact([]string{\"a\", \"a\", \"b\"})", result: "[a b]"},
		{code: "slices.Concat([]int{1}, []int{2, 3})", result: "[1 2 3]"},
		{code: "m := map[string]int{\"b\": 2, \"a\": 1}\nkeys := slices.Sorted(maps.Keys(m))\nkeys", result: "[a b]"},
		{code: "m2 := maps.Clone(m)\nm2[\"c\"] = 3", result: ""},
		{code: "len(m2) - len(m)", result: "1"},
		{code: "var seq iter.Seq[int] = slices.Values(xs)\nslices.Collect(seq)", result: "[1 2 3]"},
		{code: "type P struct {\n\tName string\n\tAge  int\n}\nps := []P{{\"b\", 30}, {\"a\", 20}}\nslices.SortFunc(ps, func(x, y P) int { return x.Age - y.Age })\nps[0].Name", result: "a"},
		{code: "older := slices.IndexFunc(ps, func(p P) bool { return p.Age > 25 })\nolder", result: "1"},
		{code: "var best int = slices.Max([]int{4, 9})\nbest", result: "9"},
		{code: "slices.Max([]int{})", err: "slices.Max: empty list"},
		{code: "func Last[E any](s []E) E { return s[len(s)-1] }\nl := Last([]string{\"x\", \"y\"})\nl", result: "y"},
	})
}

// TestGenericMultiValueDefine: a top-level definition of several
// variables from a generic function's results (yaegi: "nil reflect
// type") becomes declarations with the types a probe learns, then an
// assignment.
func TestGenericMultiValueDefine(t *testing.T) {
	runSteps(t, []step{
		{code: "func G[T any](x T) (T, error) { return x, nil }\nfunc MinMax[T cmp.Ordered](xs []T) (T, T) { return slices.Min(xs), slices.Max(xs) }"},
		{code: "v, err := G(2.5)\nv", result: "2.5"},
		{code: "err == nil", result: "true"},
		{code: "s, _ := G(\"x\")\ns", result: "x"},
		{code: "v, err := G(1)\nv + 1", result: "2"},
		{code: "lo, hi := MinMax([]int{3, 1, 2})\nfmt.Println(lo, hi)", stdout: "1 3\n"},
		{code: "for i := 0; i < 1; i++ { a, b := G(i); fmt.Println(a, b) }", stdout: "0 <nil>\n"},
		{code: "var w, e2 = G(2.5)\nw", result: "2.5"},
	})
}

// TestGenericThenAutoImport: a cell that instantiates generic code of
// package slices and then fails to compile (here for want of an import,
// which the engine then adds) leaves yaegi with an empty frame layout; the
// checkpoint puts it back, so the cell runs and earlier variables keep
// their values.
func TestGenericThenAutoImport(t *testing.T) {
	runSteps(t, []step{
		{code: "count := 7\nlabel := \"x\""},
		{code: "func pos(xs []int, v int) { j := slices.Index(xs, v); fmt.Println(j) }\npos([]int{1, 3}, 3)", stdout: "1\n"},
		{code: "xs := []int{4, 5}\nfor _, x := range xs { i := slices.Index(xs, x); s := strconv.Itoa(i); os.Stdout.WriteString(s) }", stdout: "01"},
		{code: "y := 2.5\nfmt.Sprint(count, label, xs, y)", result: "7x[4 5] 2.5"},
	})
}

// TestYaegiGapsExplained: generic functions whose type parameter only a
// variadic parameter uses get their type argument written when the
// arguments show it; the constructs the interpreter cannot run end with an
// error that names them.
func TestYaegiGapsExplained(t *testing.T) {
	runSteps(t, []step{
		{code: "func Sum[T int | float64](xs ...T) T {\n\tvar s T\n\tfor _, x := range xs { s += x }\n\treturn s\n}"},
		{code: "Sum(1, 2, 3)", result: "6"},
		{code: "Sum(1, 2.5)", result: "3.5"},
		{code: "Sum(-1, 'a')", err: "rune does not satisfy int | float64 (rune missing in int | float64)"}, // as go build
		{code: "Sum[int](1, 2, 3)", result: "6"},
		{code: "n, f := 2, 0.5"},
		{code: "Sum(n, 3) + int(Sum(f, 1))", result: "6"},
		{code: "fs := []float64{1.5, 2}"},
		{code: "Sum(fs...)", result: "3.5"},
		{code: "func twice(a int) int { return Sum(a, a) }", err: "Sum[int](1, 2, 3)"},
		{code: "func Count(n int) func(func(int) bool) {\n\treturn func(yield func(int) bool) {\n\t\tfor i := 0; i < n && yield(i); i++ {\n\t\t}\n\t}\n}"},
		{code: "func total() (s int) {\n\tseq := Count(3)\n\tfor x := range seq { s += x }\n\treturn\n}\ntotal()", result: "3"},
		{code: "func total2() (s int) {\n\tCount(3)(func(x int) bool { s += x; return true })\n\treturn\n}\ntotal2()", result: "3"},
	})
}

// TestRangeOverFunc: top-level range loops over iterators (Go 1.23) run,
// with continue, break, labels and per-iteration variables.
func TestRangeOverFunc(t *testing.T) {
	runSteps(t, []step{
		{code: "import (\n\t\"fmt\"\n\t\"iter\"\n\t\"maps\"\n\t\"slices\"\n)\nfunc Countdown(n int) iter.Seq[int] {\n\treturn func(yield func(int) bool) {\n\t\tfor i := n; i > 0; i-- {\n\t\t\tif !yield(i) {\n\t\t\t\treturn\n\t\t\t}\n\t\t}\n\t}\n}"},
		{code: "fmt.Print(\"go: \")\nfor x := range Countdown(3) { fmt.Print(x, \" \") }", stdout: "go: 3 2 1 "},
		{code: "for x := range Countdown(10) {\n\tif x == 9 { continue }\n\tif x == 6 { break }\n\tfmt.Print(x, \" \")\n}", stdout: "10 8 7 "},
		{code: "m := map[string]int{\"a\": 1}\nfor k, v := range maps.All(m) { fmt.Println(k, v) }", stdout: "a 1\n"},
		{code: "for i, s := range slices.Backward([]string{\"x\", \"y\"}) { fmt.Print(i, s, \" \") }", stdout: "1y 0x "},
		{code: "seq := Countdown(2)\nfor range seq { fmt.Print(\"*\") }", stdout: "**"},
		{code: "var fs []func() int\nfor x := range Countdown(3) { fs = append(fs, func() int { return x }) }\nfs[0]() + fs[1]()*10 + fs[2]()*100", result: "123"},
		{code: "outer:\nfor x := range Countdown(2) {\n\tfor y := range 3 {\n\t\tif y == 1 { continue outer }\n\t\tfmt.Print(x, y, \" \")\n\t}\n}", stdout: "2 0 1 0 "},
		{code: "type Tree struct {\n\tL, R *Tree\n\tV    int\n}\nfunc (t *Tree) Walk() func(func(int) bool) {\n\treturn func(yield func(int) bool) { t.walk(yield) }\n}\nfunc (t *Tree) walk(yield func(int) bool) bool {\n\treturn t == nil || t.L.walk(yield) && yield(t.V) && t.R.walk(yield)\n}\ntr := &Tree{L: &Tree{V: 1}, V: 2, R: &Tree{V: 3}}"},
		{code: "for v := range tr.Walk() { fmt.Print(v) }", stdout: "123"},
	})
}

// TestRangeOverFuncInFunctions: inside functions, range loops over
// iterators the engine recognises pull their values: return, break,
// labels and infinite iterators work, and a panicking iterator ends the
// cell with an error instead of the process.
func TestRangeOverFuncInFunctions(t *testing.T) {
	runSteps(t, []step{
		{code: "import (\n\t\"fmt\"\n\t\"iter\"\n\t\"maps\"\n\t\"slices\"\n)\nfunc Countdown(n int) iter.Seq[int] {\n\treturn func(yield func(int) bool) {\n\t\tfor i := n; i > 0 && yield(i); i-- {\n\t\t}\n\t}\n}\nfunc Naturals() func(func(int) bool) {\n\treturn func(yield func(int) bool) {\n\t\tfor i := 0; yield(i); i++ {\n\t\t}\n\t}\n}"},
		{code: "func sum(n int) (s int) {\n\tfor x := range Countdown(n) { s += x }\n\treturn\n}\nsum(4)", result: "10"},
		{code: "func firstSquareOver(limit int) int {\n\tfor x := range Naturals() {\n\t\tif x*x > limit { return x }\n\t}\n\treturn -1\n}\nfirstSquareOver(50)", result: "8"},
		{code: "func pairs(m map[string]int) (out []string) {\n\tfor k, v := range maps.All(m) { out = append(out, fmt.Sprint(k, v)) }\n\tslices.Sort(out)\n\treturn\n}\npairs(map[string]int{\"b\": 2, \"a\": 1})", result: "[a1 b2]"},
		{code: "func grid() (s string) {\nouter:\n\tfor x := range Countdown(3) {\n\t\tfor y := range Countdown(3) {\n\t\t\tif y == 2 { continue outer }\n\t\t\ts += fmt.Sprint(x, y, \" \")\n\t\t}\n\t}\n\treturn\n}\ngrid()", result: "3 3 2 3 1 3 "},
		{code: "func broken() iter.Seq[int] {\n\treturn func(yield func(int) bool) { yield(1); panic(\"iterator broke\") }\n}\nfunc use() (s int) {\n\tfor x := range broken() { s += x }\n\treturn\n}\nuse()", err: "iterator broke"},
		{code: "sum(3)", result: "6"},
	})
}
