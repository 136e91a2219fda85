package stdext_test

import (
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/gokernel/gokernel/engine/generic/stdext"
)

// TestOnceLikeGo: the functions call f once and behave as sync's do,
// also when f panics.
func TestOnceLikeGo(t *testing.T) {
	calls := 0
	mine := stdext.SyncOnceValue(func() int { calls++; return 7 })
	if a, b := mine(), mine(); a != 7 || b != 7 || calls != 1 {
		t.Fatalf("got %d %d after %d calls", a, b, calls)
	}
	boom := errors.New("boom")
	v, err := stdext.SyncOnceValues(func() (string, error) { return "x", boom })()
	if v != "x" || err != boom {
		t.Fatalf("got %q %v", v, err)
	}
	panics := func(f func() int) string {
		defer func() { recover() }()
		f()
		return ""
	}
	for _, f := range []func() int{
		stdext.SyncOnceValue(func() int { panic("bad") }),
		sync.OnceValue(func() int { panic("bad") }),
	} {
		got := []string{}
		for range 2 {
			func() {
				defer func() { got = append(got, fmt.Sprint(recover())) }()
				panics(f)
				f()
			}()
		}
		if got[0] != "bad" || got[1] != "bad" {
			t.Fatalf("repeated panics: %v", got)
		}
	}
}
