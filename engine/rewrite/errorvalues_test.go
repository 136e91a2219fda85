package rewrite_test

import (
	"testing"

	"github.com/gokernel/gokernel/engine/rewrite"
)

func TestErrorValues(t *testing.T) {
	opts := rewrite.Options{WrapErrorValues: true}
	for _, tt := range []struct{ in, want string }{
		{"var err error = NotFound{\"k\"}", "var err error = func() error { return NotFound{\"k\"} }()"},
		{"var a, b error = E{1}, nil", "var a, b error = func() error { return E{1} }(), nil"},
		{"var err error = find()", "var err error = find()"},
		{"var n int = E{1}", "var n int = E{1}"},
		{"f(error(e))", "f(func() error { return e }())"},
		{"f(error(nil))", "f(error(nil))"},
		{"var x = error(E{}); _ = x", "var x = func() error { return E{} }(); _ = x"},
	} {
		if got, want := rewritten(t, tt.in, opts, rewrite.ErrorValues), normalize(tt.want); got != want {
			t.Errorf("%s\n got %s\nwant %s", tt.in, got, want)
		}
	}
	if got, want := rewritten(t, "var err error = E{}", rewrite.Options{}, rewrite.ErrorValues), normalize("var err error = E{}"); got != want {
		t.Errorf("without WrapErrorValues: got %s", got)
	}
}
