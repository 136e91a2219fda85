package rewrite_test

import (
	"go/ast"
	"go/parser"
	"testing"

	"github.com/gokernel/gokernel/engine/rewrite"
)

func TestCompiledSeqs(t *testing.T) {
	// The test's compiled iterators: strings.Lines yields strings,
	// kv.All pairs of int and string.
	yield := func(pkg, name string) *ast.FuncType {
		var src string
		switch pkg + "." + name {
		case "strings.Lines":
			src = "func(string) bool"
		case "kv.All":
			src = "func(int, string) bool"
		default:
			return nil
		}
		x, err := parser.ParseExpr(src)
		if err != nil {
			t.Fatal(err)
		}
		return x.(*ast.FuncType)
	}
	for _, tt := range []struct{ in, want string }{
		{"xs := slices.Collect(strings.Lines(s))", "xs := slices.Collect((func(func(string) bool))(strings.Lines(s)))"},
		{"for k, v := range kv.All() { f(k, v) }", "for k, v := range (func(func(int, string) bool))(kv.All()) { f(k, v) }"},
		{"n := count(strings.Lines(join(strings.Lines(s))))", "n := count((func(func(string) bool))(strings.Lines(join((func(func(string) bool))(strings.Lines(s))))))"},
		{"parts := strings.Split(s, \",\")", "parts := strings.Split(s, \",\")"},
		{"lines := s.Lines()", "lines := s.Lines()"},
	} {
		got := rewrittenBy(t, tt.in, func(body *ast.BlockStmt) { rewrite.CompiledSeqs(body, yield) })
		if want := normalize(tt.want); got != want {
			t.Errorf("%s\n got %s\nwant %s", tt.in, got, want)
		}
	}
}
