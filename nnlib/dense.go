package nnlib

import (
	"fmt"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// DenseLayer is a fully connected layer: output = activation(x·kernel + bias),
// with kernel of shape [input, units] as in Keras.
type DenseLayer struct {
	layerBase
	activation activationKind
	useBias    bool
	kernelInit initializerSpec
	biasInit   initializerSpec
	kernel     param
	bias       param
	inputDim   int // the last axis of the input
	outer      int // the product of the other axes (1 for (None, n))
	z, dz      []float64
	kernelT    []float64 // the kernel transposed, for the input gradient
	mm         matmul    // the layer's matrix products
}

// Dense returns a fully connected layer with units outputs, like
// keras.layers.Dense. Without options it has a linear activation, a bias,
// glorot_uniform kernel and zero bias. Errors in the options (an unknown
// activation name) are reported when the layer is added to a model.
//
// As in Keras, on an input of several axes (None, ..., n) it applies to
// the last axis: the output is (None, ..., units).
func Dense(units int, opts ...LayerOption) *DenseLayer {
	s := newSettings()
	s.apply("Dense", optWeights, opts)
	d := &DenseLayer{activation: s.activation, useBias: s.useBias, kernelInit: s.kernelInit, biasInit: s.biasInit}
	d.adopt(s)
	d.kernel.reg, d.bias.reg = s.kernelReg, s.biasReg
	d.units = units
	if units <= 0 || units > maxDim {
		d.cfgErr = fmt.Errorf("units must be in [1, %d], got %d", maxDim, units)
	}
	return d
}

// ClassName returns "Dense".
func (d *DenseLayer) ClassName() string { return "Dense" }

// Activation returns the name of the layer's activation.
func (d *DenseLayer) Activation() string { return activationName(d.activation) }

// ParamCount returns the number of weights: input·units (+ units with a bias).
func (d *DenseLayer) ParamCount() int {
	if d.inputDim == 0 {
		return 0
	}
	n := d.inputDim * d.units
	if d.useBias {
		n += d.units
	}
	return n
}

func (d *DenseLayer) build(in []int, rng *rand.Rand) error {
	inputDim := in[len(in)-1]
	if d.inputDim != 0 && d.inputDim != inputDim {
		return fmt.Errorf("layer %q expects input of shape (None, %d), got %s", d.name, d.inputDim, shapeString(in))
	}
	d.inputDim = inputDim
	d.mm.f32 = d.float32
	d.outer = shapeSize(in) / inputDim
	out := append(append([]int(nil), in[:len(in)-1]...), d.units)
	if err := checkShape(out); err != nil {
		return fmt.Errorf("layer %q: output %w", d.name, err)
	}
	if inputDim*d.units > maxDim {
		return fmt.Errorf("layer %q: a kernel of %d×%d is too large", d.name, inputDim, d.units)
	}
	d.kernel = param{name: "kernel", rows: inputDim, cols: d.units, reg: d.kernel.reg,
		value: make([]float64, inputDim*d.units), grad: make([]float64, inputDim*d.units)}
	d.kernelInit.fill(d.kernel.value, inputDim, d.units, rng)
	if d.useBias {
		d.bias = param{name: "bias", rows: 1, cols: d.units, reg: d.bias.reg,
			value: make([]float64, d.units), grad: make([]float64, d.units)}
		d.biasInit.fill(d.bias.value, inputDim, d.units, rng)
	}
	d.setShapes(in, out)
	return nil
}

func (d *DenseLayer) reinit(rng *rand.Rand) {
	d.kernelInit.fill(d.kernel.value, d.inputDim, d.units, rng)
	if d.useBias {
		d.biasInit.fill(d.bias.value, d.inputDim, d.units, rng)
	}
}

func (d *DenseLayer) params() []*param {
	if d.useBias {
		return []*param{&d.kernel, &d.bias}
	}
	return []*param{&d.kernel}
}

func (d *DenseLayer) forward(x []float64, rows int, training bool, rng *rand.Rand) []float64 {
	rows *= d.outer
	n := rows * d.units
	d.z = grow(d.z, n)
	d.out = grow(d.out, n)
	z := d.z
	if d.useBias {
		for r := 0; r < rows; r++ {
			copy(z[r*d.units:(r+1)*d.units], d.bias.value)
		}
	} else {
		clear(z)
	}
	d.mm.gemm(false, rows, d.units, d.inputDim, x, d.kernel.value, z)
	activate(d.activation, z, d.out, d.units)
	return d.out
}

func (d *DenseLayer) backward(x, dy []float64, rows int, needInput bool) []float64 {
	rows *= d.outer
	n := rows * d.units
	d.dz = grow(d.dz, n)
	dz := d.dz
	activationGrad(d.activation, d.z[:n], d.out[:n], dy, dz, d.units)
	// kernel gradient: xᵀ·dz
	clear(d.kernel.grad)
	d.mm.gemm(true, d.inputDim, d.units, rows, x, dz, d.kernel.grad)
	d.kernel.regularize()
	if d.useBias {
		d.bias.sumRows(dz, rows)
	}
	if !needInput {
		return nil
	}
	d.dIn = grow(d.dIn, rows*d.inputDim)
	clear(d.dIn)
	d.kernelT = grow(d.kernelT, len(d.kernel.value))
	transpose(d.kernel.value, d.inputDim, d.units, d.kernelT)
	d.mm.gemm(false, rows, d.inputDim, d.units, dz, d.kernelT, d.dIn)
	return d.dIn
}

// Kernel returns a copy of the kernel as an input×units matrix, or nil
// before the model is built.
func (d *DenseLayer) Kernel() *mat.Dense {
	if !d.built {
		return nil
	}
	return mat.NewDense(d.inputDim, d.units, append([]float64(nil), d.kernel.value...))
}

// Bias returns a copy of the bias (nil without one or before the model is
// built).
func (d *DenseLayer) Bias() []float64 {
	if !d.built || !d.useBias {
		return nil
	}
	return append([]float64(nil), d.bias.value...)
}

// InputDim returns the size of the last axis of the layer's input, 0
// while unknown.
func (d *DenseLayer) InputDim() int { return d.inputDim }
