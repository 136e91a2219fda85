package stdlib

import (
	"reflect"
	"testing"

	yaegi "github.com/traefik/yaegi/stdlib"
)

func TestMergeKeepsBaseAndAddsMissing(t *testing.T) {
	a, b, c := reflect.ValueOf(1), reflect.ValueOf(2), reflect.ValueOf(3)
	base := map[string]map[string]reflect.Value{"p/p": {"X": a}}
	more := map[string]map[string]reflect.Value{"p/p": {"X": b, "Y": c}, "q/q": {"Z": c}}
	got := merge(base, more)
	if got["p/p"]["X"] != a || got["p/p"]["Y"] != c || got["q/q"]["Z"] != c {
		t.Errorf("merge = %v", got)
	}
	if len(base["p/p"]) != 1 {
		t.Error("merge modified its base")
	}
}

// TestRestrictedSymbolsKept checks that yaegi's sandboxed replacements
// (os.Exit and log.Fatal panic instead of ending the kernel) survive the
// merge, and that the newer API is there.
func TestRestrictedSymbolsKept(t *testing.T) {
	for _, s := range []struct{ pkg, name string }{{"os/os", "Exit"}, {"os/os", "FindProcess"}, {"log/log", "Fatal"}, {"log/log", "New"}} {
		if Symbols[s.pkg][s.name] != yaegi.Symbols[s.pkg][s.name] {
			t.Errorf("%s.%s is not yaegi's restricted version", s.pkg, s.name)
		}
	}
	if _, ok := Symbols["."]["MapTypes"]; !ok {
		t.Error("yaegi's MapTypes entry is missing")
	}
	for _, s := range []struct{ pkg, name string }{{"strings/strings", "SplitSeq"}, {"strings/strings", "Lines"}, {"os/os", "OpenRoot"}, {"crypto/sha3/sha3", "New256"}} {
		if _, ok := Symbols[s.pkg][s.name]; !ok {
			t.Errorf("%s.%s is missing", s.pkg, s.name)
		}
	}
}
