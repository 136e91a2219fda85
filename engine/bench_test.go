package engine

import (
	"context"
	"fmt"
	"runtime"
	"testing"

	"github.com/gokernel/gokernel/kernel/kerneltest"
)

// BenchmarkExecuteTrivial measures a trivial cell ("1 + 1") from Execute
// to return, output capture included.
func BenchmarkExecuteTrivial(b *testing.B) {
	e := newEngine(b)
	out := &kerneltest.Recorder{}
	ctx := context.Background()
	for b.Loop() {
		if res := e.Execute(ctx, "1 + 1", 0, out); res.Err != nil {
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
		out := &kerneltest.Recorder{}
		if res := e.Execute(ctx, "fmt.Println(\"hi\")", 0, out); res.Err != nil {
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

// BenchmarkRetainedHeap reports the heap that executions keep alive
// ("retained-B/op"; the target is none), for cells that re-run an import,
// a definition and an expression.
func BenchmarkRetainedHeap(b *testing.B) {
	e := newEngine(b)
	out := &kerneltest.Recorder{}
	ctx := context.Background()
	code := "import \"fmt\"\nx := 1\nfmt.Sprint(x + 1)"
	for range 200 {
		e.Execute(ctx, code, 0, out)
	}
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	before := heap()
	for b.Loop() {
		e.Execute(ctx, code, 0, out)
	}
	b.StopTimer()
	after := heap()
	b.ReportMetric(float64(int64(after)-int64(before))/float64(b.N), "retained-B/op")
}

// BenchmarkCheckpoint measures the checkpoint taken before each cell
// compiles (see checkpoint), in a session with 200 globals.
func BenchmarkCheckpoint(b *testing.B) {
	e := newEngine(b)
	run(b, e, "import \"fmt\"\nx := 1")
	for i := range 200 {
		run(b, e, fmt.Sprintf("var v%d = %d", i, i))
	}
	for b.Loop() {
		e.save("fmt.Println(x, v1)")
	}
}

// BenchmarkExecuteGenericDefine measures a top-level definition from a
// generic result (top := slices.Max(xs)), which yaegi fails on first and
// the engine compiles again with the probed type.
func BenchmarkExecuteGenericDefine(b *testing.B) {
	e := newEngine(b)
	run(b, e, "import \"slices\"\nxs := []int{3, 1, 2}")
	ctx := context.Background()
	for b.Loop() {
		if res := e.Execute(ctx, "top := slices.Max(xs)", 0, &kerneltest.Recorder{}); res.Err != nil {
			b.Fatal(res.Err)
		}
	}
}

// BenchmarkExecuteBlockDefine measures a top-level loop of 1000
// iterations that defines two values from a call (run as a function
// literal, see blockdefine.go) against the same loop assigning to
// variables declared before it.
func BenchmarkExecuteBlockDefine(b *testing.B) {
	e := newEngine(b)
	run(b, e, "func f(i int) (int, int) { return i, 2 * i }\nvar s, a, c int")
	for name, code := range map[string]string{
		"define":   "s = 0\nfor i := 0; i < 1000; i++ { x, y := f(i); s += x + y }",
		"declared": "s = 0\nfor i := 0; i < 1000; i++ { a, c = f(i); s += a + c }",
	} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if res := e.Execute(context.Background(), code, 0, &kerneltest.Recorder{}); res.Err != nil {
					b.Fatal(res.Err)
				}
			}
		})
	}
}
