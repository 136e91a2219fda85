package engine

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel/kerneltest"
)

// xorCell trains the tutorial's XOR model through the interpreter.
const xorCell = `import "github.com/gokernel/gokernel/nnlib"
x := [][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}
y := [][]float64{{0}, {1}, {1}, {0}}
model, err := nnlib.NewSequential(
	nnlib.Dense(16, nnlib.InputDim(2), nnlib.Activation("relu")),
	nnlib.Dense(1, nnlib.Activation("sigmoid")))
if err != nil { panic(err) }
err = model.Compile(nnlib.CompileOptions{Loss: "mean_squared_error", Optimizer: "adam", Metrics: []string{"binary_accuracy"}})
if err != nil { panic(err) }
`

func TestNNLibTrainingStreamsAndInterrupts(t *testing.T) {
	e := newEngine(t)
	run(t, e, xorCell)
	_, out := run(t, e, "hist, err := model.Fit(x, y, nnlib.FitOptions{Epochs: 3, Verbose: 2})\nerr")
	if got := out.Text("stdout"); !strings.Contains(got, "Epoch 3/3") {
		t.Errorf("Fit's epoch lines did not reach the cell: %q", got)
	}

	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	start := time.Now()
	res := e.Execute(ctx, "hist, err = model.Fit(x, y, nnlib.FitOptions{Epochs: 100000000, Verbose: 0})", 0, &kerneltest.Recorder{})
	if res.Err == nil || res.Err.Name != kindInterrupted.String() {
		t.Fatalf("long training: %+v, want Interrupted", res)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("interrupting training took %v", d)
	}
	if got := plain(mustRun(t, e, "len(x)")); got != "4" {
		t.Errorf("state lost after interrupting training: len(x) = %q", got)
	}
}
