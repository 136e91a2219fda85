package nnlib

import "fmt"

// InputLayer declares the shape of the model's input, like keras.Input.
// It is not a layer of the built model: Summary does not list it, as in
// Keras.
type InputLayer struct {
	shape []int
	err   error
}

// Input declares the shape of one input sample, without the batch axis,
// like keras.Input(shape=(8, 8, 1)): pass it first to NewSequential. The
// model's x has one row per sample with the sample's values in row-major
// (channels-last) order: 8·8·1 = 64 values for Input(8, 8, 1).
func Input(dims ...int) *InputLayer {
	in := &InputLayer{shape: append([]int(nil), dims...)}
	if err := checkShape(dims); err != nil {
		in.err = fmt.Errorf("Input: %w", err)
	}
	return in
}

// Name returns "input_layer", Keras's name for it.
func (in *InputLayer) Name() string { return "input_layer" }

// ClassName returns "InputLayer".
func (in *InputLayer) ClassName() string { return "InputLayer" }

// Units returns the last axis of the input shape.
func (in *InputLayer) Units() int {
	if len(in.shape) == 0 {
		return 0
	}
	return in.shape[len(in.shape)-1]
}

// ParamCount returns 0.
func (in *InputLayer) ParamCount() int { return 0 }

// Shape returns the declared shape.
func (in *InputLayer) Shape() []int { return append([]int(nil), in.shape...) }
