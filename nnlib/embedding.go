package nnlib

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// EmbeddingLayer maps integer indices to learned vectors, like
// keras.layers.Embedding: (None, steps) of indices in [0, inputDim)
// becomes (None, steps, outputDim).
type EmbeddingLayer struct {
	layerBase
	vocab, dim int
	init       initializerSpec
	embeddings param
}

// EmbeddingsInitializer sets how Embedding's vectors are initialised, by
// KernelInitializer's names (Keras's default "uniform" is random_uniform
// in [-0.05, 0.05]).
func EmbeddingsInitializer(name string, params ...float64) LayerOption {
	return optionFunc{optEmbeddings, func(s *layerSettings) {
		spec, err := newInitializerSpec(name, params)
		if err != nil {
			s.setErr(err)
			return
		}
		s.embedInit = &spec
	}}
}

// Embedding returns a layer that turns each index in [0, inputDim) into
// a vector of outputDim learned values, like keras.layers.Embedding(
// input_dim, output_dim). The model's x holds the indices as float64
// whole numbers; Fit, Evaluate and Predict reject any other value when
// Embedding is the first layer. Options: EmbeddingsInitializer, Name,
// InputShape (or InputDim: the number of steps).
func Embedding(inputDim, outputDim int, opts ...LayerOption) *EmbeddingLayer {
	s := newSettings()
	s.apply("Embedding", optName|optInputShape|optEmbeddings, opts)
	e := &EmbeddingLayer{vocab: inputDim, dim: outputDim, init: initializerSpec{name: "random_uniform", params: []float64{-0.05, 0.05}}}
	e.adopt(s)
	if s.embedInit != nil {
		e.init = *s.embedInit
	}
	e.units = outputDim
	switch {
	case e.cfgErr != nil:
	case inputDim <= 0 || inputDim > maxDim:
		e.cfgErr = fmt.Errorf("input_dim (the number of indices) must be in [1, %d], got %d", maxDim, inputDim)
	case outputDim <= 0 || outputDim > maxDim || inputDim*outputDim > maxDim:
		e.cfgErr = fmt.Errorf("output_dim must be positive with input_dim·output_dim ≤ %d, got %d", maxDim, outputDim)
	}
	return e
}

// ClassName returns "Embedding".
func (e *EmbeddingLayer) ClassName() string { return "Embedding" }

// ParamCount returns inputDim·outputDim.
func (e *EmbeddingLayer) ParamCount() int { return e.vocab * e.dim }

// Embeddings returns a copy of the vectors, inputDim rows of outputDim
// values flattened, nil before the model is built.
func (e *EmbeddingLayer) Embeddings() []float64 {
	if !e.built {
		return nil
	}
	return append([]float64(nil), e.embeddings.value...)
}

func (e *EmbeddingLayer) build(in []int, rng *rand.Rand) error {
	out := append(append([]int(nil), in...), e.dim)
	if err := checkShape(out); err != nil {
		return fmt.Errorf("layer %q: output %w", e.name, err)
	}
	n := e.vocab * e.dim
	e.embeddings = param{name: "embeddings", rows: e.vocab, cols: e.dim, value: make([]float64, n), grad: make([]float64, n)}
	e.reinit(rng)
	e.setShapes(in, out)
	return nil
}

func (e *EmbeddingLayer) reinit(rng *rand.Rand) {
	e.init.fill(e.embeddings.value, e.vocab, e.dim, rng)
}

func (e *EmbeddingLayer) params() []*param { return []*param{&e.embeddings} }

// index converts an input value to a row of the table, clamped into
// range (values that reach a first Embedding layer are checked before).
func (e *EmbeddingLayer) index(v float64) int {
	i := int(math.Floor(v))
	return min(max(i, 0), e.vocab-1)
}

// checkInput reports a value that is not an index in [0, inputDim).
func (e *EmbeddingLayer) checkInput(x []float64, what string) error {
	for i, v := range x {
		if v != math.Floor(v) || v < 0 || v >= float64(e.vocab) {
			return fmt.Errorf("%s: value %v at row %d, column %d is not an index in [0, %d) for layer %q (Embedding)", what, v, i/e.inSize, i%e.inSize, e.vocab, e.name)
		}
	}
	return nil
}

func (e *EmbeddingLayer) forward(x []float64, rows int, training bool, rng *rand.Rand) []float64 {
	n := rows * e.inSize
	e.out = grow(e.out, n*e.dim)
	for i, v := range x[:n] {
		r := e.index(v)
		copy(e.out[i*e.dim:(i+1)*e.dim], e.embeddings.value[r*e.dim:(r+1)*e.dim])
	}
	return e.out
}

// backward adds each output's gradient to its row; indices have no
// gradient, so the input gradient is zero.
func (e *EmbeddingLayer) backward(x, dy []float64, rows int, needInput bool) []float64 {
	n := rows * e.inSize
	clear(e.embeddings.grad)
	for i, v := range x[:n] {
		r := e.index(v)
		g := e.embeddings.grad[r*e.dim : (r+1)*e.dim]
		for j, d := range dy[i*e.dim : (i+1)*e.dim] {
			g[j] += d
		}
	}
	if !needInput {
		return nil
	}
	e.dIn = grow(e.dIn, n)
	clear(e.dIn)
	return e.dIn
}
