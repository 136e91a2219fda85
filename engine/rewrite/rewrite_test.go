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

// rewritten parses stmts as a function body, runs passes over it and
// prints it back on one line per statement.
func rewritten(t testing.TB, stmts string, opts rewrite.Options, passes ...rewrite.Pass) string {
	t.Helper()
	return rewrittenBy(t, stmts, func(body *ast.BlockStmt) { rewrite.Run(body, opts, passes...) })
}

// rewrittenBy parses stmts as a function body, applies apply to it and
// prints it back.
func rewrittenBy(t testing.TB, stmts string, apply func(body *ast.BlockStmt)) string {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", "package p; func _() {\n"+stmts+"\n}", 0)
	if err != nil {
		t.Fatal(err)
	}
	body := f.Decls[0].(*ast.FuncDecl).Body
	apply(body)
	var b bytes.Buffer
	for _, s := range body.List {
		printer.Fprint(&b, token.NewFileSet(), s)
		b.WriteString("\n")
	}
	return normalize(b.String())
}

// rewrittenFile parses src as a file of declarations, runs passes over it
// and prints it back.
func rewrittenFile(t testing.TB, src string, opts rewrite.Options, passes ...rewrite.Pass) string {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	rewrite.Run(f, opts, passes...)
	var b bytes.Buffer
	printer.Fprint(&b, fset, f)
	return normalize(b.String())
}

// normalize drops the layout (white space, semicolons) that the printer
// chooses for synthesized nodes.
func normalize(s string) string {
	return strings.NewReplacer(" ", "", "\t", "", "\n", "", ";", "").Replace(s)
}

// table runs each input through passes and compares the result with
// the wanted source.
func table(t *testing.T, opts rewrite.Options, passes []rewrite.Pass, tests []struct{ in, want string }) {
	t.Helper()
	for _, tt := range tests {
		if got, want := rewritten(t, tt.in, opts, passes...), normalize(tt.want); got != want {
			t.Errorf("%q\n got %s\nwant %s", tt.in, got, want)
		}
	}
}

func TestRangeInt(t *testing.T) {
	isN := func(name string) bool { return name == "n" }
	table(t, rewrite.Options{IsInt: isN}, []rewrite.Pass{rewrite.RangeInt}, []struct{ in, want string }{
		{"for i := range 3 { f(i) }", "for i := 3 - 3; i < 3; i++ { f(i) }"},
		{"for range 2 { f() }", "for __gk_i := 2 - 2; __gk_i < 2; __gk_i++ { f() }"},
		{"for _ = range 2 { f() }", "for __gk_i := 2 - 2; __gk_i < 2; __gk_i++ { f() }"},
		{"for i = range 2 { f() }", "for i = 2 - 2; i < 2; i++ { f() }"},
		{"for i := range n { f(i) }", "for i := n - n; i < n; i++ { f(i) }"},
		{"for i := range m { f(i) }", "for i := range m { f(i) }"},
		{"for i, v := range 3 { f(i, v) }", "for i, v := range 3 { f(i, v) }"},
		{"for i := range len(xs) { f(i) }", "for i := len(xs) - len(xs); i < len(xs); i++ { f(i) }"},
		{"for i := range g() + 1 { f(i) }", "for i, __gk_n := 0, g() + 1; i < __gk_n; i++ { f(i) }"},
		{"k := 4\nfor i := range k { f(i) }", "k := 4 for i := k - k; i < k; i++ { f(i) }"},
		{"var k int64 = 4\nfor i := range k { f(i) }", "var k int64 = 4 for i := k - k; i < k; i++ { f(i) }"},
		{"L: for i := range 2 { break L }", "L: for i := 2 - 2; i < 2; i++ { break L }"},
		{"switch { case ok: for range 2 { f() } }", "switch { case ok: for __gk_i := 2 - 2; __gk_i < 2; __gk_i++ { f() } }"},
		{"g := func() { for i := range 2 { f(i) } }", "g := func() { for i := 2 - 2; i < 2; i++ { f(i) } }"},
	})
}

func TestLoopVars(t *testing.T) {
	table(t, rewrite.Options{}, []rewrite.Pass{rewrite.LoopVars}, []struct{ in, want string }{
		{"for i := 0; i < 3; i++ { fs = append(fs, func() int { return i }) }",
			"for __gk_lv_i := 0; __gk_lv_i < 3; __gk_lv_i++ { i := __gk_lv_i; fs = append(fs, func() int { return i }) }"},
		{"for k, v := range m { go f(k, v) }", "for __gk_lv_k, __gk_lv_v := range m { k, v := __gk_lv_k, __gk_lv_v; go f(k, v) }"},
		{"for _, v := range xs { defer g(v) }", "for _, __gk_lv_v := range xs { v := __gk_lv_v; defer g(v) }"},
		// No capture, or the body assigns the variable: left alone.
		{"for i := 0; i < 3; i++ { f(i) }", "for i := 0; i < 3; i++ { f(i) }"},
		{"for i := 0; i < 3; i++ { i++; go f(i) }", "for i := 0; i < 3; i++ { i++; go f(i) }"},
		{"for i = 0; i < 3; i++ { go f(i) }", "for i = 0; i < 3; i++ { go f(i) }"},
	})
}

// TestLoopVarsThenRangeInt: in the engine's order, a range over an
// integer whose variable is captured gets its per-iteration copy.
func TestLoopVarsThenRangeInt(t *testing.T) {
	table(t, rewrite.Options{}, []rewrite.Pass{rewrite.LoopVars, rewrite.RangeInt}, []struct{ in, want string }{
		{"for i := range 3 { go f(i) }", "for __gk_lv_i := 3 - 3; __gk_lv_i < 3; __gk_lv_i++ { i := __gk_lv_i; go f(i) }"},
		{"for range 3 { go f() }", "for __gk_i := 3 - 3; __gk_i < 3; __gk_i++ { go f() }"},
	})
}

func TestGoRecover(t *testing.T) {
	const handler = "defer func() { if __gk_r := recover(); __gk_r != nil { rt.GoPanic(__gk_r) } }()"
	table(t, rewrite.Options{GoPanic: "rt.GoPanic"}, []rewrite.Pass{rewrite.GoRecover}, []struct{ in, want string }{
		{"go f(1)", "go func() { " + handler + "; f(1) }()"},
		{"go f(x, ys...)", "{ __gk_g1_0, __gk_g1_1 := x, ys; go func() { " + handler + "; f(__gk_g1_0, __gk_g1_1...) }() }"},
		{"for i := 0; i < 3; i++ { go f(i) }", "for i := 0; i < 3; i++ { { __gk_g1_0 := i; go func() { " + handler + "; f(__gk_g1_0) }() } }"},
		{"go f(a)\ngo f(b)", "{ __gk_g1_0 := a; go func() { " + handler + "; f(__gk_g1_0) }() } { __gk_g2_0 := b; go func() { " + handler + "; f(__gk_g2_0) }() }"},
		{"g := func() { go f() }", "g := func() { go func() { " + handler + "; f() }() }"},
	})
	table(t, rewrite.Options{}, []rewrite.Pass{rewrite.GoRecover}, []struct{ in, want string }{
		{"go f(1)", "go f(1)"},
	})
}

func TestTopLevelDefers(t *testing.T) {
	table(t, rewrite.Options{Defer: "__gk_defer"}, []rewrite.Pass{rewrite.TopLevelDefers}, []struct{ in, want string }{
		{"defer f(x, 1)", "{ __gk_d1_0 := x; __gk_defer(func() { f(__gk_d1_0, 1) }) }"},
		{"defer f()", "__gk_defer(func() { f() })"},
		{"if ok { defer rt.Close(c) }", "if ok { { __gk_d1_0 := c; __gk_defer(func() { rt.Close(__gk_d1_0) }) } }"},
		{"g := func() { defer f() }", "g := func() { defer f() }"},
	})
	// A chunk of declarations has no top level of its own.
	src := "package p\nfunc f() { defer g() }"
	if got, want := rewrittenFile(t, src, rewrite.Options{Defer: "__gk_defer"}, rewrite.TopLevelDefers), normalize(src); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestFloatMinMax(t *testing.T) {
	table(t, rewrite.Options{}, []rewrite.Pass{rewrite.FloatMinMax}, []struct{ in, want string }{
		{"x := max(1, 2.5)", "x := max(float64(1), float64(2.5))"},
		{"x := min(-1, 2.5, y)", "x := min(float64(-1), float64(2.5), y)"},
		{"x := min(1, 2)", "x := min(1, 2)"},
		{"x := other(1, 2.5)", "x := other(1, 2.5)"},
	})
}

func TestFuncGuard(t *testing.T) {
	opts := rewrite.Options{Enter: "rt.Enter", Leave: "rt.Leave"}
	got := rewrittenFile(t, "package p\nfunc f(n int) int { return f(n) }\nfunc (T) m() {}", opts, rewrite.FuncGuard)
	want := normalize("package p\nfunc f(n int) int { defer rt.Leave(); rt.Enter(); return f(n) }\nfunc (T) m() { defer rt.Leave(); rt.Enter() }")
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	// Statements are no declarations: function literals are not guarded.
	table(t, opts, []rewrite.Pass{rewrite.FuncGuard}, []struct{ in, want string }{
		{"f := func() { g() }", "f := func() { g() }"},
	})
}

func ExampleRun() {
	fset := token.NewFileSet()
	f, _ := parser.ParseFile(fset, "", "package p; func _() { for i := range 3 { println(i) } }", 0)
	body := f.Decls[0].(*ast.FuncDecl).Body
	rewrite.Run(body, rewrite.Options{}, rewrite.LoopVars, rewrite.RangeInt)
	printer.Fprint(os.Stdout, fset, body.List[0])
	fmt.Println()
	// Output:
	// for i := 3 - 3; i < 3; i++ {
	// 	println(i)
	// }
}

func TestTypedVars(t *testing.T) {
	table(t, rewrite.Options{}, []rewrite.Pass{rewrite.TypedVars}, []struct{ in, want string }{
		{"var x int = slices.Max(xs)", "var x int; x = slices.Max(xs)"},
		{"var a, b T = f(), g()", "var a, b T; a, b = f(), g()"},
		{"var x int = 3", "var x int = 3"},
		{"var x = f()", "var x = f()"},
		{"if ok { var x int = f() }", "if ok { var x int = f() }"},
	})
}

func TestRecoverValue(t *testing.T) {
	opts := rewrite.Options{Recover: "rt.Recover"}
	table(t, opts, []rewrite.Pass{rewrite.RecoverValue}, []struct{ in, want string }{
		{"fmt.Println(recover())", "fmt.Println(rt.Recover(nil))"},
		{"defer func() { r := recover(); f(r) }()", "defer func() { r := rt.Recover(recover()); f(r) }()"},
		{"if r := recover(); r != nil { f(r) }", "if r := rt.Recover(nil); r != nil { f(r) }"},
		{"g := func() { func() { recover() }() }", "g := func() { func() { rt.Recover(recover()) }() }"},
		{"recover(x)", "recover(x)"},
	})
	// In declarations every recover() is inside a function.
	got := rewrittenFile(t, "package p\nfunc f() { defer func() { recover() }(); recover() }", opts, rewrite.RecoverValue)
	want := normalize("package p\nfunc f() { defer func() { rt.Recover(recover()) }(); rt.Recover(recover()) }")
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	table(t, rewrite.Options{}, []rewrite.Pass{rewrite.RecoverValue}, []struct{ in, want string }{
		{"fmt.Println(recover())", "fmt.Println(recover())"},
	})
}

func TestBlockShadow(t *testing.T) {
	opts := rewrite.Options{IsGlobal: func(name string) bool { return name == "i" || name == "x" || name == "err" }}
	table(t, opts, []rewrite.Pass{rewrite.BlockShadow}, []struct{ in, want string }{
		{"for i := 0; i < 3; i++ { f(i) }\nf(i)", "for __gk_sh1_i := 0; __gk_sh1_i < 3; __gk_sh1_i++ { f(__gk_sh1_i) }; f(i)"},
		{"if x := g(); x > 0 { f(x) } else { f(-x) }\nf(x)", "if __gk_sh1_x := g(); __gk_sh1_x > 0 { f(__gk_sh1_x) } else { f(-__gk_sh1_x) }; f(x)"},
		{"for _, x := range xs { fs = append(fs, func() int { return x }) }", "for _, __gk_sh1_x := range xs { fs = append(fs, func() int { return __gk_sh1_x }) }"},
		// Only names of globals; fields, keys of struct literals and
		// function literals' own variables keep theirs.
		{"{ y := 1; x := T{x: y}; f(x.x, y) }", "{ y := 1; __gk_sh1_x := T{x: y}; f(__gk_sh1_x.x, y) }"},
		{"{ x := 1; m := map[int]int{x: 2}; f(m) }", "{ __gk_sh1_x := 1; m := map[int]int{__gk_sh1_x: 2}; f(m) }"},
		{"{ x := 1; g := func(x int) int { return x }; f(g(x)) }", "{ __gk_sh1_x := 1; g := func(x int) int { return x }; f(g(__gk_sh1_x)) }"},
		{"{ a, err := f(); b, err := g(); h(a, b, err) }", "{ a, __gk_sh1_err := f(); b, __gk_sh1_err := g(); h(a, b, __gk_sh1_err) }"},
		{"switch x := v.(type) { case int: f(x) }", "switch __gk_sh1_x := v.(type) { case int: f(__gk_sh1_x) }"},
		// The top level defines globals: left alone, and later nested
		// definitions of them renamed.
		{"y := 1\nif ok { y := 2; f(y) }", "y := 1; if ok { __gk_sh1_y := 2; f(__gk_sh1_y) }"},
		{"x := 2\nf(x)", "x := 2; f(x)"},
		{"g := func() { for i := 0; i < 2; i++ { f(i) } }", "g := func() { for i := 0; i < 2; i++ { f(i) } }"},
	})
}
