package nnlib

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// CSVLogger writes Keras's file: header "epoch" and the sorted keys, one
// row per epoch with Python's float text, "\r\n" line ends; append keeps
// the header of the file it continues.
func TestCSVLogger(t *testing.T) {
	m := tutorialModel(t)
	x, y := xorData()
	path := filepath.Join(t.TempDir(), "log.csv")
	logger, err := CSVLogger(path, "", false)
	if err != nil {
		t.Fatal(err)
	}
	h, err := m.Fit(x, y, FitOptions{Epochs: 3, ValidationX: x, ValidationY: y, Callbacks: []Callback{logger}})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	lines := strings.Split(string(data), "\r\n")
	if len(lines) != 5 || lines[4] != "" || lines[0] != "epoch,binary_accuracy,loss,val_binary_accuracy,val_loss" {
		t.Fatalf("csv:\n%q", data)
	}
	if want := "2," + pythonFloat(h.Get("binary_accuracy")[2]) + "," + pythonFloat(h.Get("loss")[2]); !strings.HasPrefix(lines[3], want+",") {
		t.Errorf("row %q, want it to start with %q", lines[3], want)
	}
	logger, _ = CSVLogger(path, ";", true)
	if _, err := m.Fit(x, y, FitOptions{Epochs: 1, Callbacks: []Callback{logger}}); err != nil {
		t.Fatal(err)
	}
	data, _ = os.ReadFile(path)
	if n := strings.Count(string(data), "epoch"); n != 1 || !regexp.MustCompile(`\r\n0;[0-9.]+;[0-9.]+\r\n$`).Match(data) {
		t.Errorf("appended csv:\n%q", data)
	}
}

func TestPythonFloat(t *testing.T) {
	for v, want := range map[float64]string{0.1: "0.1", 100: "100.0", 1e-5: "1e-05", 0.5: "0.5", 0: "0.0", 1.5e-7: "1.5e-07", 0.6931471805599453: "0.6931471805599453"} {
		if got := pythonFloat(v); got != want {
			t.Errorf("pythonFloat(%v) = %q, want %q", v, got, want)
		}
	}
}

// ModelCheckpoint fills the path's fields and, with SaveBestOnly, saves
// only improving epochs; the saved model reloads with its weights.
func TestModelCheckpoint(t *testing.T) {
	m := tutorialModel(t)
	x, y := xorData()
	dir := t.TempDir()
	cp, err := ModelCheckpoint(filepath.Join(dir, "m-{epoch:02d}-{loss:.3f}.json"), ModelCheckpointOptions{Monitor: "loss", SaveBestOnly: true, Verbose: true})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	h, err := m.Fit(x, y, FitOptions{Epochs: 5, Callbacks: []Callback{cp}, Output: &out})
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) != 5 || !strings.Contains(out.String(), "\nEpoch 1: loss improved from inf to ") {
		t.Fatalf("files %v, output %q", files, out.String())
	}
	if last := filepath.Base(cp.LastSaved); !regexp.MustCompile(`^m-05-0\.\d{3}\.json$`).MatchString(last) || last != filepath.Base(files[4]) {
		t.Errorf("checkpoint name %q", last)
	}
	back, err := Load(cp.LastSaved)
	if err != nil {
		t.Fatal(err)
	}
	if maxAbsDiff(flatten(back.GetWeights()), flatten(m.GetWeights())) != 0 || h.Len() != 5 {
		t.Error("the last checkpoint does not hold the final weights")
	}
	// The loss falls every epoch, so in "max" mode only epoch 1 improves.
	dir = t.TempDir()
	cp, _ = ModelCheckpoint(filepath.Join(dir, "best.json"), ModelCheckpointOptions{Monitor: "loss", Mode: "max", SaveBestOnly: true, Verbose: true})
	out.Reset()
	if _, err := m.Fit(x, y, FitOptions{Epochs: 3, Callbacks: []Callback{cp}, Output: &out}); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(out.String(), "did not improve from "); n != 2 {
		t.Errorf("want 2 epochs without improvement:\n%s", out.String())
	}
	bad, _ := ModelCheckpoint(filepath.Join(dir, "{nope}.json"), ModelCheckpointOptions{})
	if _, err := m.Fit(x, y, FitOptions{Epochs: 1, Callbacks: []Callback{bad}}); err == nil || !strings.Contains(err.Error(), "{nope}") {
		t.Errorf("a path naming an unlogged value: %v", err)
	}
}

// Predict and Evaluate take a batch size; the results do not depend on it.
func TestPredictEvaluateBatchSize(t *testing.T) {
	m := tutorialModel(t)
	x, y := xorData()
	a, _ := m.Predict(x)
	b, err := m.Predict(x, PredictOptions{BatchSize: 1})
	if err != nil || maxAbsDiff(flatten(a), flatten(b)) > 1e-15 {
		t.Errorf("batch 1 predictions differ: %v %v (%v)", a, b, err)
	}
	r1, _ := m.Evaluate(x, y)
	r3, err := m.Evaluate(x, y, EvaluateOptions{BatchSize: 3})
	if err != nil || r1["loss"]-r3["loss"] > 1e-15 || r3["loss"]-r1["loss"] > 1e-15 {
		t.Errorf("evaluate loss %v vs %v (%v)", r1, r3, err)
	}
	rw, _ := m.Evaluate(x, y, EvaluateOptions{SampleWeight: []float64{2, 2, 2, 2}})
	if d := rw["loss"] - 2*r1["loss"]; d > 1e-12 || d < -1e-12 {
		t.Errorf("weight 2 everywhere: loss %v, want twice %v", rw["loss"], r1["loss"])
	}
	if _, err := m.Predict(x, PredictOptions{BatchSize: -2}); err == nil {
		t.Error("negative batch size accepted")
	}
}

// The learning rate is readable and settable as model.optimizer.learning_rate,
// and a schedule survives Save and Load.
func TestLearningRateAndScheduleSave(t *testing.T) {
	m := tutorialModel(t)
	if lr, err := m.LearningRate(); err != nil || lr != 0.001 {
		t.Errorf("learning rate %v %v", lr, err)
	}
	if err := m.SetLearningRate(0.02); err != nil {
		t.Fatal(err)
	}
	data, _ := m.MarshalJSON()
	back, err := UnmarshalModel(data)
	if err != nil {
		t.Fatal(err)
	}
	if lr, _ := back.LearningRate(); lr != 0.02 {
		t.Errorf("reloaded learning rate %v, want 0.02", lr)
	}
	sched := CosineDecay{InitialLearningRate: 0.1, DecaySteps: 10, Alpha: 0.2}
	if err := m.Compile(CompileOptions{Loss: "mse", Optimizer: Adam{Schedule: sched}}); err != nil {
		t.Fatal(err)
	}
	x, y := xorData()
	if _, err := m.Fit(x, y, FitOptions{Epochs: 3, Output: io.Discard}); err != nil {
		t.Fatal(err)
	}
	if err := m.SetLearningRate(0.1); err == nil || !strings.Contains(err.Error(), "not settable") {
		t.Errorf("SetLearningRate with a schedule: %v", err)
	}
	data, _ = m.MarshalJSON()
	if back, err = UnmarshalModel(data); err != nil {
		t.Fatal(err)
	}
	if lr, _ := back.LearningRate(); lr != sched.LearningRate(3) {
		t.Errorf("reloaded schedule gives %v at step 3, want %v", lr, sched.LearningRate(3))
	}
}
