package engine

import (
	"context"
	"testing"
)

// BenchmarkExecuteTrivial measures a trivial cell ("1 + 1") from Execute
// to return, output capture included.
func BenchmarkExecuteTrivial(b *testing.B) {
	e := newEngine(b)
	out := &recorder{}
	ctx := context.Background()
	for b.Loop() {
		if res := e.Execute(ctx, "1 + 1", out); res.Err != nil {
			b.Fatal(res.Err)
		}
	}
}

// BenchmarkExecutePrint measures a cell that prints a line.
func BenchmarkExecutePrint(b *testing.B) {
	e := newEngine(b)
	run(b, e, "import \"fmt\"")
	ctx := context.Background()
	for b.Loop() {
		out := &recorder{}
		if res := e.Execute(ctx, "fmt.Println(\"hi\")", out); res.Err != nil {
			b.Fatal(res.Err)
		}
	}
}

// BenchmarkNew measures starting an engine (standard library, preloaded
// packages and prelude).
func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		if _, err := New(); err != nil {
			b.Fatal(err)
		}
	}
}
