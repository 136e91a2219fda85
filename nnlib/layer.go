package nnlib

import "math/rand/v2"

// Layer is one layer of a Sequential model: *DenseLayer, *DropoutLayer or
// *ActivationLayer, made by Dense, Dropout and Activation.
type Layer interface {
	// Name is the layer's name in the model ("dense", "dense_1", ...).
	Name() string
	// ClassName is Keras's class name ("Dense").
	ClassName() string
	// Units is the layer's output width, known once the model is built.
	Units() int
	// ParamCount is the number of weights in the layer.
	ParamCount() int
}

// param is one weight tensor of a layer with its gradient.
type param struct {
	name        string // "kernel" or "bias"
	rows, cols  int
	value, grad []float64
	reg         regularizer
}

// layerImpl is what the model needs from its layers; every Layer made by
// this package implements it.
type layerImpl interface {
	Layer
	// base gives the shared fields (name, sizes, buffers).
	base() *layerBase
	// build fixes the input width and allocates and initialises weights.
	build(inputDim int, rng *rand.Rand) error
	// forward computes the layer's output for x (rows×inputDim) into its
	// buffer and returns it.
	forward(x []float64, rows int, training bool, rng *rand.Rand) []float64
	// backward takes the gradient of the loss with respect to the layer's
	// output, accumulates parameter gradients and returns the gradient with
	// respect to its input (nil when needInput is false).
	backward(x, dy []float64, rows int, needInput bool) []float64
	params() []*param
	// config describes the layer for Save and Summary.
	config() layerConfig
	// err is the configuration error recorded at construction, if any.
	err() error
}

// layerBase holds what every layer has.
type layerBase struct {
	name     string
	inputDim int // 0 until built
	units    int
	built    bool
	cfgErr   error
	// buffers sized for the largest batch seen.
	out, dIn []float64
}

func (b *layerBase) base() *layerBase { return b }

// Name returns the layer's name.
func (b *layerBase) Name() string { return b.name }

// Units returns the layer's output width (0 before the model is built for
// Dropout and Activation layers, whose width is their input's).
func (b *layerBase) Units() int { return b.units }

func (b *layerBase) err() error { return b.cfgErr }

// grow returns buf resized to n values, reusing its storage when it can.
func grow(buf []float64, n int) []float64 {
	if cap(buf) >= n {
		return buf[:n]
	}
	return make([]float64, n)
}
