package nnlib

import "math/rand/v2"

// ActivationLayer applies an activation function to its input, like
// keras.layers.Activation. It is also a LayerOption: Dense(16,
// Activation("relu")) sets the Dense layer's own activation.
type ActivationLayer struct {
	layerBase
	kind    activationKind
	rawName string
}

// Activation names an activation by its Keras name: "relu", "sigmoid",
// "tanh", "softmax", "linear", "leaky_relu", "elu", "selu", "softplus",
// "softsign", "swish" (or "silu"), "gelu", "hard_sigmoid". Pass it to Dense
// as an option, or to a model as a layer of its own. An unknown name is
// reported when the layer is added to a model.
func Activation(name string) *ActivationLayer {
	a := &ActivationLayer{rawName: name}
	a.float32 = floatX32.Load()
	a.kind, a.cfgErr = parseActivation(name)
	return a
}

func (a *ActivationLayer) applyLayer(s *layerSettings) {
	s.used |= optActivation
	if a.cfgErr != nil {
		s.setErr(a.cfgErr)
		return
	}
	s.activation = a.kind
}

// ClassName returns "Activation".
func (a *ActivationLayer) ClassName() string { return "Activation" }

// Activation returns the name of the activation.
func (a *ActivationLayer) Activation() string { return activationName(a.kind) }

// ParamCount returns 0: an activation has no weights.
func (a *ActivationLayer) ParamCount() int { return 0 }

func (a *ActivationLayer) build(in []int, rng *rand.Rand) error {
	a.setShapes(in, in)
	return nil
}

func (a *ActivationLayer) params() []*param { return nil }

func (a *ActivationLayer) forward(x []float64, rows int, training bool, rng *rand.Rand) []float64 {
	a.out = grow(a.out, rows*a.outSize)
	activate(a.kind, x, a.out, a.units)
	return a.out
}

func (a *ActivationLayer) backward(x, dy []float64, rows int, needInput bool) []float64 {
	a.dIn = grow(a.dIn, rows*a.outSize)
	activationGrad(a.kind, x, a.out[:rows*a.outSize], dy, a.dIn, a.units)
	return a.dIn
}
