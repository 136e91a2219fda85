package rewrite_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"testing"

	"github.com/gokernel/gokernel/engine/rewrite"
)

func TestMethodExprs(t *testing.T) {
	// The test's methods, as a cell would declare them.
	decls := `package p
func (c *Counter) Inc() {}
func (p Point) Scale(k int) Point { return p }
func (p Point) Parts() (x, y int) { return }
func (l *Log) Addf(format string, args ...any) (n int) { return }`
	f, err := parser.ParseFile(token.NewFileSet(), "", decls, 0)
	if err != nil {
		t.Fatal(err)
	}
	sig := func(typ, method string) (*ast.FuncType, bool) {
		for _, d := range f.Decls {
			fd := d.(*ast.FuncDecl)
			recv := fd.Recv.List[0].Type
			star, ptr := recv.(*ast.StarExpr)
			if ptr {
				recv = star.X
			}
			if recv.(*ast.Ident).Name == typ && fd.Name.Name == method {
				return fd.Type, ptr
			}
		}
		return nil, false
	}
	for _, tt := range []struct{ in, want string }{
		{"f := (*Counter).Inc", "f := func(__gk_r *Counter) { __gk_r.Inc() }"},
		{"g := Point.Scale", "g := func(__gk_r Point, __gk_a0 int) Point { return __gk_r.Scale(__gk_a0) }"},
		{"g := (*Point).Scale", "g := func(__gk_r *Point, __gk_a0 int) Point { return __gk_r.Scale(__gk_a0) }"},
		{"use(Point.Parts)", "use(func(__gk_r Point) (int, int) { return __gk_r.Parts() })"},
		{"h := (*Log).Addf", "h := func(__gk_r *Log, __gk_a0 string, __gk_a1 ...any) int { return __gk_r.Addf(__gk_a0, __gk_a1...) }"},
		{"fs := []func(Point, int) Point{Point.Scale}", "fs := []func(Point, int) Point{func(__gk_r Point, __gk_a0 int) Point { return __gk_r.Scale(__gk_a0) }}"},
		{"x := Point.Scale(p, 2)", "x := func(__gk_r Point, __gk_a0 int) Point { return __gk_r.Scale(__gk_a0) }(p, 2)"},
		// Left alone: Go rejects a pointer method through T, a method
		// value is no method expression, unknown types and methods.
		{"f := Counter.Inc", "f := Counter.Inc"},
		{"f := c.Inc", "f := c.Inc"},
		{"f := Point.Missing", "f := Point.Missing"},
		{"f := strings.ToUpper", "f := strings.ToUpper"},
	} {
		got := rewrittenBy(t, tt.in, func(body *ast.BlockStmt) { rewrite.MethodExprs(body, sig) })
		if want := normalize(tt.want); got != want {
			t.Errorf("%s\n got %s\nwant %s", tt.in, got, want)
		}
	}
}
