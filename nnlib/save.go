package nnlib

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
)

// layerClasses are the layer classes a model file can hold.
var layerClasses = []string{"Dense", "Dropout", "Activation", "Conv2D", "Conv1D", "MaxPooling2D", "AveragePooling2D",
	"MaxPooling1D", "AveragePooling1D", "GlobalAveragePooling2D", "GlobalMaxPooling2D", "Flatten", "Reshape",
	"BatchNormalization", "LayerNormalization", "Embedding"}

// The model file format (JSON, version 1) holds everything needed to
// continue exactly where a model left off:
//
//	{
//	  "format": "nnlib-sequential", "version": 1,
//	  "name": "sequential", "input_shape": [2], "seed": 42,
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
	InputDim       int             `json:"input_dim,omitempty"`
	InputShape     []int           `json:"input_shape,omitempty"`
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
	Filters           int          `json:"filters,omitempty"`
	KernelSize        []int        `json:"kernel_size,omitempty"`
	Strides           []int        `json:"strides,omitempty"`
	Padding           string       `json:"padding,omitempty"`
	PoolSize          []int        `json:"pool_size,omitempty"`
	TargetShape       []int        `json:"target_shape,omitempty"`
	Momentum          *float64     `json:"momentum,omitempty"`
	Epsilon           *float64     `json:"epsilon,omitempty"`
	InputDim          int          `json:"input_dim,omitempty"`
	OutputDim         int          `json:"output_dim,omitempty"`
	DType             string       `json:"dtype,omitempty"`
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
	Shape  []int     `json:"shape"`
	Values []float64 `json:"values"`
}

func (d *DenseLayer) config() layerConfig {
	c := layerConfig{Class: "Dense", Name: d.name, Units: d.units}
	c.setWeightSettings(d.activation, d.useBias, d.kernelInit, d.biasInit, &d.kernel, &d.bias)
	return c
}

// setWeightSettings records the settings of a layer with a kernel and a
// bias (Dense, the convolutions): what weightOptions reads back.
func (c *layerConfig) setWeightSettings(act activationKind, useBias bool, kernelInit, biasInit initializerSpec, kernel, bias *param) {
	c.Activation = activationName(act)
	c.UseBias = &useBias
	c.KernelInitializer, c.KernelInitParams = kernelInit.name, kernelInit.params
	c.BiasInitializer, c.BiasInitParams = biasInit.name, biasInit.params
	if kernel.reg.active() {
		r := kernel.reg
		c.KernelRegularizer = &r
	}
	if bias.reg.active() {
		r := bias.reg
		c.BiasRegularizer = &r
	}
}

func (a *ActivationLayer) config() layerConfig {
	return layerConfig{Class: "Activation", Name: a.name, Activation: activationName(a.kind)}
}

func (d *DropoutLayer) config() layerConfig {
	return layerConfig{Class: "Dropout", Name: d.name, Rate: d.rate}
}

// weightOptions are the options of a layer with a kernel and a bias.
func (c layerConfig) weightOptions() []LayerOption {
	opts := []LayerOption{Name(c.Name), Activation(c.Activation)}
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
	return opts
}

// firstOf returns v[0], or 0 when v is empty.
func firstOf(v []int) int {
	if len(v) == 0 {
		return 0
	}
	return v[0]
}

func (c *ConvLayer) config() layerConfig {
	cfg := layerConfig{Class: c.ClassName(), Name: c.name, Filters: c.filters, KernelSize: c.kernelSize,
		Strides: c.strides, Padding: c.padding}
	cfg.setWeightSettings(c.activation, c.useBias, c.kernelInit, c.biasInit, &c.kernel, &c.bias)
	return cfg
}

func (p *PoolingLayer) config() layerConfig {
	c := layerConfig{Class: p.class, Name: p.name}
	if !p.global {
		c.PoolSize, c.Strides, c.Padding = p.poolSize, p.strides, p.padding
	}
	return c
}

func (n *NormalizationLayer) config() layerConfig {
	eps := n.epsilon
	c := layerConfig{Class: n.ClassName(), Name: n.name, Epsilon: &eps}
	if n.batch {
		mom := n.momentum
		c.Momentum = &mom
	}
	return c
}

func (e *EmbeddingLayer) config() layerConfig {
	return layerConfig{Class: "Embedding", Name: e.name, InputDim: e.vocab, OutputDim: e.dim,
		KernelInitializer: e.init.name, KernelInitParams: e.init.params}
}

func (r *ReshapeLayer) config() layerConfig {
	return layerConfig{Class: r.class, Name: r.name, TargetShape: r.target}
}

// layerFromConfig rebuilds a layer (without weights) from its description.
func layerFromConfig(c layerConfig) (Layer, error) {
	switch c.Class {
	case "Conv2D", "Conv1D":
		opts := append(c.weightOptions(), Strides(c.Strides...), Padding(c.Padding))
		if c.Class == "Conv1D" {
			return Conv1D(c.Filters, firstOf(c.KernelSize), opts...), nil
		}
		if len(c.KernelSize) == 2 && c.KernelSize[0] != c.KernelSize[1] {
			return nil, fmt.Errorf("layer %q: nnlib's Conv2D has square kernels, got kernel_size %v", c.Name, c.KernelSize)
		}
		return Conv2D(c.Filters, firstOf(c.KernelSize), opts...), nil
	case "MaxPooling2D", "AveragePooling2D", "MaxPooling1D", "AveragePooling1D":
		ctor := map[string]func(int, ...LayerOption) *PoolingLayer{"MaxPooling2D": MaxPooling2D,
			"AveragePooling2D": AveragePooling2D, "MaxPooling1D": MaxPooling1D, "AveragePooling1D": AveragePooling1D}[c.Class]
		if len(c.PoolSize) == 2 && c.PoolSize[0] != c.PoolSize[1] {
			return nil, fmt.Errorf("layer %q: nnlib's %s has square windows, got pool_size %v", c.Name, c.Class, c.PoolSize)
		}
		return ctor(firstOf(c.PoolSize), Name(c.Name), Strides(c.Strides...), Padding(c.Padding)), nil
	case "GlobalAveragePooling2D":
		return GlobalAveragePooling2D(Name(c.Name)), nil
	case "GlobalMaxPooling2D":
		return GlobalMaxPooling2D(Name(c.Name)), nil
	case "BatchNormalization", "LayerNormalization":
		opts := []LayerOption{Name(c.Name)}
		if c.Epsilon != nil {
			opts = append(opts, Epsilon(*c.Epsilon))
		}
		if c.Class == "LayerNormalization" {
			return LayerNormalization(opts...), nil
		}
		if c.Momentum != nil {
			opts = append(opts, Momentum(*c.Momentum))
		}
		return BatchNormalization(opts...), nil
	case "Embedding":
		opts := []LayerOption{Name(c.Name)}
		if c.KernelInitializer != "" {
			opts = append(opts, EmbeddingsInitializer(c.KernelInitializer, c.KernelInitParams...))
		}
		return Embedding(c.InputDim, c.OutputDim, opts...), nil
	case "Flatten":
		return Flatten(Name(c.Name)), nil
	case "Reshape":
		return Reshape(c.TargetShape, Name(c.Name)), nil
	case "Dense":
		return Dense(c.Units, c.weightOptions()...), nil
	case "Activation":
		a := Activation(c.Activation)
		a.name = c.Name
		return a, nil
	case "Dropout":
		d := Dropout(c.Rate)
		d.name = c.Name
		return d, nil
	}
	return nil, fmt.Errorf("unknown layer class %q (nnlib knows %s)", c.Class, strings.Join(layerClasses, ", "))
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
	f := modelFile{Format: fileFormat, Version: 1, Name: m.name, InputShape: m.inputShape, Seed: m.seed}
	state, err := m.pcg.MarshalBinary()
	if err != nil {
		return nil, fmt.Errorf("nnlib: Save: %w", err)
	}
	f.RNGState = state
	for _, l := range m.layers {
		cfg := l.config()
		cfg.DType = l.base().DType()
		f.Layers = append(f.Layers, cfg)
		for _, p := range l.params() {
			f.Weights = append(f.Weights, weightRecord{Name: l.Name() + "/" + p.name, Shape: p.kerasShape(), Values: p.value})
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
	if f.InputShape == nil && f.InputDim != 0 { // files written before input_shape
		f.InputShape = []int{f.InputDim}
	}
	if err := checkShape(f.InputShape); err != nil {
		return nil, fmt.Errorf("model file has input_shape %v: %w", f.InputShape, err)
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
	m.inputShape = f.InputShape
	for _, c := range f.Layers {
		l, err := layerFromConfig(c)
		if err != nil {
			return nil, err
		}
		if c.DType != "" { // files written before dtype: FloatX
			f32, err := parseDType(c.DType)
			if err != nil {
				return nil, fmt.Errorf("layer %q: %w", c.Name, err)
			}
			l.(layerImpl).base().float32 = f32
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
