package nnlib

import (
	"fmt"
	"strings"
)

// LayerOption configures a layer: InputDim, InputShape, Activation,
// UseBias, KernelInitializer, BiasInitializer, KernelRegularizer,
// BiasRegularizer and Name for the layers with weights (Dense, Conv2D,
// Conv1D); Strides and Padding for convolutions and pooling. An option
// that does not apply to the layer it is given to is reported when the
// layer is added to a model.
type LayerOption interface {
	applyLayer(s *layerSettings)
}

// DenseOption is the option type Dense takes: any LayerOption.
type DenseOption = LayerOption

// optionKind names each option, to reject the ones a layer does not take.
type optionKind uint

const (
	optInputShape optionKind = 1 << iota
	optActivation
	optUseBias
	optKernelInit
	optBiasInit
	optKernelReg
	optBiasReg
	optName
	optStrides
	optPadding
	optMomentum
	optEpsilon
	optEmbeddings
	optDType
)

// optWeights are the options of every layer with a kernel and a bias.
const optWeights = optInputShape | optActivation | optUseBias | optKernelInit | optBiasInit | optKernelReg | optBiasReg | optName

var optionNames = map[optionKind]string{
	optInputShape: "InputShape", optActivation: "Activation", optUseBias: "UseBias",
	optKernelInit: "KernelInitializer", optBiasInit: "BiasInitializer", optKernelReg: "KernelRegularizer",
	optBiasReg: "BiasRegularizer", optName: "Name", optStrides: "Strides", optPadding: "Padding",
	optMomentum: "Momentum", optEpsilon: "Epsilon", optEmbeddings: "EmbeddingsInitializer", optDType: "DType",
}

// layerSettings collects what options set, before a layer copies it.
type layerSettings struct {
	used       optionKind
	name       string
	inShape    []int
	activation activationKind
	useBias    bool
	kernelInit initializerSpec
	biasInit   initializerSpec
	kernelReg  regularizer
	biasReg    regularizer
	strides    []int
	padding    string
	momentum   *float64
	epsilon    *float64
	embedInit  *initializerSpec
	float32    bool // dtype float32
	err        error
}

// newSettings returns Keras's defaults: a bias, glorot_uniform kernel,
// zero bias, linear activation, "valid" padding.
func newSettings() *layerSettings {
	return &layerSettings{useBias: true, padding: "valid", float32: floatX32.Load(),
		kernelInit: initializerSpec{name: "glorot_uniform"}, biasInit: initializerSpec{name: "zeros"}}
}

func (s *layerSettings) setErr(err error) {
	if s.err == nil {
		s.err = err
	}
}

// apply applies opts and records an error for any option outside allowed.
func (s *layerSettings) apply(class string, allowed optionKind, opts []LayerOption) {
	allowed |= optDType // every layer has a dtype
	for _, o := range opts {
		if o == nil {
			continue
		}
		before := s.used
		o.applyLayer(s)
		if extra := s.used &^ before &^ allowed; extra != 0 {
			s.setErr(fmt.Errorf("%s does not take the option %s", class, optionNames[extra]))
		}
	}
}

type optionFunc struct {
	kind optionKind
	f    func(s *layerSettings)
}

func (o optionFunc) applyLayer(s *layerSettings) {
	s.used |= o.kind
	o.f(s)
}

// InputDim sets the input width of the model's first layer, like Keras's
// input_dim (or an Input(shape=(n,)) before it).
func InputDim(n int) LayerOption {
	return optionFunc{optInputShape, func(s *layerSettings) {
		if n <= 0 || n > maxDim {
			s.setErr(fmt.Errorf("input dimension must be in [1, %d], got %d", maxDim, n))
			return
		}
		s.inShape = []int{n}
	}}
}

// InputShape sets the shape of one input sample of the model's first
// layer, without the batch axis, like Keras's input_shape: InputShape(8,
// 8, 1) for 8×8 images with one channel (channels last). The model's x
// then has one row of 8·8·1 = 64 values per sample, in that order.
func InputShape(dims ...int) LayerOption {
	return optionFunc{optInputShape, func(s *layerSettings) {
		if err := checkShape(dims); err != nil {
			s.setErr(fmt.Errorf("input shape: %w", err))
			return
		}
		s.inShape = append([]int(nil), dims...)
	}}
}

// UseBias sets whether the layer adds a bias vector (Keras's use_bias,
// default true).
func UseBias(use bool) LayerOption {
	return optionFunc{optUseBias, func(s *layerSettings) { s.useBias = use }}
}

// KernelInitializer sets how the kernel is initialised, by Keras name:
// "glorot_uniform" (default), "glorot_normal", "he_uniform", "he_normal",
// "lecun_uniform", "lecun_normal", "zeros", "ones", "constant" (params:
// value), "random_uniform" (params: minval, maxval; default -0.05, 0.05),
// "random_normal" (params: mean, stddev; default 0, 0.05).
func KernelInitializer(name string, params ...float64) LayerOption {
	return optionFunc{optKernelInit, func(s *layerSettings) {
		spec, err := newInitializerSpec(name, params)
		if err != nil {
			s.setErr(err)
			return
		}
		s.kernelInit = spec
	}}
}

// BiasInitializer sets how the bias is initialised (default "zeros"); the
// names are KernelInitializer's.
func BiasInitializer(name string, params ...float64) LayerOption {
	return optionFunc{optBiasInit, func(s *layerSettings) {
		spec, err := newInitializerSpec(name, params)
		if err != nil {
			s.setErr(err)
			return
		}
		s.biasInit = spec
	}}
}

// KernelRegularizer adds l1·Σ|w| + l2·Σw² over the kernel to the loss
// (Keras's L1L2; Keras's regularizers.L2() default factor is 0.01).
func KernelRegularizer(l1, l2 float64) LayerOption {
	return optionFunc{optKernelReg, func(s *layerSettings) {
		if err := checkRegularizer(l1, l2); err != nil {
			s.setErr(err)
			return
		}
		s.kernelReg = regularizer{L1: l1, L2: l2}
	}}
}

// BiasRegularizer adds l1·Σ|b| + l2·Σb² over the bias to the loss.
func BiasRegularizer(l1, l2 float64) LayerOption {
	return optionFunc{optBiasReg, func(s *layerSettings) {
		if err := checkRegularizer(l1, l2); err != nil {
			s.setErr(err)
			return
		}
		s.biasReg = regularizer{L1: l1, L2: l2}
	}}
}

// Name sets the layer's name (default the class name in snake case:
// "dense", "dense_1", "conv2d", ... in model order).
func Name(name string) LayerOption {
	return optionFunc{optName, func(s *layerSettings) { s.name = name }}
}

// Strides sets the step of a convolution or pooling window: one value for
// every spatial axis, or one per axis (Keras's strides). Convolutions
// default to 1, pooling to the pool size.
func Strides(strides ...int) LayerOption {
	return optionFunc{optStrides, func(s *layerSettings) {
		if len(strides) == 0 {
			s.setErr(fmt.Errorf("Strides needs at least one value"))
			return
		}
		for _, v := range strides {
			if v <= 0 {
				s.setErr(fmt.Errorf("strides must be positive, got %v", strides))
				return
			}
		}
		s.strides = append([]int(nil), strides...)
	}}
}

// Padding sets how a convolution or pooling window meets the edges:
// "valid" (default: no padding, the output shrinks) or "same" (zero
// padding so that the output has ceil(input/stride) positions), as Keras.
func Padding(mode string) LayerOption {
	return optionFunc{optPadding, func(s *layerSettings) {
		p := strings.ToLower(mode)
		if p != "valid" && p != "same" {
			s.setErr(fmt.Errorf("padding must be \"valid\" or \"same\", got %q", mode))
			return
		}
		s.padding = p
	}}
}

// spatial expands a per-axis value given as one value or one per axis.
func spatial(what string, v []int, axes int) ([]int, error) {
	switch len(v) {
	case 1:
		out := make([]int, axes)
		for i := range out {
			out[i] = v[0]
		}
		return out, nil
	case axes:
		return append([]int(nil), v...), nil
	}
	return nil, fmt.Errorf("%s takes 1 or %d values, got %v", what, axes, v)
}
