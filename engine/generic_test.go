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

// TestYaegiGapsExplained: constructs the interpreter cannot run end with
// an error that names them.
func TestYaegiGapsExplained(t *testing.T) {
	runSteps(t, []step{
		{code: "func Sum[T int | float64](xs ...T) T {\n\tvar s T\n\tfor _, x := range xs { s += x }\n\treturn s\n}"},
		{code: "Sum(1, 2, 3)", err: "Sum[int](1, 2, 3)"},
		{code: "Sum[int](1, 2, 3)", result: "6"},
	})
}
