package rewrite_test

import (
	"testing"

	"github.com/gokernel/gokernel/engine/rewrite"
)

func TestGuardAllocs(t *testing.T) {
	opts := rewrite.Options{Make: "rt.Make", Grow: "rt.Grow", RepeatString: "rt.RepeatString", RepeatBytes: "rt.RepeatBytes"}
	tests := []struct{ in, want string }{
		{"b := make([]byte, n)", `b := make([]byte, rt.Make("[]byte", ([]byte)(nil), n))`},
		{"b := make([]byte, 30<<30)", `b := make([]byte, rt.Make("[]byte", ([]byte)(nil), 30<<30))`},
		{"b := make([]int, 0, n*2)", `b := make([]int, 0, rt.Make("[]int", ([]int)(nil), n*2))`},
		{"m := make(map[string][]int, n)", `m := make(map[string][]int, rt.Make("map[string][]int", (map[string][]int)(nil), n))`},
		{"c := make(chan T, n)", `c := make(chan T, rt.Make("chan T", (chan T)(nil), n))`},
		{"b := make([]byte, 10)", "b := make([]byte, 10)"},
		{"m := make(map[int]int)", "m := make(map[int]int)"},
		{"xs = append(xs, 1)", "xs = append(xs[:len(xs)+rt.Grow(xs, 1)], 1)"},
		{"p.xs = append(p.xs, a, b)", "p.xs = append(p.xs[:len(p.xs)+rt.Grow(p.xs, 2)], a, b)"},
		{"m[k] = append(m[k], v)", "m[k] = append(m[k][:len(m[k])+rt.Grow(m[k], 1)], v)"},
		{"xs = append(xs, ys...)", "xs = append(xs[:len(xs)+rt.Grow(xs, len(ys))], ys...)"},
		{"xs = append(f(), 1)", "xs = append(f(), 1)"},
		{"xs = append(xs, f()...)", "xs = append(xs, f()...)"},
		{"xs = append(xs)", "xs = append(xs)"},
		{"xs = append(xs, make([]int, n)...)", `xs = append(xs, make([]int, rt.Make("[]int", ([]int)(nil), n))...)`},
		{`s := strings.Repeat("=", n)`, `s := rt.RepeatString("=", n)`},
		{`b := bytes.Repeat([]byte("ab"), n*k)`, `b := rt.RepeatBytes([]byte("ab"), n*k)`},
		{`s := strings.Repeat("ab", 40)`, `s := strings.Repeat("ab", 40)`},
		{"s := strs.Repeat(x, n)", "s := strs.Repeat(x, n)"},
	}
	for _, tt := range tests {
		if got, want := rewritten(t, tt.in, opts, rewrite.AllocGuard), normalize(tt.want); got != want {
			t.Errorf("%q\n got %s\nwant %s", tt.in, got, want)
		}
	}
}

// TestGuardAllocsSkipsGenerics: a type parameter need not convert nil, so
// make inside a generic function or a method of a generic type is left alone.
func TestGuardAllocsSkipsGenerics(t *testing.T) {
	src := "package p\nfunc F[S ~[]E, E any](n int) S { return make(S, n) }\nfunc (s *Stack[T]) Grow(n int) { s.xs = make([]T, n) }\nfunc G(n int) []int { return make([]int, n) }"
	got := rewrittenFile(t, src, rewrite.Options{Make: "rt.Make"}, rewrite.AllocGuard)
	want := normalize("package p\nfunc F[S ~[]E, E any](n int) S { return make(S, n) }\nfunc (s *Stack[T]) Grow(n int) { s.xs = make([]T, n) }\nfunc G(n int) []int { return make([]int, rt.Make(\"[]int\", ([]int)(nil), n)) }")
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
