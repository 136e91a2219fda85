package engine

import "testing"

// TestTopLevelReturn: a bare return at a cell's top level ends the cell
// without error (yaegi v0.16.1 crashes on it); deferred calls run, what
// ran before stays, the rest of the cell does not run.
func TestTopLevelReturn(t *testing.T) {
	runSteps(t, []step{
		{code: "func f() (int, int) { return 1, 2 }"},
		{code: "fmt.Println(1)\nreturn\nfmt.Println(2)", stdout: "1\n"},
		{code: "n, err := strconv.Atoi(\"x\")\nif err != nil {\n\tfmt.Println(\"bad input\")\n\treturn\n}\nfmt.Println(n)", stdout: "bad input\n"},
		{code: "n", result: "0"},
		{code: "defer fmt.Println(\"deferred\")\nswitch { default: return }\nfmt.Println(\"no\")", stdout: "deferred\n"},
		{code: "x := 0\nfor i := 0; i < 3; i++ {\n\ta, b := f()\n\tif i == 2 { return }\n\tx += a + b\n}\nx = 100", stdout: ""},
		{code: "x", result: "6"},
		{code: "return\nfunc later() int { return 1 }"},
		{code: "later()", err: "undefined: later"},
		{code: "func() { return }()\ngo func() { return }()\n3", result: "3"},
		{code: "return 5", err: "cell:1:8: too many return values"},
	})
}
