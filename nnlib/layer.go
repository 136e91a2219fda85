package nnlib

import "math/rand/v2"

// Layer is one layer of a Sequential model, made by Dense, Conv2D,
// MaxPooling2D, Flatten, Dropout, Activation and the other constructors
// of this package.
type Layer interface {
	// Name is the layer's name in the model ("dense", "dense_1", ...).
	Name() string
	// ClassName is Keras's class name ("Dense").
	ClassName() string
	// Units is the size of the last axis of the layer's output (Dense's
	// units, a convolution's filters), known once the model is built.
	Units() int
	// ParamCount is the number of weights in the layer.
	ParamCount() int
}

// param is one weight tensor of a layer with its gradient.
type param struct {
	name        string // "kernel" or "bias"
	rows, cols  int
	shape       []int // Keras's shape, when it is not (rows, cols)
	value, grad []float64
	reg         regularizer
	// frozen marks a non-trainable weight (BatchNormalization's moving
	// statistics): saved and counted, never seen by the optimizer.
	frozen bool
}

// regularize adds the regularizer's gradient, if any, to the gradient of
// the loss that grad holds.
func (p *param) regularize() {
	if p.reg.active() {
		p.reg.addGrad(p.value, p.grad)
	}
}

// sumRows sets a bias's gradient to the column sums of dz (rows × the
// bias's length), then regularizes it.
func (p *param) sumRows(dz []float64, rows int) {
	g := p.grad
	n := len(g)
	clear(g)
	for r := 0; r < rows; r++ {
		for j, v := range dz[r*n : (r+1)*n] {
			g[j] += v
		}
	}
	p.regularize()
}

// kerasShape is the weight's shape as Keras reports it.
func (p *param) kerasShape() []int {
	if p.shape != nil {
		return p.shape
	}
	if p.rows == 1 {
		return []int{p.cols}
	}
	return []int{p.rows, p.cols}
}

// layerImpl is what the model needs from its layers; every Layer made by
// this package implements it.
type layerImpl interface {
	Layer
	// base gives the shared fields (name, shapes, buffers).
	base() *layerBase
	// build fixes the input shape (one sample, without the batch axis),
	// sets the output shape and allocates and initialises weights.
	build(in []int, rng *rand.Rand) error
	// forward computes the layer's output for rows samples of x (each
	// inSize values, channels last) into its buffer and returns it.
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

// reinitializer is a layer whose weights SetSeed draws again.
type reinitializer interface {
	reinit(rng *rand.Rand)
}

// layerBase holds what every layer has.
type layerBase struct {
	name string
	// declared is the input shape given by InputDim or InputShape, nil
	// when the model decides it.
	declared          []int
	inShape, outShape []int // one sample, without the batch axis
	inSize, outSize   int   // values per sample
	units             int   // last axis of the output
	built             bool
	cfgErr            error
	float32           bool // dtype float32: products in float32, weights rounded
	// buffers sized for the largest batch seen.
	out, dIn []float64
}

func (b *layerBase) base() *layerBase { return b }

// Name returns the layer's name.
func (b *layerBase) Name() string { return b.name }

// Units returns the size of the last axis of the layer's output (0
// before the model is built, except for Dense and convolutions).
func (b *layerBase) Units() int { return b.units }

// InputShape returns the shape of one input sample (without the batch
// axis), nil while unknown.
func (b *layerBase) InputShape() []int { return append([]int(nil), b.inShape...) }

// OutputShape returns the shape of one output sample (without the batch
// axis), nil while unknown.
func (b *layerBase) OutputShape() []int { return append([]int(nil), b.outShape...) }

func (b *layerBase) err() error { return b.cfgErr }

// setShapes records the input and output shapes of a built layer.
func (b *layerBase) setShapes(in, out []int) {
	b.inShape = append([]int(nil), in...)
	b.outShape = append([]int(nil), out...)
	b.inSize, b.outSize = shapeSize(in), shapeSize(out)
	b.units = out[len(out)-1]
	b.built = true
}

// adopt copies the settings every layer has (name, input shape, error).
func (b *layerBase) adopt(s *layerSettings) {
	b.name = s.name
	b.declared = s.inShape
	b.float32 = s.float32
	if b.cfgErr == nil {
		b.cfgErr = s.err
	}
}

// grow returns buf resized to n values, reusing its storage when it can.
func grow(buf []float64, n int) []float64 {
	if cap(buf) >= n {
		return buf[:n]
	}
	return make([]float64, n)
}
