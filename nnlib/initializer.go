package nnlib

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
)

// initializerSpec is a kernel or bias initializer: a Keras name plus the
// parameters some of them take.
type initializerSpec struct {
	name   string
	params []float64
}

// initializerParams maps Keras's initializer names to their parameter
// names and default values.
var initializerParams = map[string][]float64{
	"glorot_uniform": nil,
	"glorot_normal":  nil,
	"he_uniform":     nil,
	"he_normal":      nil,
	"lecun_uniform":  nil,
	"lecun_normal":   nil,
	"zeros":          nil,
	"ones":           nil,
	"constant":       {0},           // value
	"random_uniform": {-0.05, 0.05}, // minval, maxval
	"random_normal":  {0, 0.05},     // mean, stddev
}

// InitializerNames lists the initializer names nnlib accepts.
func InitializerNames() []string { return sortedKeys(initializerParams) }

func newInitializerSpec(name string, params []float64) (initializerSpec, error) {
	name = strings.ToLower(name)
	defaults, ok := initializerParams[name]
	if !ok {
		return initializerSpec{}, fmt.Errorf("unknown initializer %q; valid initializers: %s", name, strings.Join(InitializerNames(), ", "))
	}
	if len(params) > len(defaults) {
		return initializerSpec{}, fmt.Errorf("initializer %q takes at most %d parameters, got %d", name, len(defaults), len(params))
	}
	p := append([]float64(nil), defaults...)
	copy(p, params)
	for i, v := range p {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return initializerSpec{}, fmt.Errorf("initializer %q: parameter %d is %g; it must be finite", name, i, v)
		}
	}
	if name == "random_uniform" && p[0] > p[1] {
		return initializerSpec{}, fmt.Errorf("initializer random_uniform: minval %g exceeds maxval %g", p[0], p[1])
	}
	if name == "random_normal" && p[1] < 0 {
		return initializerSpec{}, fmt.Errorf("initializer random_normal: negative stddev %g", p[1])
	}
	return initializerSpec{name: name, params: p}, nil
}

// truncatedNormalStddevCorrection is the standard deviation of a unit
// normal truncated at ±2, which Keras's VarianceScaling divides by.
const truncatedNormalStddevCorrection = 0.87962566103423978

// fill initialises w (a fanIn×fanOut kernel, or a bias of fanOut values)
// following Keras 3's definitions.
func (s initializerSpec) fill(w []float64, fanIn, fanOut int, rng *rand.Rand) {
	switch s.name {
	case "zeros":
		clear(w)
	case "ones":
		fillConst(w, 1)
	case "constant":
		fillConst(w, s.params[0])
	case "random_uniform":
		lo, hi := s.params[0], s.params[1]
		for i := range w {
			w[i] = lo + (hi-lo)*rng.Float64()
		}
	case "random_normal":
		for i := range w {
			w[i] = s.params[0] + s.params[1]*rng.NormFloat64()
		}
	case "glorot_uniform":
		uniform(w, math.Sqrt(6/float64(fanIn+fanOut)), rng)
	case "he_uniform":
		uniform(w, math.Sqrt(6/float64(fanIn)), rng)
	case "lecun_uniform":
		uniform(w, math.Sqrt(3/float64(fanIn)), rng)
	case "glorot_normal":
		truncatedNormal(w, math.Sqrt(2/float64(fanIn+fanOut))/truncatedNormalStddevCorrection, rng)
	case "he_normal":
		truncatedNormal(w, math.Sqrt(2/float64(fanIn))/truncatedNormalStddevCorrection, rng)
	case "lecun_normal":
		truncatedNormal(w, math.Sqrt(1/float64(fanIn))/truncatedNormalStddevCorrection, rng)
	}
}

func fillConst(w []float64, v float64) {
	for i := range w {
		w[i] = v
	}
}

func uniform(w []float64, limit float64, rng *rand.Rand) {
	for i := range w {
		w[i] = (2*rng.Float64() - 1) * limit
	}
}

func truncatedNormal(w []float64, stddev float64, rng *rand.Rand) {
	for i := range w {
		v := rng.NormFloat64()
		for math.Abs(v) > 2 {
			v = rng.NormFloat64()
		}
		w[i] = v * stddev
	}
}

// String names the initializer and its parameters.
func (s initializerSpec) String() string {
	if len(s.params) == 0 {
		return s.name
	}
	return fmt.Sprintf("%s%v", s.name, s.params)
}
