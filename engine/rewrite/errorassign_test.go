package rewrite_test

import (
	"testing"

	"github.com/gokernel/gokernel/engine/rewrite"
)

func TestErrorAssign(t *testing.T) {
	opts := rewrite.Options{WrapErrorValues: true, IsErrorVar: func(name string) bool { return name == "global" }}
	wrap := func(v string) string { return "func() error { return " + v + " }()" }
	for _, tt := range []struct{ in, want string }{
		{"var err error; err = E{1}", "var err error; err = " + wrap("E{1}")},
		{"var err error; err = &E{1}", "var err error; err = " + wrap("&E{1}")},
		{"global = E{2}", "global = " + wrap("E{2}")},
		{"f := func() (err error) { err = E{3}; return }", "f := func() (err error) { err = " + wrap("E{3}") + "; return }"},
		{"var err error; err = other", "var err error; err = other"},
		{"var err error; if ok { err := 1; err = E{} }", "var err error; if ok { err := 1; err = E{} }"},
		{"var v E; v = E{1}", "var v E; v = E{1}"},
		{"unknown = E{1}", "unknown = E{1}"},
		{"var a, b error; a, b = E{1}, E{2}", "var a, b error; a, b = " + wrap("E{1}") + ", " + wrap("E{2}")},
	} {
		if got, want := rewritten(t, tt.in, opts, rewrite.ErrorAssign), normalize(tt.want); got != want {
			t.Errorf("%s\n got %s\nwant %s", tt.in, got, want)
		}
	}
}
