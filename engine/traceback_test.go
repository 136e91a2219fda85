package engine

import (
	"strings"
	"testing"

	"github.com/gokernel/gokernel/kernel/kerneltest"
)

// TestTraceback: each frame of a panic names the cell its function comes
// from and shows that cell's line with a caret under the column.
func TestTraceback(t *testing.T) {
	tests := []struct {
		name    string
		earlier []string // cells run before
		code    string
		want    string // the traceback, after its first line
	}{
		{"frames of functions declared in earlier cells",
			[]string{"func g() { panic(\"boom\") }", "func h() { g() }"}, "h()", `
    at earlier cell:1:12 in g
        func g() { panic("boom") }
                   ^
    at earlier cell:1:12 in h
        func h() { g() }
                   ^
    at cell:1:1
        h()
        ^`},
		{"index expression that fails below the first statement",
			nil, "func inner2(n int) int {\n\tvar a []int\n\treturn a[n]\n}\ninner2(3)", `
    at cell:3:9 in inner2
            return a[n]
                   ^
    at cell:5:1
        inner2(3)
        ^`},
		{"recursive frames at their calls",
			nil, "func explode(depth int) {\n\tif depth == 0 {\n\t\tpanic(\"deep\")\n\t}\n\texplode(depth - 1)\n}\nexplode(2)", `
    at cell:3:3 in explode
                panic("deep")
                ^
    at cell:5:2 in explode
            explode(depth - 1)
            ^
    at cell:5:2 in explode
            explode(depth - 1)
            ^
    at cell:7:1
        explode(2)
        ^`},
		{"long recursion collapses",
			nil, "func fall(depth int) {\n\tif depth == 0 {\n\t\tpanic(\"deep\")\n\t}\n\tfall(depth - 1)\n}\nfall(6)", `
    at cell:3:3 in fall
                panic("deep")
                ^
    at cell:5:2 in fall
            fall(depth - 1)
            ^
    at cell:5:2 in fall
            fall(depth - 1)
            ^
    at cell:5:2 in fall
            fall(depth - 1)
            ^
    [Previous frame repeated 3 more times]
    at cell:7:1
        fall(6)
        ^`},
		{"the top level's own failing statement",
			nil, "s := []int{1}\nn := 5\n_ = s[n]", `
    at cell:3:5
        _ = s[n]
            ^`},
		{"function literal and a nil map",
			[]string{"func each(xs []int, f func(int)) {\n\tfor _, x := range xs {\n\t\tf(x)\n\t}\n}"},
			"each([]int{1, 2}, func(x int) {\n\tvar m map[int]int\n\tif x == 2 {\n\t\tm[x] = 1\n\t}\n})", `
    at cell:4:3 in func
                m[x] = 1
                ^
    at earlier cell:3:3 in each
                f(x)
                ^
    at cell:1:1
        each([]int{1, 2}, func(x int) {
        ^`},
		{"function literal called where it is written",
			nil, "func runs() {\n\tx := 1\n\tfunc() {\n\t\tpanic(x)\n\t}()\n}\nruns()", `
    at cell:4:3 in runs.func
                panic(x)
                ^
    at cell:3:2 in runs
            func() {
            ^
    at cell:7:1
        runs()
        ^`},
		{"a panic of compiled code beside a panic call of the cell",
			nil, "import \"strings\"\nfunc rep(n int) string {\n\tif n > 100 {\n\t\tpanic(\"too many\")\n\t}\n\treturn strings.Repeat(\"x\", n)\n}\nrep(-1)", `
    at cell:3:2 in rep
            if n > 100 {
            ^
    at cell:8:1
        rep(-1)
        ^`},
		{"a method declared in an earlier cell",
			[]string{"type Sq struct{ s int }\nfunc (q Sq) Area() int {\n\tx := q.s\n\tpanic(\"area\")\n\treturn x\n}"}, "Sq{2}.Area()", `
    at earlier cell:4:2 in Area
            panic("area")
            ^
    at cell:1:1
        Sq{2}.Area()
        ^`},
		{"a function redefined by a later cell",
			[]string{"func k() {\n\tpanic(\"old\")\n}", "\n\nfunc k() { panic(\"new\") }"}, "k()", `
    at earlier cell:3:12 in k
        func k() { panic("new") }
                   ^
    at cell:1:1
        k()
        ^`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEngine(t)
			for _, c := range tt.earlier {
				run(t, e, c)
			}
			res := e.Execute(t.Context(), tt.code, 0, &kerneltest.Recorder{})
			if res.Err == nil {
				t.Fatal("no error")
			}
			if got := strings.Join(res.Err.Traceback[1:], "\n"); got != tt.want[1:] {
				t.Errorf("traceback\n%s\nwant\n%s", got, tt.want[1:])
			}
		})
	}
}

// TestTracebackOfDeepRecursion: the frames yaegi reports for a panic at
// the bottom of a deep recursion (all at the body's start) resolve to one
// panic frame, three call frames and a count.
func TestTracebackOfDeepRecursion(t *testing.T) {
	e := newEngine(t)
	code := "func deep(n int) {\n\tif n == 0 {\n\t\tpanic(\"bottom\")\n\t}\n\tdeep(n - 1)\n}\ndeep(50000)"
	c := newError(kindPanic, "bottom", "panic: bottom")
	for range 50001 {
		c.frames = append(c.frames, frame{line: 2, col: 5, fn: "deep"})
	}
	c.frames = append(c.frames, frame{line: 7, col: 1})
	got := e.traceback(c, code).Traceback
	want := []string{"panic: bottom",
		"    at cell:3:3 in deep", "                panic(\"bottom\")", "                ^",
		"    at cell:5:2 in deep", "            deep(n - 1)", "            ^",
		"    at cell:5:2 in deep", "            deep(n - 1)", "            ^",
		"    at cell:5:2 in deep", "            deep(n - 1)", "            ^",
		"    [Previous frame repeated 49997 more times]",
		"    at cell:7:1", "        deep(50000)", "        ^"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("traceback\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
