package engine

import "testing"

// TestCompileErrorLeavesNoTrace: a cell that does not compile changes
// nothing: names defined before keep their values and types, and none of
// its own names appear, whatever chunk of the cell failed.
func TestCompileErrorLeavesNoTrace(t *testing.T) {
	tests := map[string][]step{
		"redefinition of a variable with another type": {
			{code: "a := 5"},
			{code: "a := \"x\"; undefinedThing()", err: "undefined: undefinedThing"},
			{code: "a + 1", result: "6"},
		},
		"declarations before a failing statement": {
			{code: "var b = 1"},
			{code: "var b = \"s\"\nfunc c() int { return 2 }\nundefinedThing()", err: "undefined: undefinedThing"},
			{code: "b + 1", result: "2"},
			{code: "c()", err: "undefined: c"},
		},
		"a function redefined with an error": {
			{code: "func f() int { return 1 }"},
			{code: "func f() string { return nope }", err: "undefined: nope"},
			{code: "f() + 1", result: "2"},
		},
		"a variable of a failing statement": {
			{code: "d := 1; e := undefined", err: "undefined: undefined"},
			{code: "d", err: "undefined: d"},
		},
		"statements before the failing one": {
			{code: "g := 1\nh := g\ni := zzz", err: "undefined: zzz"},
			{code: "h", err: "undefined: h"},
			{code: "var z int = \"s\"", err: `cannot use "s" (untyped string constant) as int value in variable declaration`},
			{code: "z", err: "undefined: z"},
		},
		"several variables": {
			{code: "x1, y1 := 1, 2"},
			{code: "x1, y1 := \"a\", nope", err: "undefined: nope"},
			{code: "x1 + y1", result: "3"},
		},
		"a type redeclared with an error": {
			{code: "type T struct{ A int }"},
			{code: "type T struct{ B string }\nvar q = undefinedX", err: "undefined: undefinedX"},
			{code: "T{A: 1}", result: "{A:1}"},
			{code: "q", err: "undefined: q"},
		},
		"a constant": {
			{code: "const k = 1"},
			{code: "const k = \"a\"; var m = nothing", err: "undefined: nothing"},
			{code: "k + 1", result: "2"},
		},
		"a method added with an error": {
			{code: "type S struct{ A int }\nfunc (s S) Get() int { return s.A }"},
			{code: "func (s S) Twice() int { return 2 * s.A }\nvar u = nothing", err: "undefined: nothing"},
			{code: "S{3}.Get()", result: "3"},
			{code: "S{3}.Twice()", err: "Twice"},
			{code: "func (s S) Twice() int { return 2 * s.A }\nS{4}.Twice()", result: "8"},
		},
		"an import of a failing cell": {
			{code: "import \"strings\"; v1 := strings.ToUpper(nope)", err: "undefined: nope"},
			{code: "v1", err: "undefined: v1"},
			{code: "import \"strings\"\nstrings.ToUpper(\"a\")", result: "A"},
		},
		"range over a variable of an earlier chunk": {
			{code: "import \"fmt\"\nn := 3\nfunc g() {}\nfor i := range n { fmt.Print(i) }", stdout: "012"},
		},
		"chunks after a panic are not declared": {
			{code: "var dd = 4\npanic(\"boom\")\nfunc later() int { return 1 }", err: "boom"},
			{code: "dd", result: "4"},
			{code: "later()", err: "undefined: later"},
		},
	}
	for name, steps := range tests {
		t.Run(name, func(t *testing.T) { runSteps(t, steps) })
	}
}

// TestCompileErrorRunsNothing: no chunk of a cell that does not compile
// runs, the ones before the error included.
func TestCompileErrorRunsNothing(t *testing.T) {
	e := newEngine(t)
	_, out := runErr(t, e, "import \"fmt\"\nfmt.Println(\"ran\")\nfunc broken() int { return \"s\" }")
	if got := out.Text("stdout"); got != "" {
		t.Errorf("a cell that does not compile printed %q", got)
	}
}
