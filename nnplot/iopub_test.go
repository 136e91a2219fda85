package nnplot_test

import (
	"strings"
	"testing"

	"github.com/gokernel/gokernel/engine"
	"github.com/gokernel/gokernel/kernel/kerneltest"
)

// TestLiveTrainingOverIOPub runs the tutorial's training with a live
// display in a real kernel and checks the messages a notebook receives:
// one display_data per output (progress line and chart), then
// update_display_data with the same display ids, the final picture last;
// and a picture as the cell's value arrives as execute_result with a PNG.
func TestLiveTrainingOverIOPub(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a kernel")
	}
	e, err := engine.New()
	if err != nil {
		t.Fatal(err)
	}
	s := kerneltest.Start(t, e)
	cells := []string{
		`import (
	"github.com/gokernel/gokernel/nnlib"
	"github.com/gokernel/gokernel/nnplot"
)`,
		`x := [][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}
y := [][]float64{{0}, {1}, {1}, {0}}
model, _ := nnlib.NewSequential(nnlib.Dense(16, nnlib.InputDim(2), nnlib.Activation("relu")), nnlib.Dense(1, nnlib.Activation("sigmoid")))
model.Compile(nnlib.CompileOptions{Loss: "binary_crossentropy", Optimizer: "adam", Metrics: []string{"binary_accuracy"}})
hist, err := nnplot.FitLive(model, x, y, nnlib.FitOptions{Epochs: 5, BatchSize: 4}, nnplot.Interval(0))
nnplot.Diagram(model)`,
	}
	var types, ids []string
	var lastProgress string
	var result map[string]any
	for _, code := range cells {
		req, err := s.Send(kerneltest.Shell, "execute_request", map[string]any{"code": code})
		if err != nil {
			t.Fatal(err)
		}
		reply, err := s.Reply(kerneltest.Shell, req, kerneltest.Timeout)
		if err != nil {
			t.Fatal(err)
		}
		if status := kerneltest.Content(reply)["status"]; status != "ok" {
			t.Fatalf("cell failed: %v", kerneltest.Content(reply))
		}
		msgs, err := s.IOPub(req, kerneltest.Timeout)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range msgs {
			c := kerneltest.Content(m)
			data, _ := c["data"].(map[string]any)
			switch m.Header.MsgType {
			case "display_data", "update_display_data":
				types = append(types, m.Header.MsgType)
				tr, _ := c["transient"].(map[string]any)
				id, _ := tr["display_id"].(string)
				ids = append(ids, id)
				if text, _ := data["text/plain"].(string); strings.HasPrefix(text, "Epoch") {
					lastProgress = text
				}
			case "execute_result":
				result = data
			}
		}
	}
	// Before the first epoch the progress line and the chart's placeholder;
	// per epoch a batch and an epoch progress line and a chart; then the
	// final pair. Each display starts as display_data and is then updated
	// in place under the same id.
	count := map[string]int{}
	var order []string
	for i, typ := range types {
		id := ids[i]
		if id == "" {
			t.Fatalf("message %d (%s) has no display id", i, typ)
		}
		if count[id] == 0 {
			order = append(order, id)
		}
		if want := map[bool]string{true: "display_data", false: "update_display_data"}[count[id] == 0]; typ != want {
			t.Errorf("message %d for display %.6s is %s, want %s", i, id, typ, want)
		}
		count[id]++
	}
	if len(order) != 2 || count[order[0]] != 12 || count[order[1]] != 7 {
		t.Errorf("displays %v with %v messages, want 2 with 12 (progress) and 7 (chart)", order, count)
	}
	if !strings.HasPrefix(lastProgress, "Epoch 5/5 [") {
		t.Errorf("final progress line %q", lastProgress)
	}
	if _, ok := result["image/png"].(string); !ok || !strings.Contains(result["text/plain"].(string), "2-16-1") {
		t.Errorf("the diagram as the cell's value arrived as %v", result["text/plain"])
	}
}
