package yaegix

import "testing"

// TestLayout fails when the yaegi version in go.mod no longer has the
// internals the engine relies on.
func TestLayout(t *testing.T) {
	if err := Check(); err != nil {
		t.Fatal(err)
	}
}
