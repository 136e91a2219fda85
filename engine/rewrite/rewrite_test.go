package rewrite_test

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/engine/rewrite"
)

// rewritten parses stmts as a function body, rewrites it and prints it
// back on one line per statement.
func rewritten(t testing.TB, stmts string, opts rewrite.Options) string {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", "package p; func _() {\n"+stmts+"\n}", 0)
	if err != nil {
		t.Fatal(err)
	}
	body := f.Decls[0].(*ast.FuncDecl).Body
	rewrite.Apply(body, opts)
	var b bytes.Buffer
	for _, s := range body.List {
		printer.Fprint(&b, token.NewFileSet(), s)
		b.WriteString("\n")
	}
	return normalize(b.String())
}

// normalize drops the layout (white space, semicolons) that the printer
// chooses for synthesized nodes.
func normalize(s string) string {
	return strings.NewReplacer(" ", "", "\t", "", "\n", "", ";", "").Replace(s)
}

func TestApply(t *testing.T) {
	isN := func(name string) bool { return name == "n" }
	tests := []struct{ in, want string }{
		{"for i := range 3 { f(i) }", "for i := 3 - 3; i < 3; i++ { f(i) }"},
		{"for range 2 { f() }", "for __gk_i := 2 - 2; __gk_i < 2; __gk_i++ { f() }"},
		{"for i := range n { f(i) }", "for i := n - n; i < n; i++ { f(i) }"},
		{"for i := range m { f(i) }", "for i := range m { f(i) }"},
		{"for i := range len(xs) { f(i) }", "for i := len(xs) - len(xs); i < len(xs); i++ { f(i) }"},
		{"for i := range g() + 1 { f(i) }", "for i, __gk_n := 0, g() + 1; i < __gk_n; i++ { f(i) }"},
		{"k := 4\nfor i := range k { f(i) }", "k := 4 for i := k - k; i < k; i++ { f(i) }"},
		{"for i := 0; i < 3; i++ { fs = append(fs, func() int { return i }) }",
			"for __gk_lv_i := 0; __gk_lv_i < 3; __gk_lv_i++ { i := __gk_lv_i; fs = append(fs, func() int { return i }) }"},
		{"for i := 0; i < 3; i++ { i++; go f(i) }", "for i := 0; i < 3; i++ { i++; { __gk_g1_0 := i; go func() { defer func() { if __gk_r := recover(); __gk_r != nil { rt.GoPanic(__gk_r) } }(); f(__gk_g1_0) }() } }"},
		{"for _, v := range xs { defer g(v) }", "for _, __gk_lv_v := range xs { v := __gk_lv_v; { __gk_d1_0 := v; __gk_defer(func() { g(__gk_d1_0) }) } }"},
		{"go f(1)", "go func() { defer func() { if __gk_r := recover(); __gk_r != nil { rt.GoPanic(__gk_r) } }(); f(1) }()"},
		{"go f(x, ys...)", "{ __gk_g1_0, __gk_g1_1 := x, ys; go func() { defer func() { if __gk_r := recover(); __gk_r != nil { rt.GoPanic(__gk_r) } }(); f(__gk_g1_0, __gk_g1_1...) }() }"},
		{"defer f(x, 1)", "{ __gk_d1_0 := x; __gk_defer(func() { f(__gk_d1_0, 1) }) }"},
		{"g := func() { defer f() }", "g := func() { defer f() }"},
		{"x := max(1, 2.5)", "x := max(float64(1), float64(2.5))"},
		{"x := min(1, 2)", "x := min(1, 2)"},
	}
	for _, tt := range tests {
		got := rewritten(t, tt.in, rewrite.Options{IsInt: isN, GoPanic: "rt.GoPanic", Defer: "__gk_defer"})
		want := normalize(tt.want)
		if got != want {
			t.Errorf("%q\n got %s\nwant %s", tt.in, got, want)
		}
	}
}

func TestGuard(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", "package p\nfunc f(n int) int { return f(n) }\nfunc (T) m() {}", 0)
	if err != nil {
		t.Fatal(err)
	}
	rewrite.Apply(f, rewrite.Options{Enter: "rt.Enter", Leave: "rt.Leave"})
	var b bytes.Buffer
	printer.Fprint(&b, fset, f)
	want := normalize("package p\nfunc f(n int) int { defer rt.Leave(); rt.Enter(); return f(n) }\nfunc (T) m() { defer rt.Leave(); rt.Enter() }")
	if got := normalize(b.String()); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func ExampleApply() {
	fset := token.NewFileSet()
	f, _ := parser.ParseFile(fset, "", "package p; func _() { for i := range 3 { println(i) } }", 0)
	body := f.Decls[0].(*ast.FuncDecl).Body
	rewrite.Apply(body, rewrite.Options{})
	printer.Fprint(os.Stdout, fset, body.List[0])
	fmt.Println()
	// Output:
	// for i := 3 - 3; i < 3; i++ {
	// 	println(i)
	// }
}
