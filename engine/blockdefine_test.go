package engine

import (
	"strings"
	"testing"
)

// TestMultiValueDefineInTopLevelBlocks: a, b := f() (and the other
// definitions of several values from one expression) inside the blocks of
// a cell's top-level statements, which yaegi v0.16.1 leaves undefined.
func TestMultiValueDefineInTopLevelBlocks(t *testing.T) {
	const setup = "func f() (int, int) { return 1, 2 }\nvar m = map[string]int{\"a\": 1}\nvar x any = 2.5"
	tests := map[string][]step{
		"loops, conditionals, blocks": {
			{code: setup},
			{code: "for i := 0; i < 2; i++ { a, b := f(); fmt.Print(a, b, i, \" \") }", stdout: "1 2 0 1 2 1 "},
			{code: "for _, s := range []string{\"1\", \"x\"} {\n\tn, err := strconv.Atoi(s)\n\tfmt.Println(n, err != nil)\n}", stdout: "1 false\n0 true\n"},
			{code: "if true { a, b := f(); fmt.Println(a + b) }", stdout: "3\n"},
			{code: "switch { default: v, ok := m[\"a\"]; fmt.Println(v, ok) }", stdout: "1 true\n"},
			{code: "{ v, ok := x.(float64); fmt.Println(v, ok) }", stdout: "2.5 true\n"},
			{code: "ch := make(chan int, 1)\nch <- 7\nselect { case <-time.After(time.Second): default: v, ok := <-ch; fmt.Println(v, ok) }", stdout: "7 true\n"},
			{code: "for i := 0; i < 1; i++ { var a, b = f(); fmt.Println(a, b) }", stdout: "1 2\n"},
			{code: "for i := 0; i < 1; i++ { var a int; a, b := f(); a, c := f(); fmt.Println(a, b, c) }", stdout: "1 2 2\n"},
		},
		"the cell's variables, labels, defer": {
			{code: setup},
			{code: "total := 0\nfor i := 0; i < 3; i++ {\n\ta, b := f()\n\ttotal += a + b\n\tdefer fmt.Print(i)\n}\nfmt.Print(\"sum \")\ntotal", result: "9", stdout: "sum 210"},
			{code: "total", result: "9"},
			{code: "outer:\nfor i := 0; i < 3; i++ {\n\tfor {\n\t\ta, _ := f()\n\t\tif a > 0 { continue outer }\n\t}\n}\nfmt.Println(\"done\")", stdout: "done\n"},
			{code: "for i := 0; i < 3; i++ {\n\ta, b := f()\n\tif i == 1 { break }\n\ttotal += a * b\n}\ntotal", result: "11"},
		},
		"what a function literal would change is left alone, with a hint": {
			{code: setup},
			{code: "i := 0\nagain:\ni++\nif i < 3 {\n\ta, b := f()\n\tfmt.Print(a, b)\n\tgoto again\n}", err: "declare the variables first (var a, b int; a, b = f())"},
			{code: "var a, b int\ni := 0\nagain:\ni++\nif i < 3 {\n\ta, b = f()\n\tfmt.Print(a, b)\n\tgoto again\n}", stdout: "1 21 2"},
		},
	}
	for name, steps := range tests {
		t.Run(name, func(t *testing.T) { runSteps(t, steps) })
	}
}

// TestMultiValueDefineInTopLevelBlocksPanics: the function literal that
// runs such a statement does not show in a panic's traceback.
func TestMultiValueDefineInTopLevelBlocksPanics(t *testing.T) {
	e := newEngine(t)
	run(t, e, "func f() (int, int) { return 1, 2 }")
	err, _ := runErr(t, e, "for i := 0; i < 3; i++ {\n\ta, b := f()\n\tvar m map[int]int\n\tm[a+b] = 1\n}")
	tb := strings.Join(err.Traceback, "\n")
	if err.Name != kindPanic.String() || !strings.Contains(tb, "at cell:4:2") || strings.Contains(tb, "in func") {
		t.Errorf("error %s: %s\n%s, want a panic at the nil map assignment without a function literal's frame", err.Name, err.Value, tb)
	}
	if strings.Count(tb, "at cell:") != 1 {
		t.Errorf("traceback %s: want one frame", tb)
	}
	// A goroutine started there panics while the cell runs.
	err, _ = runErr(t, e, "for i := 0; i < 1; i++ {\n\ta, b := f()\n\tgo func() { panic(a + b) }()\n}\ntime.Sleep(time.Second)")
	if err.Name != kindGoroutinePanic.String() || err.Value != "3" {
		t.Errorf("error %s %q, want the goroutine's panic 3", err.Name, err.Value)
	}
}
