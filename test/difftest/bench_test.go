package difftest

import (
	"testing"
	"time"
)

// BenchmarkLoop runs a 1e7-iteration integer loop compiled and through the
// engine (in a function declared by a cell, and as a cell's top-level
// loop over its globals); ns/iter compares them.
func BenchmarkLoop(b *testing.B) {
	perIter := func(b *testing.B, total time.Duration) {
		b.ReportMetric(float64(total.Nanoseconds())/float64(b.N)/LoopN, "ns/iter")
	}
	b.Run("compiled", func(b *testing.B) {
		var total time.Duration
		for i := 0; i < b.N; i++ {
			total += CompiledLoop()
		}
		perIter(b, total)
	})
	for _, c := range []struct {
		name     string
		topLevel bool
	}{{"interpreted-func", false}, {"interpreted-toplevel", true}} {
		b.Run(c.name, func(b *testing.B) {
			l, err := NewLoopEngine(c.topLevel)
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			var total time.Duration
			for i := 0; i < b.N; i++ {
				d, err := l.Run()
				if err != nil {
					b.Fatal(err)
				}
				total += d
			}
			perIter(b, total)
		})
	}
}
