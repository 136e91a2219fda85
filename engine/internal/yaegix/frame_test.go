package yaegix

import (
	"testing"

	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
)

// TestReleaseTemporaries: after each run the intermediate values of the
// top-level code are cleared, the package-level variables and functions
// stay readable by the next runs.
func TestReleaseTemporaries(t *testing.T) {
	in := interp.New(interp.Options{})
	if err := in.Use(stdlib.Symbols); err != nil {
		t.Fatal(err)
	}
	run := func(src string) (any, int) {
		t.Helper()
		from := GlobalSlots(in)
		v, err := in.Eval(src)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		var got any
		if v.IsValid() {
			got = v.Interface()
		}
		return got, ReleaseTemporaries(in, from)
	}
	if _, n := run(`import "strings"`); n != 0 {
		t.Errorf("an import released %d slots", n)
	}
	if _, n := run("x := 40 + len(strings.Repeat(\"ab\", 1))"); n == 0 {
		t.Error("no intermediate value of x's definition released")
	}
	run("func twice(n int) int { return 2 * n }")
	if v, _ := run("x + twice(len(strings.Fields(\"a b c\")))"); v != 48 {
		t.Errorf("x + twice(3) = %v after releasing, want 48", v)
	}
	if v, _ := run("x"); v != 42 {
		t.Errorf("x = %v, want 42", v)
	}
}
