package generic

import (
	"strings"
	"testing"
)

func TestMembers(t *testing.T) {
	found := map[string]Member{}
	for _, p := range Packages {
		for _, m := range Members(p) {
			found[p+"."+m.Name] = m
		}
	}
	for name, decl := range map[string]string{
		"slices.Sort": "func Sort[E ordered](x []E)",
		"maps.Keys":   "func Keys[K comparable, V any](m map[K]V) func(yield func(K) bool)",
		"iter.Seq":    "type Seq[V any] func(yield func(V) bool)",
	} {
		m, ok := found[name]
		if !ok || m.Decl != decl || m.Doc == "" {
			t.Errorf("%s: %+v, want decl %q and a doc", name, m, decl)
		}
	}
	if m := Members("strings"); m != nil {
		t.Errorf("Members(strings) = %v", m)
	}
	if _, ok := found["slices.less"]; ok || !strings.Contains(found["slices.Max"].Doc, "largest") {
		t.Error("unexported member listed or doc missing")
	}
}
