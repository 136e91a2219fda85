package nnlib

import (
	"fmt"
	"math"
	"strings"
)

// The activation names as constants, for Activation(nnlib.ReLU): a typo
// becomes a compile error instead of a run-time one.
const (
	Linear      = "linear"
	ReLU        = "relu"
	Sigmoid     = "sigmoid"
	Tanh        = "tanh"
	Softmax     = "softmax"
	LeakyReLU   = "leaky_relu"
	ELU         = "elu"
	SELU        = "selu"
	Softplus    = "softplus"
	Softsign    = "softsign"
	Swish       = "swish"
	SiLU        = "silu"
	GELU        = "gelu"
	HardSigmoid = "hard_sigmoid"
)

// activationKind identifies an activation function.
type activationKind int

const (
	actLinear activationKind = iota
	actReLU
	actSigmoid
	actTanh
	actSoftmax
	actLeakyReLU
	actELU
	actSELU
	actSoftplus
	actSoftsign
	actSwish
	actGELU
	actHardSigmoid
)

// activationNames maps Keras's activation names to kinds; "silu" is an
// alias of "swish" and None/"" means linear, as in Keras.
var activationNames = map[string]activationKind{
	Linear:      actLinear,
	ReLU:        actReLU,
	Sigmoid:     actSigmoid,
	Tanh:        actTanh,
	Softmax:     actSoftmax,
	LeakyReLU:   actLeakyReLU,
	ELU:         actELU,
	SELU:        actSELU,
	Softplus:    actSoftplus,
	Softsign:    actSoftsign,
	Swish:       actSwish,
	SiLU:        actSwish,
	GELU:        actGELU,
	HardSigmoid: actHardSigmoid,
}

// ActivationNames lists the activation names nnlib accepts.
func ActivationNames() []string { return sortedKeys(activationNames) }

func parseActivation(name string) (activationKind, error) {
	if name == "" {
		return actLinear, nil
	}
	k, ok := activationNames[strings.ToLower(name)]
	if !ok {
		return 0, fmt.Errorf("unknown activation %q; valid activations: %s", name, strings.Join(ActivationNames(), ", "))
	}
	return k, nil
}

// Keras 3 constants.
const (
	leakyReLUSlope = 0.2 // keras.activations.leaky_relu negative_slope
	seluAlpha      = 1.6732632423543772848170429916717
	seluScale      = 1.0507009873554804934193349852946
)

// activate computes a = f(z) for a rows×cols row-major block.
func activate(k activationKind, z, a []float64, cols int) {
	switch k {
	case actLinear:
		copy(a, z)
	case actReLU:
		for i, v := range z {
			a[i] = math.Float64frombits(math.Float64bits(v) & positiveMask(v))
		}
	case actSigmoid:
		for i, v := range z {
			a[i] = sigmoid(v)
		}
	case actTanh:
		for i, v := range z {
			a[i] = math.Tanh(v)
		}
	case actSoftmax:
		for r := 0; r+cols <= len(z); r += cols {
			softmaxRow(z[r:r+cols], a[r:r+cols])
		}
	case actLeakyReLU:
		for i, v := range z {
			if v > 0 {
				a[i] = v
			} else {
				a[i] = leakyReLUSlope * v
			}
		}
	case actELU:
		for i, v := range z {
			if v > 0 {
				a[i] = v
			} else {
				a[i] = math.Expm1(v)
			}
		}
	case actSELU:
		for i, v := range z {
			if v > 0 {
				a[i] = seluScale * v
			} else {
				a[i] = seluScale * seluAlpha * math.Expm1(v)
			}
		}
	case actSoftplus:
		for i, v := range z {
			a[i] = math.Max(v, 0) + math.Log1p(math.Exp(-math.Abs(v)))
		}
	case actSoftsign:
		for i, v := range z {
			a[i] = v / (1 + math.Abs(v))
		}
	case actSwish:
		for i, v := range z {
			a[i] = v * sigmoid(v)
		}
	case actGELU:
		for i, v := range z {
			a[i] = 0.5 * v * (1 + math.Erf(v/math.Sqrt2))
		}
	case actHardSigmoid:
		for i, v := range z {
			a[i] = math.Max(0, math.Min(1, v/6+0.5))
		}
	}
}

// activationGrad computes dz = da ⊙ f'(z) (for softmax the row Jacobian
// applied to da), given z and a = f(z).
func activationGrad(k activationKind, z, a, da, dz []float64, cols int) {
	switch k {
	case actLinear:
		copy(dz, da)
	case actReLU:
		for i, v := range z {
			dz[i] = math.Float64frombits(math.Float64bits(da[i]) & positiveMask(v))
		}
	case actSigmoid:
		for i, s := range a {
			dz[i] = da[i] * s * (1 - s)
		}
	case actTanh:
		for i, t := range a {
			dz[i] = da[i] * (1 - t*t)
		}
	case actSoftmax:
		for r := 0; r+cols <= len(a); r += cols {
			p, g := a[r:r+cols], da[r:r+cols]
			dot := 0.0
			for j, pj := range p {
				dot += pj * g[j]
			}
			for j, pj := range p {
				dz[r+j] = pj * (g[j] - dot)
			}
		}
	case actLeakyReLU:
		for i, v := range z {
			if v > 0 {
				dz[i] = da[i]
			} else {
				dz[i] = leakyReLUSlope * da[i]
			}
		}
	case actELU:
		for i, v := range z {
			if v > 0 {
				dz[i] = da[i]
			} else {
				dz[i] = da[i] * (a[i] + 1)
			}
		}
	case actSELU:
		for i, v := range z {
			if v > 0 {
				dz[i] = da[i] * seluScale
			} else {
				dz[i] = da[i] * (a[i] + seluScale*seluAlpha)
			}
		}
	case actSoftplus:
		for i, v := range z {
			dz[i] = da[i] * sigmoid(v)
		}
	case actSoftsign:
		for i, v := range z {
			d := 1 + math.Abs(v)
			dz[i] = da[i] / (d * d)
		}
	case actSwish:
		for i, v := range z {
			s := sigmoid(v)
			dz[i] = da[i] * (s + v*s*(1-s))
		}
	case actGELU:
		for i, v := range z {
			cdf := 0.5 * (1 + math.Erf(v/math.Sqrt2))
			pdf := math.Exp(-0.5*v*v) / math.Sqrt(2*math.Pi)
			dz[i] = da[i] * (cdf + v*pdf)
		}
	case actHardSigmoid:
		for i, v := range z {
			if v > -3 && v < 3 {
				dz[i] = da[i] / 6
			} else {
				dz[i] = 0
			}
		}
	}
}

// positiveMask is all ones when v > 0 (or v is a NaN with the sign bit
// clear) and zero otherwise, without a branch: relu's inputs are signs a
// branch predictor cannot guess.
func positiveMask(v float64) uint64 {
	return uint64(-int64(math.Float64bits(v)) >> 63)
}

func sigmoid(v float64) float64 {
	if v >= 0 {
		return 1 / (1 + math.Exp(-v))
	}
	e := math.Exp(v)
	return e / (1 + e)
}

func softmaxRow(z, a []float64) {
	m := math.Inf(-1)
	for _, v := range z {
		if v > m {
			m = v
		}
	}
	sum := 0.0
	for j, v := range z {
		e := math.Exp(v - m)
		a[j] = e
		sum += e
	}
	for j := range a {
		a[j] /= sum
	}
}

func activationName(k activationKind) string {
	for name, kind := range activationNames {
		if kind == k && name != "silu" {
			return name
		}
	}
	return "linear"
}
