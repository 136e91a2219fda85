package engine

import (
	"context"
	"testing"

	"github.com/gokernel/gokernel/kernel/kerneltest"
)

// BenchmarkPrintInt measures fmt.Fprintln of an int from interpreted code
// (1000 calls a cell): the path of a plain value, which the wrappers of
// cell-defined types (symbols/stdlib/fmtmethods.go) must leave as fast.
func BenchmarkPrintInt(b *testing.B) {
	benchmarkPrintLoop(b, `for i := 0; i < 1000; i++ { fmt.Fprintln(io.Discard, i) }`)
}

// BenchmarkPrintStringer measures fmt.Fprintf("%v %d") of a value of a
// cell-defined type with a String method (1000 calls a cell): each call
// builds the wrapper that carries the method to fmt.
func BenchmarkPrintStringer(b *testing.B) {
	benchmarkPrintLoop(b, `for i := 0; i < 1000; i++ { fmt.Fprintf(io.Discard, "%v %d\n", benchDay(i%2), benchDay(i%2)) }`)
}

func benchmarkPrintLoop(b *testing.B, loop string) {
	e := newEngine(b)
	run(b, e, "import (\n\"fmt\"\n\"io\"\n)")
	run(b, e, `type benchDay int

func (d benchDay) String() string { return [...]string{"Sun", "Mon"}[d] }`)
	ctx := context.Background()
	for b.Loop() {
		if res := e.Execute(ctx, loop, 0, &kerneltest.Recorder{}); res.Err != nil {
			b.Fatal(res.Err)
		}
	}
}
