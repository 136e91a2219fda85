package rewrite_test

import (
	"testing"

	"github.com/gokernel/gokernel/engine/rewrite"
)

func TestErrorsAs(t *testing.T) {
	opts := rewrite.Options{ErrorsAs: "__gk_errorsAs", IsErrors: func(name string) bool { return name == "errors" || name == "errs" }}
	for _, tt := range []struct{ in, want string }{
		{"ok := errors.As(err, &qe)", "ok := __gk_errorsAs(err, &qe)"},
		{"if errors.As(err, &s.target) { f() }", "if __gk_errorsAs(err, &s.target) { f() }"},
		{"g(func() bool { return errs.As(err, (&qe)) })", "g(func() bool { return __gk_errorsAs(err, (&qe)) })"},
		{"ok := errors.As(err, target)", "ok := errors.As(err, target)"},
		{"ok := other.As(err, &qe)", "ok := other.As(err, &qe)"},
		{"ok := errors.Is(err, &qe)", "ok := errors.Is(err, &qe)"},
	} {
		if got, want := rewritten(t, tt.in, opts, rewrite.ErrorsAs), normalize(tt.want); got != want {
			t.Errorf("%s\n got %s\nwant %s", tt.in, got, want)
		}
	}
	if got, want := rewritten(t, "ok := errors.As(err, &qe)", rewrite.Options{}, rewrite.ErrorsAs), normalize("ok := errors.As(err, &qe)"); got != want {
		t.Errorf("without ErrorsAs: got %s", got)
	}
}
