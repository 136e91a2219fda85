package nnlib

import (
	"fmt"
	"math"
	"strings"
)

// SGD is Keras's stochastic gradient descent with optional (Nesterov)
// momentum. A zero LearningRate means Keras's default 0.01.
type SGD struct {
	LearningRate float64
	Momentum     float64
	Nesterov     bool
}

// Adam is Keras 3's Adam. Zero fields take Keras's defaults: learning rate
// 0.001, beta_1 0.9, beta_2 0.999, epsilon 1e-7. Keras 3 adds epsilon to the
// uncorrected sqrt(v) and folds the bias corrections into the step size.
type Adam struct {
	LearningRate float64
	Beta1        float64
	Beta2        float64
	Epsilon      float64
	AMSGrad      bool
	// CorrectedEpsilon adds epsilon to the bias-corrected sqrt(v̂), as in
	// Algorithm 1 of Kingma & Ba and in PyTorch and TensorFlow.js, instead
	// of Keras's "epsilon hat" form. The reference seed sweep uses it.
	CorrectedEpsilon bool
}

// AdamW is Adam with decoupled weight decay (Keras default 0.004): before
// each Adam step every weight shrinks by weight·WeightDecay·LearningRate.
type AdamW struct {
	LearningRate float64
	WeightDecay  float64
	Beta1        float64
	Beta2        float64
	Epsilon      float64
	AMSGrad      bool
	// CorrectedEpsilon is Adam's.
	CorrectedEpsilon bool
}

// RMSprop is Keras 3's RMSprop (epsilon inside the square root). Zero
// fields take Keras's defaults: learning rate 0.001, rho 0.9, epsilon 1e-7.
type RMSprop struct {
	LearningRate float64
	Rho          float64
	Momentum     float64
	Epsilon      float64
	Centered     bool
}

// Adagrad is Keras 3's Adagrad. Zero fields take Keras's defaults: learning
// rate 0.001, initial accumulator 0.1, epsilon 1e-7.
type Adagrad struct {
	LearningRate            float64
	InitialAccumulatorValue float64
	Epsilon                 float64
}

// optimizerDefaults builds each optimizer with Keras's defaults by name.
var optimizerDefaults = map[string]func() optimizerConfig{
	"sgd":     func() optimizerConfig { return &SGD{} },
	"adam":    func() optimizerConfig { return &Adam{} },
	"adamw":   func() optimizerConfig { return &AdamW{} },
	"rmsprop": func() optimizerConfig { return &RMSprop{} },
	"adagrad": func() optimizerConfig { return &Adagrad{} },
}

// OptimizerNames lists the optimizer names nnlib accepts.
func OptimizerNames() []string { return sortedKeys(optimizerDefaults) }

// optimizerConfig is implemented by the optimizer types above.
type optimizerConfig interface {
	// resolved returns a copy with Keras's defaults filled in, or an error.
	resolved() (optimizerConfig, error)
	// newState allocates the per-parameter slots for a model.
	newState(params []*param) *optimizerState
	// className is Keras's class name ("Adam").
	className() string
}

// parseOptimizer accepts a name ("adam"), an optimizer value or a pointer to one.
func parseOptimizer(v any) (optimizerConfig, error) {
	var cfg optimizerConfig
	switch o := v.(type) {
	case nil:
		cfg = &RMSprop{} // Keras's compile default
	case string:
		mk, ok := optimizerDefaults[strings.ToLower(o)]
		if !ok {
			return nil, fmt.Errorf("unknown optimizer %q; valid optimizers: %s", o, strings.Join(OptimizerNames(), ", "))
		}
		cfg = mk()
	case SGD:
		cfg = &o
	case Adam:
		cfg = &o
	case AdamW:
		cfg = &o
	case RMSprop:
		cfg = &o
	case Adagrad:
		cfg = &o
	case optimizerConfig:
		cfg = o
	default:
		return nil, fmt.Errorf("optimizer must be a name (%s) or an nnlib optimizer value such as nnlib.Adam{LearningRate: 0.01}, got %T", strings.Join(OptimizerNames(), ", "), v)
	}
	return cfg.resolved()
}

func orDefault(v, def float64) float64 {
	if v == 0 {
		return def
	}
	return v
}

func checkRate(name string, lr float64) error {
	if lr <= 0 || math.IsNaN(lr) || math.IsInf(lr, 0) {
		return fmt.Errorf("optimizer %s: learning rate must be positive and finite, got %g", name, lr)
	}
	return nil
}

func (o *SGD) resolved() (optimizerConfig, error) {
	c := *o
	c.LearningRate = orDefault(c.LearningRate, 0.01)
	if c.Momentum < 0 || c.Momentum > 1 {
		return nil, fmt.Errorf("optimizer SGD: momentum must be in [0, 1], got %g", c.Momentum)
	}
	return &c, checkRate("SGD", c.LearningRate)
}

func (o *Adam) resolved() (optimizerConfig, error) {
	c := *o
	c.LearningRate = orDefault(c.LearningRate, 0.001)
	c.Beta1 = orDefault(c.Beta1, 0.9)
	c.Beta2 = orDefault(c.Beta2, 0.999)
	c.Epsilon = orDefault(c.Epsilon, 1e-7)
	return &c, checkRate("Adam", c.LearningRate)
}

func (o *AdamW) resolved() (optimizerConfig, error) {
	c := *o
	c.LearningRate = orDefault(c.LearningRate, 0.001)
	c.WeightDecay = orDefault(c.WeightDecay, 0.004)
	c.Beta1 = orDefault(c.Beta1, 0.9)
	c.Beta2 = orDefault(c.Beta2, 0.999)
	c.Epsilon = orDefault(c.Epsilon, 1e-7)
	return &c, checkRate("AdamW", c.LearningRate)
}

func (o *RMSprop) resolved() (optimizerConfig, error) {
	c := *o
	c.LearningRate = orDefault(c.LearningRate, 0.001)
	c.Rho = orDefault(c.Rho, 0.9)
	c.Epsilon = orDefault(c.Epsilon, 1e-7)
	return &c, checkRate("RMSprop", c.LearningRate)
}

func (o *Adagrad) resolved() (optimizerConfig, error) {
	c := *o
	c.LearningRate = orDefault(c.LearningRate, 0.001)
	c.InitialAccumulatorValue = orDefault(c.InitialAccumulatorValue, 0.1)
	c.Epsilon = orDefault(c.Epsilon, 1e-7)
	return &c, checkRate("Adagrad", c.LearningRate)
}

func (o *SGD) className() string     { return "SGD" }
func (o *Adam) className() string    { return "Adam" }
func (o *AdamW) className() string   { return "AdamW" }
func (o *RMSprop) className() string { return "RMSprop" }
func (o *Adagrad) className() string { return "Adagrad" }

// optimizerState is one model's optimizer: its configuration, the step
// count and per-parameter slot vectors (slots[s][p] for slot s of param p).
type optimizerState struct {
	cfg        optimizerConfig
	iterations int
	slots      [][][]float64
	apply      func(s *optimizerState, params []*param)
}

func newSlots(params []*param, n int, init float64) [][][]float64 {
	slots := make([][][]float64, n)
	for s := range slots {
		slots[s] = make([][]float64, len(params))
		for i, p := range params {
			slots[s][i] = make([]float64, len(p.value))
			if init != 0 {
				fillConst(slots[s][i], init)
			}
		}
	}
	return slots
}

// step applies one update to params from their gradients.
func (s *optimizerState) step(params []*param) {
	s.apply(s, params)
	s.iterations++
}

func (o *SGD) newState(params []*param) *optimizerState {
	n := 0
	if o.Momentum != 0 {
		n = 1
	}
	return &optimizerState{cfg: o, slots: newSlots(params, n, 0), apply: func(s *optimizerState, params []*param) {
		lr, mom := o.LearningRate, o.Momentum
		for i, p := range params {
			w, g := p.value, p.grad
			if mom == 0 {
				for j := range w {
					w[j] -= lr * g[j]
				}
				continue
			}
			m := s.slots[0][i]
			for j := range w {
				m[j] = mom*m[j] - lr*g[j]
				if o.Nesterov {
					w[j] += mom*m[j] - lr*g[j]
				} else {
					w[j] += m[j]
				}
			}
		}
	}}
}

func (o *Adam) newState(params []*param) *optimizerState {
	return newAdamState(o, params, o.LearningRate, o.Beta1, o.Beta2, o.Epsilon, o.AMSGrad, o.CorrectedEpsilon, 0)
}

func (o *AdamW) newState(params []*param) *optimizerState {
	return newAdamState(o, params, o.LearningRate, o.Beta1, o.Beta2, o.Epsilon, o.AMSGrad, o.CorrectedEpsilon, o.WeightDecay)
}

func newAdamState(cfg optimizerConfig, params []*param, lr, b1, b2, eps float64, amsgrad, corrected bool, decay float64) *optimizerState {
	n := 2
	if amsgrad {
		n = 3
	}
	return &optimizerState{cfg: cfg, slots: newSlots(params, n, 0), apply: func(s *optimizerState, params []*param) {
		t := float64(s.iterations + 1)
		// Keras models keep their variables in float32, and the betas are
		// cast to float32 before the power: 0.999 becomes 0.99900001287.
		c1 := 1 - math.Pow(float64(float32(b1)), t)
		c2 := 1 - math.Pow(float64(float32(b2)), t)
		alpha := lr * math.Sqrt(c2) / c1
		epsT := eps
		if corrected {
			// lr·m̂/(sqrt(v̂)+eps) = alpha·m/(sqrt(v)+eps·sqrt(c2))
			epsT = eps * math.Sqrt(c2)
		}
		for i, p := range params {
			var vh []float64
			if amsgrad {
				vh = s.slots[2][i]
			}
			if len(p.value) < parallelMin {
				adamUpdate(p.value, p.grad, s.slots[0][i], s.slots[1][i], vh, lr, b1, b2, epsT, alpha, decay)
				continue
			}
			adamParallel(p.value, p.grad, s.slots[0][i], s.slots[1][i], vh, lr, b1, b2, epsT, alpha, decay)
		}
	}}
}

func sub(v []float64, lo, hi int) []float64 {
	if v == nil {
		return nil
	}
	return v[lo:hi]
}

// adamParallel runs adamUpdate on two halves of a large tensor at once.
func adamParallel(w, g, m, v, vh []float64, lr, b1, b2, eps, alpha, decay float64) {
	parallelRange(len(w), func(lo, hi int) {
		adamUpdate(w[lo:hi], g[lo:hi], m[lo:hi], v[lo:hi], sub(vh, lo, hi), lr, b1, b2, eps, alpha, decay)
	})
}

// adamUpdate applies one Adam step to a range of weights; vh is the
// AMSGrad maximum, nil without AMSGrad.
func adamUpdate(w, g, m, v, vh []float64, lr, b1, b2, eps, alpha, decay float64) {
	if decay != 0 {
		for j := range w {
			w[j] -= w[j] * decay * lr
		}
	}
	if vh != nil {
		for j := range w {
			m[j] += (g[j] - m[j]) * (1 - b1)
			v[j] += (g[j]*g[j] - v[j]) * (1 - b2)
			vh[j] = math.Max(vh[j], v[j])
			w[j] -= alpha * m[j] / (math.Sqrt(vh[j]) + eps)
		}
		return
	}
	for j := range w {
		m[j] += (g[j] - m[j]) * (1 - b1)
		v[j] += (g[j]*g[j] - v[j]) * (1 - b2)
		w[j] -= alpha * m[j] / (math.Sqrt(v[j]) + eps)
	}
}

func (o *RMSprop) newState(params []*param) *optimizerState {
	// slots: 0 velocity (mean square), 1 momentum, 2 average gradient.
	return &optimizerState{cfg: o, slots: newSlots(params, 3, 0), apply: func(s *optimizerState, params []*param) {
		lr, rho, eps, mom := o.LearningRate, o.Rho, o.Epsilon, o.Momentum
		for i, p := range params {
			w, g := p.value, p.grad
			v, mo, mg := s.slots[0][i], s.slots[1][i], s.slots[2][i]
			for j := range w {
				v[j] = rho*v[j] + (1-rho)*g[j]*g[j]
				denom := v[j]
				if o.Centered {
					mg[j] = rho*mg[j] + (1-rho)*g[j]
					denom -= mg[j] * mg[j]
				}
				inc := lr * g[j] / math.Sqrt(denom+eps)
				if mom > 0 {
					mo[j] = mom*mo[j] + inc
					w[j] -= mo[j]
				} else {
					w[j] -= inc
				}
			}
		}
	}}
}

func (o *Adagrad) newState(params []*param) *optimizerState {
	return &optimizerState{cfg: o, slots: newSlots(params, 1, o.InitialAccumulatorValue), apply: func(s *optimizerState, params []*param) {
		lr, eps := o.LearningRate, o.Epsilon
		for i, p := range params {
			w, g, acc := p.value, p.grad, s.slots[0][i]
			for j := range w {
				acc[j] += g[j] * g[j]
				w[j] -= lr * g[j] / math.Sqrt(acc[j]+eps)
			}
		}
	}}
}
