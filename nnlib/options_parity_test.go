package nnlib

import (
	"encoding/json"
	"io"
	"math"
	"os"
	"testing"
)

// optionsFixture is testdata/training_options.json (gen_training_options.py).
type optionsFixture struct {
	X              [][]float64 `json:"x"`
	Y              []float64   `json:"y"`
	InitialWeights [][]float64 `json:"initial_weights"`
	Runs           map[string]struct {
		Loss         []float64   `json:"loss"`
		FinalWeights [][]float64 `json:"final_weights"`
		LearningRate []float64   `json:"learning_rate"`
	} `json:"runs"`
}

// Learning-rate schedules, clipping, sample and class weights,
// ReduceLROnPlateau and LearningRateScheduler against Keras 3's formulas
// written out in PyTorch (float64): every epoch's loss, the logged learning
// rate and the final weights agree to 1e-12.
func TestParityTrainingOptions(t *testing.T) {
	data, err := os.ReadFile("testdata/training_options.json")
	if err != nil {
		t.Fatal(err)
	}
	var f optionsFixture
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	type run struct {
		opt    any
		epochs int
		fit    FitOptions
		cb     func(t *testing.T) Callback
	}
	runs := map[string]run{
		"sgd_exponential_decay":           {SGD{Schedule: ExponentialDecay{InitialLearningRate: 0.5, DecaySteps: 5, DecayRate: 0.5}}, 30, FitOptions{}, nil},
		"sgd_exponential_decay_staircase": {SGD{Schedule: ExponentialDecay{InitialLearningRate: 0.5, DecaySteps: 4, DecayRate: 0.7, Staircase: true}}, 30, FitOptions{}, nil},
		"sgd_momentum_piecewise":          {SGD{Momentum: 0.9, Schedule: PiecewiseConstantDecay{Boundaries: []int{5, 15}, Values: []float64{0.5, 0.2, 0.05}}}, 30, FitOptions{}, nil},
		"adam_cosine_warmup":              {Adam{Schedule: CosineDecay{DecaySteps: 20, Alpha: 0.1, WarmupTarget: Float(0.05), WarmupSteps: 5}}, 30, FitOptions{}, nil},
		"adam_cosine":                     {Adam{Schedule: CosineDecay{InitialLearningRate: 0.05, DecaySteps: 20}}, 30, FitOptions{}, nil},
		"sgd_clipnorm":                    {SGD{LearningRate: 0.5, ClipNorm: 0.05}, 30, FitOptions{}, nil},
		"sgd_global_clipnorm":             {SGD{LearningRate: 0.5, GlobalClipNorm: 0.05}, 30, FitOptions{}, nil},
		"sgd_clipvalue":                   {SGD{LearningRate: 0.5, ClipValue: 0.01}, 30, FitOptions{}, nil},
		"sgd_sample_weight":               {SGD{LearningRate: 0.5}, 30, FitOptions{BatchSize: 4, SampleWeight: []float64{0.5, 2.0, 1.0, 0.0, 1.5, 0.25, 3.0, 1.0}}, nil},
		"sgd_class_weight":                {SGD{LearningRate: 0.5}, 30, FitOptions{BatchSize: 4, ClassWeight: map[int]float64{0: 0.3, 1: 2.0}}, nil},
		"adam_reduce_lr_on_plateau": {Adam{LearningRate: 0.1}, 40, FitOptions{}, func(t *testing.T) Callback {
			c, err := ReduceLROnPlateau(ReduceLROnPlateauOptions{Monitor: "loss", Factor: 0.5, Patience: Int(2), MinDelta: Float(0.01), Cooldown: 1, MinLR: 0.01})
			if err != nil {
				t.Fatal(err)
			}
			return c
		}},
		"sgd_learning_rate_scheduler": {SGD{LearningRate: 0.5}, 12, FitOptions{}, func(t *testing.T) Callback {
			c, err := LearningRateScheduler(func(epoch int, lr float64) float64 {
				if epoch >= 3 {
					return lr * 0.9
				}
				return lr
			}, false)
			if err != nil {
				t.Fatal(err)
			}
			return c
		}},
	}
	if len(runs) != len(f.Runs) {
		t.Errorf("%d runs here, %d in the fixture", len(runs), len(f.Runs))
	}
	for name, r := range runs {
		t.Run(name, func(t *testing.T) {
			want, ok := f.Runs[name]
			if !ok {
				t.Fatalf("no run %q in the fixture", name)
			}
			m, err := NewSequential(Dense(4, InputDim(3), Activation("tanh")), Dense(1, Activation("sigmoid")))
			if err != nil {
				t.Fatal(err)
			}
			if err := m.Compile(CompileOptions{Loss: "binary_crossentropy", Optimizer: r.opt}); err != nil {
				t.Fatal(err)
			}
			if err := m.SetWeights(f.InitialWeights); err != nil {
				t.Fatal(err)
			}
			o := r.fit
			o.Epochs, o.NoShuffle, o.Output = r.epochs, true, io.Discard
			if r.cb != nil {
				o.Callbacks = []Callback{r.cb(t)}
			}
			h, err := m.Fit(f.X, f.Y, o)
			if err != nil {
				t.Fatal(err)
			}
			const tol = 1e-12
			if d := maxAbsDiff(h.Get("loss"), want.Loss); d > tol || len(h.Get("loss")) != len(want.Loss) {
				t.Errorf("loss differs by %g:\n got %v\nwant %v", d, h.Get("loss"), want.Loss)
			}
			if d := maxAbsDiff(h.Get("learning_rate"), want.LearningRate); d > tol || len(h.Get("learning_rate")) != len(want.LearningRate) {
				t.Errorf("learning_rate differs by %g:\n got %v\nwant %v", d, h.Get("learning_rate"), want.LearningRate)
			}
			got := m.GetWeights()
			for i := range want.FinalWeights {
				if d := maxAbsDiff(got[i], want.FinalWeights[i]); d > tol || math.IsNaN(d) {
					t.Errorf("final weights %d differ by %g", i, d)
				}
			}
		})
	}
}
