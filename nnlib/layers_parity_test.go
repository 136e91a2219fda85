package nnlib

import (
	"encoding/json"
	"math"
	"os"
	"testing"
)

// layerCase is one case of testdata/layers_parity.json (made by
// testdata/gen/gen_layers.py).
type layerCase struct {
	Name       string        `json:"name"`
	InputShape []int         `json:"input_shape"`
	Layers     []layerConfig `json:"layers"`
	Loss       string        `json:"loss"`
	Optimizer  struct {
		Class        string  `json:"class"`
		LearningRate float64 `json:"learning_rate"`
	} `json:"optimizer"`
	BatchSize        int         `json:"batch_size"`
	Epochs           int         `json:"epochs"`
	X                [][]float64 `json:"x"`
	Y                [][]float64 `json:"y"`
	InitialWeights   [][]float64 `json:"initial_weights"`
	LossCurve        []float64   `json:"epoch_loss"`
	FinalWeights     [][]float64 `json:"final_weights"`
	FinalPredictions [][]float64 `json:"final_predictions"`
}

// Every multi-dimensional layer trains as Keras 3's formulas do: the same
// per-epoch losses, final weights (moving statistics included) and
// inference predictions as the PyTorch replica, within float32 noise.
func TestLayersParity(t *testing.T) {
	data, err := os.ReadFile("testdata/layers_parity.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Cases []layerCase `json:"cases"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Cases) < 6 {
		t.Fatalf("%d cases", len(f.Cases))
	}
	for _, c := range f.Cases {
		t.Run(c.Name, func(t *testing.T) {
			layers := []Layer{Input(c.InputShape...)}
			for _, lc := range c.Layers {
				if lc.Activation == "" && (lc.Class == "Dense" || lc.Class == "Conv2D" || lc.Class == "Conv1D") {
					lc.Activation = "linear"
				}
				l, err := layerFromConfig(lc)
				if err != nil {
					t.Fatal(err)
				}
				layers = append(layers, l)
			}
			m, err := NewSequential(layers...)
			if err != nil {
				t.Fatal(err)
			}
			var opt any = &SGD{LearningRate: c.Optimizer.LearningRate}
			if c.Optimizer.Class == "Adam" {
				opt = &Adam{LearningRate: c.Optimizer.LearningRate}
			}
			if err := m.Compile(CompileOptions{Loss: c.Loss, Optimizer: opt}); err != nil {
				t.Fatal(err)
			}
			if err := m.SetWeights(c.InitialWeights); err != nil {
				t.Fatal(err)
			}
			h, err := m.Fit(c.X, c.Y, FitOptions{Epochs: c.Epochs, BatchSize: c.BatchSize, NoShuffle: true})
			if err != nil {
				t.Fatal(err)
			}
			const tol = 2e-5
			for i, want := range c.LossCurve {
				if got := h.History["loss"][i]; math.Abs(got-want) > tol {
					t.Errorf("epoch %d loss %.7f, reference %.7f", i+1, got, want)
				}
			}
			names := m.WeightNames()
			for i, w := range m.GetWeights() {
				for j := range w {
					if d := math.Abs(w[j] - c.FinalWeights[i][j]); d > tol {
						t.Errorf("final %s[%d] = %.7f, reference %.7f", names[i], j, w[j], c.FinalWeights[i][j])
						break
					}
				}
			}
			pred, err := m.Predict(c.X)
			if err != nil {
				t.Fatal(err)
			}
			for i, row := range pred {
				for j, v := range row {
					if d := math.Abs(v - c.FinalPredictions[i][j]); d > tol {
						t.Errorf("prediction [%d][%d] = %.7f, reference %.7f", i, j, v, c.FinalPredictions[i][j])
					}
				}
			}
		})
	}
}
