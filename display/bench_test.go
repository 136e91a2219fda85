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

// BenchmarkTable builds a grid-search results table: 15 rows of six mixed
// cells, in HTML, Markdown and text.
func BenchmarkTable(b *testing.B) {
	header := []string{"layers", "units", "reached 100%", "median", "middle half", "note"}
	rows := make([][]any, 15)
	for i := range rows {
		rows[i] = []any{i/5 + 1, 2 << (i % 5), float64(i) / 15, 100.5 + float64(i), "40–180", nil}
	}
	for b.Loop() {
		if t := Table(header, rows); t.Err() != nil {
			b.Fatal(t.Err())
		}
	}
}
