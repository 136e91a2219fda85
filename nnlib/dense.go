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
	z, dz      []float64
	kernelT    []float64 // the kernel transposed, for the input gradient
}

// DenseOption configures a Dense layer: InputDim, Activation, UseBias,
// KernelInitializer, BiasInitializer, KernelRegularizer, BiasRegularizer, Name.
type DenseOption interface {
	configureDense(d *DenseLayer)
}

type denseOptionFunc func(d *DenseLayer)

func (f denseOptionFunc) configureDense(d *DenseLayer) { f(d) }

// Dense returns a fully connected layer with units outputs, like
// keras.layers.Dense. Without options it has a linear activation, a bias,
// glorot_uniform kernel and zero bias. Errors in the options (an unknown
// activation name) are reported when the layer is added to a model.
func Dense(units int, opts ...DenseOption) *DenseLayer {
	d := &DenseLayer{useBias: true}
	d.units = units
	d.kernelInit = initializerSpec{name: "glorot_uniform"}
	d.biasInit = initializerSpec{name: "zeros"}
	if units <= 0 || units > maxTensorValues {
		d.setErr(fmt.Errorf("units must be in [1, %d], got %d", maxTensorValues, units))
	}
	for _, o := range opts {
		if o != nil {
			o.configureDense(d)
		}
	}
	return d
}

func (d *DenseLayer) setErr(err error) {
	if d.cfgErr == nil {
		d.cfgErr = err
	}
}

// InputDim sets the input width of the model's first layer, like Keras's
// input_dim (or an Input(shape=(n,)) before it).
func InputDim(n int) DenseOption {
	return denseOptionFunc(func(d *DenseLayer) {
		if n <= 0 || n > maxTensorValues {
			d.setErr(fmt.Errorf("input dimension must be in [1, %d], got %d", maxTensorValues, n))
			return
		}
		d.inputDim = n
	})
}

// UseBias sets whether the layer adds a bias vector (Keras's use_bias,
// default true).
func UseBias(use bool) DenseOption {
	return denseOptionFunc(func(d *DenseLayer) { d.useBias = use })
}

// KernelInitializer sets how the kernel is initialised, by Keras name:
// "glorot_uniform" (default), "glorot_normal", "he_uniform", "he_normal",
// "lecun_uniform", "lecun_normal", "zeros", "ones", "constant" (params:
// value), "random_uniform" (params: minval, maxval; default -0.05, 0.05),
// "random_normal" (params: mean, stddev; default 0, 0.05).
func KernelInitializer(name string, params ...float64) DenseOption {
	return denseOptionFunc(func(d *DenseLayer) {
		spec, err := newInitializerSpec(name, params)
		if err != nil {
			d.setErr(err)
			return
		}
		d.kernelInit = spec
	})
}

// BiasInitializer sets how the bias is initialised (default "zeros"); the
// names are KernelInitializer's.
func BiasInitializer(name string, params ...float64) DenseOption {
	return denseOptionFunc(func(d *DenseLayer) {
		spec, err := newInitializerSpec(name, params)
		if err != nil {
			d.setErr(err)
			return
		}
		d.biasInit = spec
	})
}

// KernelRegularizer adds l1·Σ|w| + l2·Σw² over the kernel to the loss
// (Keras's L1L2; Keras's regularizers.L2() default factor is 0.01).
func KernelRegularizer(l1, l2 float64) DenseOption {
	return denseOptionFunc(func(d *DenseLayer) {
		if err := checkRegularizer(l1, l2); err != nil {
			d.setErr(err)
			return
		}
		d.kernel.reg = regularizer{L1: l1, L2: l2}
	})
}

// BiasRegularizer adds l1·Σ|b| + l2·Σb² over the bias to the loss.
func BiasRegularizer(l1, l2 float64) DenseOption {
	return denseOptionFunc(func(d *DenseLayer) {
		if err := checkRegularizer(l1, l2); err != nil {
			d.setErr(err)
			return
		}
		d.bias.reg = regularizer{L1: l1, L2: l2}
	})
}

// Name sets the layer's name (default "dense", "dense_1", ... in model order).
func Name(name string) DenseOption {
	return denseOptionFunc(func(d *DenseLayer) { d.name = name })
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

func (d *DenseLayer) build(inputDim int, rng *rand.Rand) error {
	if d.inputDim != 0 && d.inputDim != inputDim {
		return fmt.Errorf("layer %q expects input of shape (None, %d), got (None, %d)", d.name, d.inputDim, inputDim)
	}
	if err := checkTensorSize(fmt.Sprintf("layer %q kernel", d.name), inputDim, d.units); err != nil {
		return err
	}
	d.inputDim = inputDim
	d.kernel = param{name: "kernel", rows: inputDim, cols: d.units, reg: d.kernel.reg,
		value: make([]float64, inputDim*d.units), grad: make([]float64, inputDim*d.units)}
	d.kernelInit.fill(d.kernel.value, inputDim, d.units, rng)
	if d.useBias {
		d.bias = param{name: "bias", rows: 1, cols: d.units, reg: d.bias.reg,
			value: make([]float64, d.units), grad: make([]float64, d.units)}
		d.biasInit.fill(d.bias.value, inputDim, d.units, rng)
	}
	d.built = true
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
	gemm(false, rows, d.units, d.inputDim, x, d.kernel.value, z)
	activate(d.activation, z, d.out, d.units)
	return d.out
}

func (d *DenseLayer) backward(x, dy []float64, rows int, needInput bool) []float64 {
	n := rows * d.units
	d.dz = grow(d.dz, n)
	dz := d.dz
	activationGrad(d.activation, d.z[:n], d.out[:n], dy, dz, d.units)
	// kernel gradient: xᵀ·dz
	clear(d.kernel.grad)
	gemm(true, d.inputDim, d.units, rows, x, dz, d.kernel.grad)
	if d.kernel.reg.active() {
		d.kernel.reg.addGrad(d.kernel.value, d.kernel.grad)
	}
	if d.useBias {
		g := d.bias.grad
		clear(g)
		for r := 0; r < rows; r++ {
			for j, v := range dz[r*d.units : (r+1)*d.units] {
				g[j] += v
			}
		}
		if d.bias.reg.active() {
			d.bias.reg.addGrad(d.bias.value, g)
		}
	}
	if !needInput {
		return nil
	}
	d.dIn = grow(d.dIn, rows*d.inputDim)
	clear(d.dIn)
	d.kernelT = grow(d.kernelT, len(d.kernel.value))
	transpose(d.kernel.value, d.inputDim, d.units, d.kernelT)
	gemm(false, rows, d.inputDim, d.units, dz, d.kernelT, d.dIn)
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

// InputDim returns the layer's input width, 0 while unknown.
func (d *DenseLayer) InputDim() int { return d.inputDim }
