package engine

import (
	"strings"
	"testing"
)

// TestGoCheck: a cell Go rejects fails with the Go compiler's error at its
// cell position, before any of it runs, and leaves no trace; the
// notebook's own rules (globals, the final expression, imports for later
// cells, redefinitions, automatic imports) reject nothing.
func TestGoCheck(t *testing.T) {
	runSteps(t, []step{
		// The compile-accepts class: yaegi ran these.
		{code: "fmt.Println(\"before\")\nn := strconv.Atoi(\"3\")", err: "cell:2:6: assignment mismatch: 1 variable but strconv.Atoi returns 2 values"},
		{code: "n", err: "undefined: n"}, // nothing of the failed cell ran or stays
		{code: "model := nnlib.NewSequential(nnlib.Dense(1))", err: "assignment mismatch: 1 variable but nnlib.NewSequential returns 2 values"},
		{code: "func sign(x int) int {\n\tif x > 0 {\n\t\treturn 1\n\t}\n}", err: "cell:5:1: missing return"},
		{code: "func f() {\n\tx := 1\n}", err: "cell:2:2: declared and not used: x"},
		{code: "var u uint32 = 1<<32 - 1\nconst c = uint32(1<<32-1) + 1", err: "overflows uint32"},
		// The compile-msg class: Go's words, not yaegi's.
		{code: "a := 1", stdout: ""},
		{code: "b := \"x\"", stdout: ""},
		{code: "a + b", err: "cell:1:1: invalid operation: a + b (mismatched types int and string)"},
		{code: "type T struct{}\nvar t T\nt.Missing()", err: "cell:3:3: t.Missing undefined (type T has no field or method Missing)"},
		// Notebook rules: none of these is an error.
		{code: "import \"strings\""},
		{code: "strings.ToUpper(\"go\")", result: "GO"},
		{code: "unused := 42"},
		{code: "a := \"now a string\"\nlen(a)", result: "12"},
		{code: "a + b", result: "now a stringx"},
		{code: "type Weekday int\nconst (\n\tMonday Weekday = iota\n\tTuesday\n)"},
		{code: "d := Tuesday"},
		{code: "func (d Weekday) Next() Weekday { return d + 1 }"},
		{code: "d.Next() == Tuesday+1", result: "true"},
		{code: "if unused > 0 {\n\treturn\n}\nfmt.Println(\"not reached\")"},
	})
}

// A cell with several errors lists them as go build does, in order.
func TestGoCheckSeveralErrors(t *testing.T) {
	e := newEngine(t)
	err, _ := runErr(t, e, "x := \"a\" * 2\nvar y int = \"b\"\nz := undefinedThing")
	tb := strings.Join(err.Traceback, "\n")
	for _, want := range []string{"cell:1:6: invalid operation", "cell:2:13: cannot use \"b\" (untyped string constant) as int value", "cell:3:6: undefined: undefinedThing"} {
		if !strings.Contains(tb, want) {
			t.Errorf("traceback lacks %q:\n%s", want, tb)
		}
	}
}
