package display

import "testing"

func BenchmarkPlotPNG(b *testing.B) {
	p := samplePlot(b)
	for b.Loop() {
		if r := Plot(p); r.Err() != nil {
			b.Fatal(r.Err())
		}
	}
}

func BenchmarkPlotSVG(b *testing.B) {
	p := samplePlot(b)
	for b.Loop() {
		if r := Plot(p, AsSVG()); r.Err() != nil {
			b.Fatal(r.Err())
		}
	}
}
