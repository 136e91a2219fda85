package engine

import "testing"

func TestSmoke(t *testing.T) {
	e := newEngine(t)
	for _, c := range []string{
		"import \"fmt\"\nx := 1\nfmt.Println(\"hi\", x)\nfunc f() int { return 2 }\nx + f()",
		"import \"strings\"\nstrings.ToUpper(\"abc\")",
		"for i := range 3 { fmt.Println(i) }",
		"min(3, 1, 2)",
		"type T struct{A int}\nT{1}",
		"type T struct{A, B int}\nT{1, 2}",
		"type T struct{A, B int}\nT{1, 2}",
	} {
		res, out := run(t, e, c)
		t.Logf("%q -> %q stdout=%q stderr=%q", c, plain(res), out.text("stdout"), out.text("stderr"))
	}
	for _, c := range []string{"x := ", "y + 1", "panic(\"boom\")", "func g() { panic(1) }\n\ng()"} {
		err, _ := runErr(t, e, c)
		t.Logf("%q -> %v %q", c, err, err.Traceback)
	}
}
