package nnplot

import (
	"slices"
	"testing"
	"time"

	"github.com/gokernel/gokernel/nnlib"
	"github.com/gokernel/gokernel/widgets"
)

// stopButton finds the Stop button FitControls showed last.
func stopButton(t *testing.T) *widgets.Button {
	ids := widgets.Live()
	for _, id := range slices.Backward(ids) {
		if b, ok := widgets.Lookup(id).(*widgets.Button); ok && b.Get("description") == "Stop" {
			return b
		}
	}
	t.Fatal("no Stop button")
	return nil
}

// The Stop button ends training after the current epoch: the history so
// far, no error, the bar orange at the epochs done; a full run leaves the
// bar green and full.
func TestFitControlsStopButton(t *testing.T) {
	fe := inCell(t)
	m := xorModel(t, 16)
	clickAt := nnlib.CallbackFuncs{EpochEnd: func(epoch int, _ map[string]float64) error {
		if epoch == 4 {
			stopButton(t).Click()
		}
		return nil
	}}
	hist, err := FitControls(m, xorX, xorY, nnlib.FitOptions{Epochs: 100, BatchSize: 4,
		Callbacks: []nnlib.Callback{clickAt}}, Interval(time.Hour))
	if err != nil {
		t.Fatalf("stopped Fit: %v", err)
	}
	if hist.Len() != 5 {
		t.Errorf("history of %d epochs, want 5", hist.Len())
	}
	box := fe.calls[0].data["application/vnd.jupyter.widget-view+json"].(map[string]any)
	hbox := widgets.Lookup(box["model_id"].(string)).(*widgets.Box)
	bar := hbox.Children()[0].(*widgets.IntProgress)
	if bar.Value() != 5 || bar.Get("bar_style") != "warning" || stopButton(t).Get("disabled") != true {
		t.Errorf("after Stop: bar at %d, style %v", bar.Value(), bar.Get("bar_style"))
	}

	hist, err = FitControls(m, xorX, xorY, nnlib.FitOptions{Epochs: 20, BatchSize: 4}, Interval(time.Hour))
	if err != nil || hist.Len() != 20 {
		t.Fatalf("full run: %v, %d epochs", err, hist.Len())
	}
	var last map[string]any
	for _, c := range fe.calls {
		if v, ok := c.data["application/vnd.jupyter.widget-view+json"].(map[string]any); ok {
			last = v
		}
	}
	bar = widgets.Lookup(last["model_id"].(string)).(*widgets.Box).Children()[0].(*widgets.IntProgress)
	if bar.Value() != 20 || bar.Get("bar_style") != "success" {
		t.Errorf("after a full run: bar at %d, style %v", bar.Value(), bar.Get("bar_style"))
	}
}
