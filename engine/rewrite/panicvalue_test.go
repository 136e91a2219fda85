package rewrite_test

import (
	"go/ast"
	"testing"

	"github.com/gokernel/gokernel/engine/rewrite"
)

func TestPanicStatements(t *testing.T) {
	// The test's types: E has an Error method, S a String method.
	method := func(arg ast.Expr) string {
		if lit, ok := arg.(*ast.CompositeLit); ok {
			switch lit.Type.(*ast.Ident).Name {
			case "E":
				return "Error"
			case "S":
				return "String"
			}
		}
		return ""
	}
	opts := rewrite.Options{PanicNote: "rt.PanicText", PanicMethod: method}
	for _, tt := range []struct{ in, want string }{
		{"panic(E{7})", "{__gk_pv := E{7}; rt.PanicText(__gk_pv, __gk_pv.Error()); panic(__gk_pv)}"},
		{"panic(S{1})", "{__gk_pv := S{1}; rt.PanicText(__gk_pv, __gk_pv.String()); panic(__gk_pv)}"},
		{"if bad { panic(E{1}) }", "if bad {{__gk_pv := E{1}; rt.PanicText(__gk_pv, __gk_pv.Error()); panic(__gk_pv)}}"},
		{"panic(T{1})", "panic(T{1})"},
		{"panic(\"boom\")", "panic(\"boom\")"},
		{"panic(err)", "panic(err)"},
	} {
		if got, want := rewritten(t, tt.in, opts, rewrite.PanicText), normalize(tt.want); got != want {
			t.Errorf("%s\n got %s\nwant %s", tt.in, got, want)
		}
	}
}

func TestDescribedPanics(t *testing.T) {
	opts := rewrite.Options{PanicNote: "rt.PanicText", PanicDescribe: "rt.Describe", PanicMethod: func(ast.Expr) string { return "" }}
	described := func(x string) string {
		return "{if __gk_pt, __gk_pok := rt.Describe(" + x + "); __gk_pok { rt.PanicText(" + x + ", __gk_pt) }; panic(" + x + ")}"
	}
	for _, tt := range []struct{ in, want string }{
		{"panic(err)", described("err")},
		{"panic(s.err)", described("s.err")},
		{"panic(errs[i])", described("errs[i]")},
		{"panic(*p)", described("*p")},
		{"panic(get())", "{__gk_pv := get(); if __gk_pt, __gk_pok := rt.Describe(__gk_pv); __gk_pok { rt.PanicText(__gk_pv, __gk_pt) }; panic(__gk_pv)}"},
		{"panic(\"boom\")", "panic(\"boom\")"},
		{"panic(nil)", "panic(nil)"},
		{"panic(T{1})", "panic(T{1})"},
		{"panic(1 + n)", "panic(1 + n)"},
	} {
		if got, want := rewritten(t, tt.in, opts, rewrite.PanicText), normalize(tt.want); got != want {
			t.Errorf("%s\n got %s\nwant %s", tt.in, got, want)
		}
	}
	opts.PanicDescribe = ""
	if got, want := rewritten(t, "panic(err)", opts, rewrite.PanicText), normalize("panic(err)"); got != want {
		t.Errorf("without PanicDescribe: got %s", got)
	}
}
