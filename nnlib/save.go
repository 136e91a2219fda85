package nnlib

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
)

// The model file format (JSON, version 1) holds everything needed to
// continue exactly where a model left off:
//
//	{
//	  "format": "nnlib-sequential", "version": 1,
//	  "name": "sequential", "input_dim": 2, "seed": 42,
//	  "rng_state": "<base64 PCG state>",
//	  "layers": [{"class": "Dense", "name": "dense", "units": 16, "activation": "relu",
//	              "use_bias": true, "kernel_initializer": "glorot_uniform", ...}, ...],
//	  "compile": {"loss": "mean_squared_error", "metrics": ["binary_accuracy"],
//	              "optimizer": {"class": "Adam", "config": {"LearningRate": 0.001, ...}}},
//	  "weights": [{"name": "dense/kernel", "shape": [2, 16], "values": [...]}, ...],
//	  "optimizer_state": {"iterations": 500, "slots": [[[...]]]}
//	}
//
// Weights are float64 written with the shortest representation that reads
// back exactly, so a reloaded model predicts bit-identically.
type modelFile struct {
	Format         string          `json:"format"`
	Version        int             `json:"version"`
	Name           string          `json:"name"`
	InputDim       int             `json:"input_dim"`
	Seed           int64           `json:"seed"`
	RNGState       []byte          `json:"rng_state"`
	Layers         []layerConfig   `json:"layers"`
	Compile        *compileConfig  `json:"compile,omitempty"`
	Weights        []weightRecord  `json:"weights"`
	OptimizerState *optimizerSaved `json:"optimizer_state,omitempty"`
}

const fileFormat = "nnlib-sequential"

// layerConfig describes one layer.
type layerConfig struct {
	Class             string       `json:"class"`
	Name              string       `json:"name"`
	Units             int          `json:"units,omitempty"`
	Activation        string       `json:"activation,omitempty"`
	UseBias           *bool        `json:"use_bias,omitempty"`
	KernelInitializer string       `json:"kernel_initializer,omitempty"`
	KernelInitParams  []float64    `json:"kernel_initializer_params,omitempty"`
	BiasInitializer   string       `json:"bias_initializer,omitempty"`
	BiasInitParams    []float64    `json:"bias_initializer_params,omitempty"`
	KernelRegularizer *regularizer `json:"kernel_regularizer,omitempty"`
	BiasRegularizer   *regularizer `json:"bias_regularizer,omitempty"`
	Rate              float64      `json:"rate,omitempty"`
}

type compileConfig struct {
	Loss      string          `json:"loss"`
	Metrics   []string        `json:"metrics"`
	Optimizer optimizerRecord `json:"optimizer"`
	Schedule  *scheduleRecord `json:"schedule,omitempty"`
}

type optimizerRecord struct {
	Class  string          `json:"class"`
	Config json.RawMessage `json:"config"`
}

type optimizerSaved struct {
	Iterations   int           `json:"iterations"`
	LearningRate float64       `json:"learning_rate,omitempty"`
	Slots        [][][]float64 `json:"slots"`
}

type weightRecord struct {
	Name   string    `json:"name"`
	Shape  [2]int    `json:"shape"`
	Values []float64 `json:"values"`
}

func (d *DenseLayer) config() layerConfig {
	useBias := d.useBias
	c := layerConfig{Class: "Dense", Name: d.name, Units: d.units, Activation: activationName(d.activation),
		UseBias: &useBias, KernelInitializer: d.kernelInit.name, KernelInitParams: d.kernelInit.params,
		BiasInitializer: d.biasInit.name, BiasInitParams: d.biasInit.params}
	if d.kernel.reg.active() {
		r := d.kernel.reg
		c.KernelRegularizer = &r
	}
	if d.bias.reg.active() {
		r := d.bias.reg
		c.BiasRegularizer = &r
	}
	return c
}

func (a *ActivationLayer) config() layerConfig {
	return layerConfig{Class: "Activation", Name: a.name, Activation: activationName(a.kind)}
}

func (d *DropoutLayer) config() layerConfig {
	return layerConfig{Class: "Dropout", Name: d.name, Rate: d.rate}
}

// layerFromConfig rebuilds a layer (without weights) from its description.
func layerFromConfig(c layerConfig) (Layer, error) {
	switch c.Class {
	case "Dense":
		opts := []DenseOption{Name(c.Name), Activation(c.Activation)}
		if c.UseBias != nil {
			opts = append(opts, UseBias(*c.UseBias))
		}
		if c.KernelInitializer != "" {
			opts = append(opts, KernelInitializer(c.KernelInitializer, c.KernelInitParams...))
		}
		if c.BiasInitializer != "" {
			opts = append(opts, BiasInitializer(c.BiasInitializer, c.BiasInitParams...))
		}
		if r := c.KernelRegularizer; r != nil {
			opts = append(opts, KernelRegularizer(r.L1, r.L2))
		}
		if r := c.BiasRegularizer; r != nil {
			opts = append(opts, BiasRegularizer(r.L1, r.L2))
		}
		return Dense(c.Units, opts...), nil
	case "Activation":
		a := Activation(c.Activation)
		a.name = c.Name
		return a, nil
	case "Dropout":
		d := Dropout(c.Rate)
		d.name = c.Name
		return d, nil
	}
	return nil, fmt.Errorf("unknown layer class %q (nnlib knows Dense, Dropout, Activation)", c.Class)
}

// Save writes the model (architecture, weights, compile settings and
// optimizer state) to path in the JSON format described above.
func (m *Sequential) Save(path string) error {
	if m == nil {
		return errNilModel("Save")
	}
	data, err := m.MarshalJSON()
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("nnlib: Save: %w", err)
	}
	return nil
}

// MarshalJSON encodes the model in the file format Save writes.
func (m *Sequential) MarshalJSON() ([]byte, error) {
	if m == nil {
		return nil, errNilModel("Save")
	}
	if !m.built {
		return nil, errors.New("nnlib: Save: the model is not built yet; give the first layer an InputDim or Fit it first")
	}
	f := modelFile{Format: fileFormat, Version: 1, Name: m.name, InputDim: m.inputDim, Seed: m.seed}
	state, err := m.pcg.MarshalBinary()
	if err != nil {
		return nil, fmt.Errorf("nnlib: Save: %w", err)
	}
	f.RNGState = state
	for _, l := range m.layers {
		f.Layers = append(f.Layers, l.config())
		for _, p := range l.params() {
			f.Weights = append(f.Weights, weightRecord{Name: l.Name() + "/" + p.name, Shape: [2]int{p.rows, p.cols}, Values: p.value})
		}
	}
	if m.compiled {
		cfg, err := json.Marshal(m.optCfg)
		if err != nil {
			return nil, fmt.Errorf("nnlib: Save: %w", err)
		}
		sched, err := saveSchedule(m.optCfg)
		if err != nil {
			return nil, fmt.Errorf("nnlib: Save: %w", err)
		}
		c := &compileConfig{Loss: lossName(m.loss), Optimizer: optimizerRecord{Class: m.optCfg.className(), Config: cfg}, Schedule: sched}
		for _, mt := range m.metrics {
			c.Metrics = append(c.Metrics, mt.key)
		}
		f.Compile = c
		if m.opt != nil {
			f.OptimizerState = &optimizerSaved{Iterations: m.opt.iterations, LearningRate: m.opt.lr, Slots: m.opt.slots}
		}
	}
	return json.Marshal(f)
}

// Load reads a model written by Save; it comes back compiled (when it was)
// with its weights and optimizer state, ready to predict or train on.
func Load(path string) (*Sequential, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("nnlib: Load: %w", err)
	}
	m, err := UnmarshalModel(data)
	if err != nil {
		return nil, fmt.Errorf("nnlib: Load %s: %w", path, err)
	}
	return m, nil
}

// UnmarshalModel decodes a model from the bytes Save writes.
func UnmarshalModel(data []byte) (*Sequential, error) {
	var f modelFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("not an nnlib model file: %w", err)
	}
	if f.Format != fileFormat || f.Version != 1 {
		return nil, fmt.Errorf("not an nnlib model file (format %q version %d; want %q version 1)", f.Format, f.Version, fileFormat)
	}
	if err := f.check(); err != nil {
		return nil, err
	}
	m, err := NewSequential()
	if err != nil {
		return nil, err
	}
	m.name = f.Name
	m.SetSeed(f.Seed)
	m.inputDim = f.InputDim
	for _, c := range f.Layers {
		l, err := layerFromConfig(c)
		if err != nil {
			return nil, err
		}
		if err := m.Add(l); err != nil {
			return nil, err
		}
	}
	weights := make([][]float64, len(f.Weights))
	for i, w := range f.Weights {
		weights[i] = w.Values
	}
	if err := m.SetWeights(weights); err != nil {
		return nil, err
	}
	if len(f.RNGState) > 0 {
		if err := m.pcg.UnmarshalBinary(f.RNGState); err != nil {
			return nil, fmt.Errorf("bad rng_state: %w", err)
		}
	}
	if f.Compile == nil {
		return m, nil
	}
	opt, err := optimizerFromRecord(f.Compile.Optimizer)
	if err != nil {
		return nil, err
	}
	if f.Compile.Schedule != nil {
		sched, err := loadSchedule(f.Compile.Schedule)
		if err != nil {
			return nil, err
		}
		opt.setSchedule(sched)
	}
	if err := m.Compile(CompileOptions{Loss: f.Compile.Loss, Optimizer: opt, Metrics: f.Compile.Metrics}); err != nil {
		return nil, err
	}
	if s := f.OptimizerState; s != nil {
		if err := m.opt.restore(s.Iterations, s.Slots); err != nil {
			return nil, err
		}
		if s.LearningRate != 0 && m.opt.common.schedule == nil {
			if err := checkPositive("optimizer_state.learning_rate", s.LearningRate); err != nil {
				return nil, err
			}
			m.opt.lr = s.LearningRate
		}
	}
	return m, nil
}

func optimizerFromRecord(r optimizerRecord) (optimizerConfig, error) {
	var cfg optimizerConfig
	switch r.Class {
	case "SGD":
		cfg = &SGD{}
	case "Adam":
		cfg = &Adam{}
	case "AdamW":
		cfg = &AdamW{}
	case "RMSprop":
		cfg = &RMSprop{}
	case "Adagrad":
		cfg = &Adagrad{}
	default:
		return nil, fmt.Errorf("unknown optimizer class %q", r.Class)
	}
	if err := json.Unmarshal(r.Config, cfg); err != nil {
		return nil, fmt.Errorf("bad %s config: %w", r.Class, err)
	}
	return cfg, nil
}

// restore replaces the state with saved values after checking their sizes.
func (s *optimizerState) restore(iterations int, slots [][][]float64) error {
	if len(slots) != len(s.slots) {
		return fmt.Errorf("optimizer state has %d slots, want %d", len(slots), len(s.slots))
	}
	for i := range slots {
		if len(slots[i]) != len(s.slots[i]) {
			return fmt.Errorf("optimizer slot %d covers %d weights, want %d", i, len(slots[i]), len(s.slots[i]))
		}
		for j := range slots[i] {
			if len(slots[i][j]) != len(s.slots[i][j]) {
				return fmt.Errorf("optimizer slot %d of weight %d has %d values, want %d", i, j, len(slots[i][j]), len(s.slots[i][j]))
			}
		}
	}
	for i := range slots {
		for j := range slots[i] {
			copy(s.slots[i][j], slots[i][j])
		}
	}
	s.iterations = iterations
	return nil
}

// newPCG returns the model's random source for seed.
func newPCG(seed int64) *rand.PCG { return rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15) }
