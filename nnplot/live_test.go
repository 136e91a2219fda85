package nnplot

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/xml"
	"fmt"
	"image"
	"image/png"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gokernel/gokernel/cell"
	"github.com/gokernel/gokernel/display"
	"github.com/gokernel/gokernel/nnlib"
)

// sent is one display call the recording frontend received.
type sent struct {
	data, metadata map[string]any
	id             string
	update         bool
}

// frontend is a recording cell.Displayer.
type frontend struct {
	mu    sync.Mutex
	calls []sent
}

func (f *frontend) Display(data, metadata map[string]any, id string, update bool) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, sent{data, metadata, id, update})
	return nil
}

func (f *frontend) ClearOutput(wait bool) error { return nil }

// inCell runs the test as a notebook cell with a recording frontend.
func inCell(t testing.TB) *frontend {
	fe := &frontend{}
	leave := cell.Enter(cell.Env{Display: fe, Stdout: &bytes.Buffer{}})
	t.Cleanup(leave)
	return fe
}

func TestLiveUpdatesTwoDisplaysInPlace(t *testing.T) {
	fe := inCell(t)
	m := xorModel(t, 16)
	hist, err := FitLive(m, xorX, xorY, nnlib.FitOptions{Epochs: 30, BatchSize: 4}, Interval(0), MarkPerfect())
	if err != nil {
		t.Fatal(err)
	}
	// Before the first epoch, the progress line and the chart's
	// placeholder; per epoch, the batch's progress line, the epoch's
	// progress line and the chart; then the final pair. Each display
	// starts as display_data and is updated in place from then on.
	checkDisplays(t, fe.calls, 1+30*2+1, 1+30+1)
	last := fe.calls[len(fe.calls)-2].data[display.MIMEText].(string)
	if !strings.HasPrefix(last, "Epoch 30/30 [==============================]") || !strings.Contains(last, "loss: ") {
		t.Errorf("final progress line %q", last)
	}
	if html := fe.calls[len(fe.calls)-2].data[display.MIMEHTML].(string); !strings.Contains(html, "done") {
		t.Errorf("final progress HTML does not say done: %s", html)
	}
	svg := fe.calls[len(fe.calls)-1].data[display.MIMESVG].(string)
	if err := xml.Unmarshal([]byte(svg), new(struct{})); err != nil {
		t.Errorf("chart is not XML: %v", err)
	}
	if hist.Len() != 30 {
		t.Errorf("history has %d epochs", hist.Len())
	}
}

func TestLiveThrottles(t *testing.T) {
	fe := inCell(t)
	m := xorModel(t, 16)
	if _, err := FitLive(m, xorX, xorY, nnlib.FitOptions{Epochs: 200, BatchSize: 4}, Interval(time.Hour)); err != nil {
		t.Fatal(err)
	}
	// The displays shown before the first epoch, then the final pair.
	checkDisplays(t, fe.calls, 2, 2)
	if len(fe.calls) != 4 {
		t.Fatalf("a fast Fit drew %d times, want the first and the final pictures only", len(fe.calls))
	}
	if _, ok := fe.calls[3].data[display.MIMEPNG]; !ok {
		t.Error("the final picture of a fast Fit has no PNG")
	}
}

func TestLiveFinalPictureAfterInterrupt(t *testing.T) {
	fe := inCell(t)
	m := xorModel(t, 16)
	ctx, cancel := context.WithCancel(context.Background())
	stopAt := nnlib.CallbackFuncs{EpochEnd: func(epoch int, _ map[string]float64) error {
		if epoch == 9 {
			cancel()
		}
		return nil
	}}
	_, err := FitLive(m, xorX, xorY, nnlib.FitOptions{Epochs: 100, BatchSize: 4, Context: ctx,
		Callbacks: []nnlib.Callback{stopAt}}, Interval(time.Hour))
	if err == nil {
		t.Fatal("interrupted Fit returned no error")
	}
	if len(fe.calls) != 4 {
		t.Fatalf("got %d display calls, want the first and the final pairs", len(fe.calls))
	}
	text := fe.calls[2].data[display.MIMEText].(string)
	if !strings.HasPrefix(text, "Epoch 10/100 [===....") {
		t.Errorf("progress after the interrupt: %q", text)
	}
	if html := fe.calls[2].data[display.MIMEHTML].(string); !strings.Contains(html, "stopped") {
		t.Errorf("progress HTML does not say stopped: %s", html)
	}
}

// TestLiveShowsBeforeTheFirstEpoch checks that the progress line and the
// chart are in the output before Fit prints anything, so that they stay
// above a verbose log.
func TestLiveShowsBeforeTheFirstEpoch(t *testing.T) {
	fe := inCell(t)
	m := xorModel(t, 4)
	shownBefore := -1
	first := nnlib.CallbackFuncs{EpochEnd: func(epoch int, _ map[string]float64) error {
		if epoch == 0 {
			shownBefore = len(fe.calls)
		}
		return nil
	}}
	if _, err := FitLive(m, xorX, xorY, nnlib.FitOptions{Epochs: 3, BatchSize: 4, Callbacks: []nnlib.Callback{first}}, Interval(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if shownBefore != 2 {
		t.Fatalf("%d displays before the first epoch ended, want the progress line and the chart", shownBefore)
	}
	if text := fe.calls[0].data[display.MIMEText].(string); !strings.HasPrefix(text, "Epoch 0/3 [....") {
		t.Errorf("first progress line %q", text)
	}
	if fe.calls[0].update || fe.calls[1].update || fe.calls[0].id == fe.calls[1].id {
		t.Errorf("the first two calls are not two new displays: %+v", fe.calls[:2])
	}
	if fe.calls[3].id != fe.calls[1].id || !fe.calls[3].update {
		t.Error("the final chart does not replace the placeholder")
	}
}

// TestLiveFitFailingAtOnce checks what stays in the output when Fit
// fails before its first epoch: the reason, and no placeholder.
func TestLiveFitFailingAtOnce(t *testing.T) {
	fe := inCell(t)
	m := xorModel(t, 4)
	_, err := FitLive(m, [][]float64{{1, 2, 3}}, [][]float64{{1}}, nnlib.FitOptions{Epochs: 3})
	if err == nil {
		t.Fatal("Fit on 3 columns for a 2-input model: no error")
	}
	if len(fe.calls) != 4 {
		t.Fatalf("%d display calls, want the first pair and its replacement", len(fe.calls))
	}
	status, chart := fe.calls[2].data[display.MIMEText].(string), fe.calls[3].data[display.MIMEText].(string)
	if !strings.HasPrefix(status, "Fit stopped before the first epoch: ") || !strings.Contains(status, err.Error()) {
		t.Errorf("progress line after the failure: %q (error %v)", status, err)
	}
	if chart != "" {
		t.Errorf("the chart's placeholder stayed: %q", chart)
	}
}

func TestLiveOutsideAKernel(t *testing.T) {
	var out bytes.Buffer
	leave := cell.Enter(cell.Env{Stdout: &out})
	defer leave()
	m := xorModel(t, 16)
	if _, err := FitLive(m, xorX, xorY, nnlib.FitOptions{Epochs: 20, BatchSize: 4}, Interval(0)); err != nil {
		t.Fatal(err)
	}
	if lines := strings.Split(strings.TrimSpace(out.String()), "\n"); len(lines) != 1 || !strings.HasPrefix(lines[0], "Epoch 20/20 [") {
		t.Errorf("outside a kernel FitLive printed %q, want one final progress line", out.String())
	}
}

func TestLiveErrors(t *testing.T) {
	inCell(t)
	if _, err := FitLive(nil, xorX, xorY, nnlib.FitOptions{}); err == nil {
		t.Error("nil model: no error")
	}
	m := xorModel(t, 4)
	_, err := FitLive(m, xorX, xorY, nnlib.FitOptions{Epochs: 3}, Interval(0), Keys("precision"))
	if err == nil || !strings.Contains(err.Error(), "nnplot: Live:") {
		t.Errorf("unknown key: error %v", err)
	}
	if err := NewLive(5).Finish(); err != nil {
		t.Errorf("Finish before any epoch: %v", err)
	}
}

func TestLiveChartIsValidSVG(t *testing.T) {
	inf := 1 / zero()
	cases := map[string][]livePanel{
		"one epoch":     {{key: "loss", train: []float64{0.5}}},
		"diverged loss": {{key: "loss", train: []float64{0.5, nan(), inf, 0.2}}, {key: "accuracy", train: []float64{0, 0.5, 1, 1}}},
		"long run":      {{key: "loss", train: fakeHistory(20000, 0, false).History["loss"]}},
		"flat":          {{key: "mae", train: []float64{0, 0, 0}, val: []float64{0, 0, 0}}},
	}
	for name, panels := range cases {
		svg := liveChart(panels, 1, true)
		if err := xml.Unmarshal([]byte(svg), new(struct{})); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if strings.Contains(svg, "NaN") || strings.Contains(svg, "Inf") {
			t.Errorf("%s: non-finite coordinates in the SVG", name)
		}
		if name == "long run" && len(svg) > 40000 {
			t.Errorf("a 20000-epoch chart is %d bytes; the series is not thinned", len(svg))
		}
	}
}

func TestNiceTicks(t *testing.T) {
	for _, c := range []struct {
		lo, hi float64
		want   string
	}{
		{0, 1.05, "[0 0.2 0.4 0.6 0.8 1]"},
		{1, 500, "[100 200 300 400 500]"},
		{0, 0.27, "[0 0.05 0.1 0.15 0.2 0.25]"},
	} {
		if got := fmt.Sprint(niceTicks(c.lo, c.hi)); got != c.want {
			t.Errorf("niceTicks(%v, %v) = %s, want %s", c.lo, c.hi, got, c.want)
		}
	}
}

func TestLiveBatchProgress(t *testing.T) {
	fe := inCell(t)
	l := NewLive(3, Interval(0))
	if err := l.OnBatchEnd(0, map[string]float64{"loss": 0.5, "binary_accuracy": 0.25}); err != nil {
		t.Fatal(err)
	}
	if err := l.OnEpochEnd(0, map[string]float64{"loss": 0.4, "binary_accuracy": 0.5}); err != nil {
		t.Fatal(err)
	}
	if err := l.OnBatchEnd(6, map[string]float64{"loss": 0.3, "binary_accuracy": 0.75}); err != nil {
		t.Fatal(err)
	}
	var progress []string
	for _, c := range fe.calls {
		if text, _ := c.data[display.MIMEText].(string); strings.HasPrefix(text, "Epoch") {
			progress = append(progress, text)
		}
	}
	want := []string{"Epoch 1/3 - batch 1 - ", "Epoch 1/3 [", "Epoch 2/3 - batch 7 - "}
	if len(progress) != len(want) {
		t.Fatalf("progress lines %q", progress)
	}
	for i := range want {
		if !strings.HasPrefix(progress[i], want[i]) {
			t.Errorf("progress %d = %q, want prefix %q", i, progress[i], want[i])
		}
	}
	if !strings.HasSuffix(progress[2], "loss: 0.3000 - binary_accuracy: 0.7500") {
		t.Errorf("batch progress values: %q", progress[2])
	}
}

// checkDisplays checks that calls go to two displays — the progress line
// (first) and the chart — each shown once and then updated, with the
// given numbers of messages.
func checkDisplays(t *testing.T, calls []sent, progress, chart int) {
	t.Helper()
	if len(calls) < 2 {
		t.Fatalf("got %d display calls", len(calls))
	}
	count := map[string]int{}
	var order []string
	for i, c := range calls {
		if c.id == "" {
			t.Fatalf("call %d has no display id", i)
		}
		if count[c.id] == 0 {
			order = append(order, c.id)
		}
		if c.update != (count[c.id] > 0) {
			t.Errorf("call %d (message %d of display %.6s): update = %v", i, count[c.id]+1, c.id, c.update)
		}
		count[c.id]++
	}
	if len(order) != 2 || count[order[0]] != progress || count[order[1]] != chart {
		t.Errorf("displays %v with %v messages, want 2 displays with %d and %d", order, count, progress, chart)
	}
}

// TestLiveFinalPictureCarriesAPNG checks that the picture that stays in
// the notebook renders without trust (PNG), however short the run, and
// that only the final picture pays for one.
func TestLiveFinalPictureCarriesAPNG(t *testing.T) {
	fe := inCell(t)
	m := xorModel(t, 16)
	if _, err := FitLive(m, xorX, xorY, nnlib.FitOptions{Epochs: 5, BatchSize: 4}, Interval(0)); err != nil {
		t.Fatal(err)
	}
	last := fe.calls[len(fe.calls)-1]
	raw, ok := last.data[display.MIMEPNG].(string)
	if !ok {
		t.Fatal("the final picture of a fast run has no PNG")
	}
	img, err := decodePNG(raw)
	if err != nil {
		t.Fatalf("final PNG: %v", err)
	}
	if img.Bounds().Dx() < 900 {
		t.Errorf("final PNG is only %v", img.Bounds())
	}
	if _, ok := last.data[display.MIMESVG].(string); !ok {
		t.Error("the final picture lost its SVG")
	}
	if size, _ := last.metadata[display.MIMEPNG].(map[string]any); size["width"] == nil {
		t.Errorf("final PNG metadata %v has no display size", last.metadata)
	}
	for i, c := range fe.calls[:len(fe.calls)-2] {
		if _, ok := c.data[display.MIMEPNG]; ok {
			t.Errorf("call %d, before the end, carries a PNG", i)
		}
	}
}

// decodePNG decodes a bundle's base64 PNG.
func decodePNG(b64 string) (image.Image, error) {
	raw, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		return nil, err
	}
	return png.Decode(bytes.NewReader(raw))
}
