package rewrite_test

import (
	"go/ast"
	"testing"

	"github.com/gokernel/gokernel/engine/rewrite"
)

func TestStdExtensions(t *testing.T) {
	// The test's imports: sync, and sy for sync under another name; rand
	// is not the standard library's sync.
	pkgOf := func(name string) string {
		return map[string]string{"sync": "sync", "sy": "sync", "rand": "math/rand"}[name]
	}
	for _, tt := range []struct{ in, want string }{
		{"get := sync.OnceValue(f)", "get := __gkstd.SyncOnceValue(f)"},
		{"load := sy.OnceValues(func() (int, error) { return 1, nil })", "load := __gkstd.SyncOnceValues(func() (int, error) { return 1, nil })"},
		{"g := sync.OnceValue[int](f)", "g := __gkstd.SyncOnceValue[int](f)"},
		{"var once sync.Once", "var once sync.Once"},
		{"h := sync.OnceFunc(f)", "h := sync.OnceFunc(f)"},
		{"n := other.OnceValue(f)", "n := other.OnceValue(f)"},
	} {
		got := rewrittenBy(t, tt.in, func(body *ast.BlockStmt) { rewrite.StdExtensions(body, pkgOf) })
		if want := normalize(tt.want); got != want {
			t.Errorf("%s\n got %s\nwant %s", tt.in, got, want)
		}
	}
}
