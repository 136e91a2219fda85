package typecheck

import (
	"fmt"
	"testing"
)

// BenchmarkCheckTrivial: a trivial cell in a fresh session (fmt already
// imported by an earlier cell).
func BenchmarkCheckTrivial(b *testing.B) {
	nb := newNotebook(b)
	nb.run("import \"fmt\"")
	nb.run("x := 1")
	env := nb.env()
	b.ResetTimer()
	for range b.N {
		if r := nb.s.Check("x + 1", env); r.Err != nil || len(r.Errors) > 0 {
			b.Fatal(r.Err, r.Errors)
		}
	}
}

// BenchmarkCheckSession: a trivial cell in a session of 50 functions, 50
// types with a method each and 100 variables.
func BenchmarkCheckSession(b *testing.B) {
	nb := newNotebook(b)
	nb.run("import \"fmt\"")
	for i := range 50 {
		nb.run(fmt.Sprintf("type T%d struct{ A, B int; S string }\nfunc (t *T%d) Sum() int { return t.A + t.B }\nfunc f%d(x int) string { return fmt.Sprint(x) }", i, i, i))
		nb.run(fmt.Sprintf("v%d := T%d{A: %d}\nw%d := f%d(v%d.Sum())", i, i, i, i, i, i))
	}
	if len(nb.s.entries) < 250 {
		b.Fatalf("session of %d entries", len(nb.s.entries))
	}
	env := nb.env()
	b.ResetTimer()
	for range b.N {
		if r := nb.s.Check("fmt.Println(v7.Sum() + 1)", env); r.Err != nil || len(r.Errors) > 0 {
			b.Fatal(r.Err, r.Errors)
		}
	}
}
