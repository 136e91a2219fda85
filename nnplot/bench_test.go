package nnplot

import (
	"encoding/json"
	"io"
	"testing"
	"time"

	"github.com/gokernel/gokernel/cell"
	"github.com/gokernel/gokernel/display"
	"github.com/gokernel/gokernel/nnlib"
)

// BenchmarkCurvePNG renders a 500-epoch two-series training curve (loss
// and val_loss) to PNG at the default size and 2x scale. Target: ≤ 30 ms.
func BenchmarkCurvePNG(b *testing.B) {
	h := fakeHistory(500, 180, true)
	for b.Loop() {
		f, err := unpack(Curves(h, Keys("loss")))
		if err != nil {
			b.Fatal(err)
		}
		if bundle := f.Bundle(); bundle.Err() != nil {
			b.Fatal(bundle.Err())
		}
	}
}

// BenchmarkCurveSVG is the same picture as SVG, the live display's format.
func BenchmarkCurveSVG(b *testing.B) {
	h := fakeHistory(500, 180, true)
	for b.Loop() {
		f, err := unpack(Curves(h, Keys("loss")))
		if err != nil {
			b.Fatal(err)
		}
		if bundle := f.Bundle(display.AsSVG()); bundle.Err() != nil {
			b.Fatal(bundle.Err())
		}
	}
}

// serializingFrontend is a cell.Displayer that encodes each message as the
// kernel would (JSON) and drops it.
type serializingFrontend struct{}

func (serializingFrontend) Display(data, metadata map[string]any, id string, update bool) error {
	_, err := json.Marshal(map[string]any{"data": data, "metadata": metadata, "transient": map[string]any{"display_id": id}})
	return err
}

func (serializingFrontend) ClearOutput(bool) error { return nil }

// BenchmarkLiveFit measures, in one run, a 500-epoch Fit of the tutorial's
// 2-16-1 model on XOR without display and the same Fit through FitLive
// (default interval, final picture with its PNG included), inside a cell
// whose frontend serialises every message. It reports both times per Fit,
// their ratio and their difference, the cost of the live display. Such a
// Fit takes about a millisecond, less than the final PNG, so the cost is
// that picture: target ≤ 40 ms per Fit, whatever the number of epochs.
func BenchmarkLiveFit(b *testing.B) {
	leave := cell.Enter(cell.Env{Display: serializingFrontend{}, Stdout: io.Discard})
	defer leave()
	fit := nnlib.FitOptions{Epochs: 500, BatchSize: 4}
	var plain, live time.Duration
	for b.Loop() {
		m := xorModel(b, 16)
		start := time.Now()
		if _, err := m.Fit(xorX, xorY, fit); err != nil {
			b.Fatal(err)
		}
		plain += time.Since(start)

		m = xorModel(b, 16)
		start = time.Now()
		if _, err := FitLive(m, xorX, xorY, fit); err != nil {
			b.Fatal(err)
		}
		live += time.Since(start)
	}
	n := float64(b.N)
	b.ReportMetric(float64(plain.Microseconds())/n, "plain-µs/fit")
	b.ReportMetric(float64(live.Microseconds())/n, "live-µs/fit")
	b.ReportMetric(float64(live)/float64(plain), "live/plain")
	b.ReportMetric(float64((live-plain).Microseconds())/n/1000, "overhead-ms/fit")
}

// BenchmarkHeatMapPNG renders the tutorial's grid-search heat map (3×5
// cells, two of them missing, colour bar) to PNG at 2x.
func BenchmarkHeatMapPNG(b *testing.B) {
	for b.Loop() {
		f := HeatMap([]string{"1", "2", "3"}, []string{"2", "4", "8", "16", "32"}, medianEpochs,
			Axes("neurons per layer", "hidden layers"), Title("median epochs to 100% accuracy"))
		if bundle := f.Bundle(); bundle.Err() != nil {
			b.Fatal(bundle.Err())
		}
	}
}
