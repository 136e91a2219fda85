package nnlib

import (
	"fmt"
	"math/rand/v2"
)

// ConvLayer is a convolution over one or two spatial axes, channels last:
// Conv2D and Conv1D. Its kernel has Keras's shape (kh, kw, in, filters)
// ((k, in, filters) for Conv1D) and it computes each output position as
// the dot product of the window's values with the kernel (no flip, as
// Keras), plus the bias, through the activation.
//
// It runs as im2col: each window's values become one row of a matrix
// multiplied by the kernel with the same matrix kernels as Dense.
type ConvLayer struct {
	layerBase
	rank       int
	filters    int
	kernelSize []int
	strides    []int
	padding    string
	activation activationKind
	useBias    bool
	kernelInit initializerSpec
	biasInit   initializerSpec
	kernel     param
	bias       param

	win                *window
	inC                int
	patch              int     // kh·kw·inC, one row of the im2col matrix
	colIndex           []int32 // [position][patch] → offset in a sample, or -1
	cols, dCols, z, dz []float64
	kernelT            []float64
	mm                 matmul // the layer's matrix products
}

const optConv = optWeights | optStrides | optPadding

// Conv2D returns a 2-D convolution with filters output channels and a
// kernelSize×kernelSize window, like keras.layers.Conv2D(filters,
// kernel_size): "valid" padding, strides 1, linear activation, a bias,
// glorot_uniform kernel. Options: Strides, Padding, Activation, UseBias,
// KernelInitializer, BiasInitializer, KernelRegularizer, BiasRegularizer,
// InputShape, Name. Its input is (None, height, width, channels).
func Conv2D(filters, kernelSize int, opts ...LayerOption) *ConvLayer {
	return newConv("Conv2D", 2, filters, []int{kernelSize, kernelSize}, opts)
}

// Conv1D returns a 1-D convolution over the steps of (None, steps,
// channels) inputs, like keras.layers.Conv1D(filters, kernel_size), with
// the options and defaults of Conv2D.
func Conv1D(filters, kernelSize int, opts ...LayerOption) *ConvLayer {
	return newConv("Conv1D", 1, filters, []int{kernelSize}, opts)
}

func newConv(class string, rank, filters int, kernelSize []int, opts []LayerOption) *ConvLayer {
	s := newSettings()
	s.apply(class, optConv, opts)
	c := &ConvLayer{rank: rank, filters: filters, kernelSize: kernelSize, padding: s.padding,
		activation: s.activation, useBias: s.useBias, kernelInit: s.kernelInit, biasInit: s.biasInit}
	c.adopt(s)
	c.kernel.reg, c.bias.reg = s.kernelReg, s.biasReg
	c.units = filters
	c.strides = []int{1}
	if s.strides != nil {
		c.strides = s.strides
	}
	var err error
	if c.strides, err = spatial("strides", c.strides, rank); err != nil && c.cfgErr == nil {
		c.cfgErr = err
	}
	switch {
	case c.cfgErr != nil:
	case filters <= 0 || filters > maxDim:
		c.cfgErr = fmt.Errorf("filters must be in [1, %d], got %d", maxDim, filters)
	case kernelSize[0] <= 0 || kernelSize[0] > maxDim:
		c.cfgErr = fmt.Errorf("kernel size must be in [1, %d], got %d", maxDim, kernelSize[0])
	}
	if rank == 2 {
		c.kernelSize = []int{kernelSize[0], kernelSize[0]}
	}
	return c
}

// ClassName returns "Conv2D" or "Conv1D".
func (c *ConvLayer) ClassName() string {
	if c.rank == 1 {
		return "Conv1D"
	}
	return "Conv2D"
}

// Activation returns the name of the layer's activation.
func (c *ConvLayer) Activation() string { return activationName(c.activation) }

// Filters returns the number of output channels.
func (c *ConvLayer) Filters() int { return c.filters }

// KernelSize returns the window's size per spatial axis.
func (c *ConvLayer) KernelSize() []int { return append([]int(nil), c.kernelSize...) }

// StridesValue returns the step per spatial axis.
func (c *ConvLayer) StridesValue() []int { return append([]int(nil), c.strides...) }

// PaddingValue returns "valid" or "same".
func (c *ConvLayer) PaddingValue() string { return c.padding }

// ParamCount returns kh·kw·in·filters (+ filters with a bias), 0 before
// the model is built.
func (c *ConvLayer) ParamCount() int {
	if !c.built {
		return 0
	}
	n := len(c.kernel.value)
	if c.useBias {
		n += c.filters
	}
	return n
}

func (c *ConvLayer) build(in []int, rng *rand.Rand) error {
	c.mm.f32 = c.float32
	inH, inW, inC, err := spatialDims(c.ClassName(), c.rank, in)
	if err != nil {
		return fmt.Errorf("layer %q: %w", c.name, err)
	}
	kh, kw, sh, sw := 1, c.kernelSize[0], 1, c.strides[0]
	if c.rank == 2 {
		kh, kw, sh, sw = c.kernelSize[0], c.kernelSize[1], c.strides[0], c.strides[1]
	}
	c.win, err = newWindow(inH, inW, kh, kw, sh, sw, c.padding)
	if err != nil {
		return fmt.Errorf("layer %q (%s): %w", c.name, c.ClassName(), err)
	}
	c.inC = inC
	c.patch = c.win.cells * inC
	if c.patch*c.filters > maxDim || c.win.positions*c.patch > maxDim {
		return fmt.Errorf("layer %q (%s): a kernel of %d×%d is too large", c.name, c.ClassName(), c.patch, c.filters)
	}
	c.colIndex = make([]int32, c.win.positions*c.patch)
	for p := 0; p < c.win.positions; p++ {
		for q := 0; q < c.win.cells; q++ {
			s := c.win.spatialIndex[p*c.win.cells+q]
			for ch := 0; ch < inC; ch++ {
				v := int32(-1)
				if s >= 0 {
					v = s*int32(inC) + int32(ch)
				}
				c.colIndex[p*c.patch+q*inC+ch] = v
			}
		}
	}
	shape := append(append([]int(nil), c.kernelSize...), inC, c.filters)
	c.kernel = param{name: "kernel", rows: c.patch, cols: c.filters, shape: shape, reg: c.kernel.reg,
		value: make([]float64, c.patch*c.filters), grad: make([]float64, c.patch*c.filters)}
	if c.useBias {
		c.bias = param{name: "bias", rows: 1, cols: c.filters, reg: c.bias.reg,
			value: make([]float64, c.filters), grad: make([]float64, c.filters)}
	}
	c.reinit(rng)
	c.setShapes(in, c.win.outShape(c.rank, c.filters))
	return nil
}

// reinit draws the weights; Keras's fans for a convolution are
// receptive field × in and receptive field × filters.
func (c *ConvLayer) reinit(rng *rand.Rand) {
	field := c.win.cells
	c.kernelInit.fill(c.kernel.value, field*c.inC, field*c.filters, rng)
	if c.useBias {
		c.biasInit.fill(c.bias.value, field*c.inC, field*c.filters, rng)
	}
}

func (c *ConvLayer) params() []*param {
	if c.useBias {
		return []*param{&c.kernel, &c.bias}
	}
	return []*param{&c.kernel}
}

// im2col writes the window rows of rows samples of x into c.cols.
func (c *ConvLayer) im2col(x []float64, rows int) {
	per := c.win.positions * c.patch
	c.cols = grow(c.cols, rows*per)
	for r := 0; r < rows; r++ {
		xs := x[r*c.inSize : (r+1)*c.inSize]
		dst := c.cols[r*per : (r+1)*per]
		for i, idx := range c.colIndex {
			if idx >= 0 {
				dst[i] = xs[idx]
			} else {
				dst[i] = 0
			}
		}
	}
}

func (c *ConvLayer) forward(x []float64, rows int, training bool, rng *rand.Rand) []float64 {
	c.im2col(x, rows)
	m := rows * c.win.positions
	n := m * c.filters
	c.z = grow(c.z, n)
	c.out = grow(c.out, n)
	if c.useBias {
		for r := 0; r < m; r++ {
			copy(c.z[r*c.filters:(r+1)*c.filters], c.bias.value)
		}
	} else {
		clear(c.z)
	}
	c.mm.gemm(false, m, c.filters, c.patch, c.cols, c.kernel.value, c.z)
	activate(c.activation, c.z, c.out, c.filters)
	return c.out
}

func (c *ConvLayer) backward(x, dy []float64, rows int, needInput bool) []float64 {
	m := rows * c.win.positions
	n := m * c.filters
	c.dz = grow(c.dz, n)
	activationGrad(c.activation, c.z[:n], c.out[:n], dy, c.dz, c.filters)
	clear(c.kernel.grad)
	c.mm.gemm(true, c.patch, c.filters, m, c.cols, c.dz, c.kernel.grad)
	c.kernel.regularize()
	if c.useBias {
		c.bias.sumRows(c.dz, m)
	}
	if !needInput {
		return nil
	}
	c.dCols = grow(c.dCols, m*c.patch)
	clear(c.dCols)
	c.kernelT = grow(c.kernelT, len(c.kernel.value))
	transpose(c.kernel.value, c.patch, c.filters, c.kernelT)
	c.mm.gemm(false, m, c.patch, c.filters, c.dz, c.kernelT, c.dCols)
	c.dIn = grow(c.dIn, rows*c.inSize)
	clear(c.dIn)
	per := c.win.positions * c.patch
	for r := 0; r < rows; r++ {
		dx := c.dIn[r*c.inSize : (r+1)*c.inSize]
		src := c.dCols[r*per : (r+1)*per]
		for i, idx := range c.colIndex {
			if idx >= 0 {
				dx[idx] += src[i]
			}
		}
	}
	return c.dIn
}

// Kernel returns a copy of the kernel in Keras's layout, flattened
// row-major: (kh, kw, in, filters), or (k, in, filters) for Conv1D; nil
// before the model is built. Filter f's weight at (i, j, ch) is
// Kernel()[((i·kw+j)·in+ch)·filters+f].
func (c *ConvLayer) Kernel() []float64 {
	if !c.built {
		return nil
	}
	return append([]float64(nil), c.kernel.value...)
}

// KernelShape returns the kernel's shape, nil before the model is built.
func (c *ConvLayer) KernelShape() []int { return append([]int(nil), c.kernel.shape...) }

// Bias returns a copy of the bias (nil without one or before the model is
// built).
func (c *ConvLayer) Bias() []float64 {
	if !c.built || !c.useBias {
		return nil
	}
	return append([]float64(nil), c.bias.value...)
}
