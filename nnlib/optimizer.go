package nnlib

import (
	"fmt"
	"math"
	"strings"
)

// The optimizers are Keras 3's, with its names and defaults. Every one
// takes a LearningRate (0 means its Keras default) or a Schedule that gives
// the rate of every step, and Keras's gradient clipping: ClipNorm clips each
// weight tensor's gradient to that L2 norm, GlobalClipNorm all gradients
// together, ClipValue each value to [-v, v] (0 is off; at most one of the
// three). Fields whose Keras default is not zero but which may be zero are
// pointers: nil is the default, nnlib.Float(0) is zero (see Float).

// SGD is Keras's stochastic gradient descent with optional (Nesterov)
// momentum: keras.optimizers.SGD(learning_rate=0.01, momentum=0.0).
type SGD struct {
	// LearningRate is the step size (default 0.01).
	LearningRate float64
	// Momentum in [0, 1] accelerates along consistent gradients (default 0).
	Momentum float64
	// Nesterov uses Nesterov momentum.
	Nesterov bool
	// Schedule, when set, gives the learning rate of every step instead of
	// LearningRate (Keras's learning_rate=schedule).
	Schedule LearningRateSchedule `json:"-"`
	// ClipNorm, GlobalClipNorm and ClipValue clip the gradients (0: off).
	ClipNorm, GlobalClipNorm, ClipValue float64
}

// Adam is Keras 3's Adam: keras.optimizers.Adam(learning_rate=0.001,
// beta_1=0.9, beta_2=0.999, epsilon=1e-7). Keras 3 adds epsilon to the
// uncorrected sqrt(v) and folds the bias corrections into the step size.
type Adam struct {
	// LearningRate is the step size (default 0.001).
	LearningRate float64
	// Beta1 is the decay of the gradient's moving average (nil: 0.9).
	Beta1 *float64
	// Beta2 is the decay of the squared gradient's moving average (nil: 0.999).
	Beta2 *float64
	// Epsilon keeps the division stable (nil: 1e-7).
	Epsilon *float64
	// AMSGrad uses the maximum of the past squared-gradient averages.
	AMSGrad bool
	// CorrectedEpsilon adds epsilon to the bias-corrected sqrt(v̂), as in
	// Algorithm 1 of Kingma & Ba and in PyTorch and TensorFlow.js, instead
	// of Keras's "epsilon hat" form. The reference seed sweep uses it.
	CorrectedEpsilon bool
	// Schedule, when set, gives the learning rate of every step.
	Schedule LearningRateSchedule `json:"-"`
	// ClipNorm, GlobalClipNorm and ClipValue clip the gradients (0: off).
	ClipNorm, GlobalClipNorm, ClipValue float64
}

// AdamW is Adam with decoupled weight decay: before each Adam step every
// weight shrinks by weight·WeightDecay·LearningRate, as
// keras.optimizers.AdamW(weight_decay=0.004).
type AdamW struct {
	// LearningRate is the step size (default 0.001).
	LearningRate float64
	// WeightDecay is the decoupled decay factor (nil: 0.004).
	WeightDecay *float64
	// Beta1, Beta2 and Epsilon are Adam's (nil: 0.9, 0.999, 1e-7).
	Beta1, Beta2, Epsilon *float64
	// AMSGrad and CorrectedEpsilon are Adam's.
	AMSGrad, CorrectedEpsilon bool
	// Schedule, when set, gives the learning rate of every step.
	Schedule LearningRateSchedule `json:"-"`
	// ClipNorm, GlobalClipNorm and ClipValue clip the gradients (0: off).
	ClipNorm, GlobalClipNorm, ClipValue float64
}

// RMSprop is Keras 3's RMSprop (epsilon inside the square root):
// keras.optimizers.RMSprop(learning_rate=0.001, rho=0.9, momentum=0.0,
// epsilon=1e-7, centered=False).
type RMSprop struct {
	// LearningRate is the step size (default 0.001).
	LearningRate float64
	// Rho is the decay of the squared gradient's moving average (nil: 0.9).
	Rho *float64
	// Momentum in [0, 1] (default 0).
	Momentum float64
	// Epsilon keeps the division stable (nil: 1e-7).
	Epsilon *float64
	// Centered divides by the gradient's estimated variance instead.
	Centered bool
	// Schedule, when set, gives the learning rate of every step.
	Schedule LearningRateSchedule `json:"-"`
	// ClipNorm, GlobalClipNorm and ClipValue clip the gradients (0: off).
	ClipNorm, GlobalClipNorm, ClipValue float64
}

// Adagrad is Keras 3's Adagrad: keras.optimizers.Adagrad(learning_rate=0.001,
// initial_accumulator_value=0.1, epsilon=1e-7).
type Adagrad struct {
	// LearningRate is the step size (default 0.001).
	LearningRate float64
	// InitialAccumulatorValue starts the squared-gradient sums (nil: 0.1).
	InitialAccumulatorValue *float64
	// Epsilon keeps the division stable (nil: 1e-7).
	Epsilon *float64
	// Schedule, when set, gives the learning rate of every step.
	Schedule LearningRateSchedule `json:"-"`
	// ClipNorm, GlobalClipNorm and ClipValue clip the gradients (0: off).
	ClipNorm, GlobalClipNorm, ClipValue float64
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
	// common returns the settings every optimizer has.
	common() commonOptions
	// setSchedule sets the learning-rate schedule (for Load).
	setSchedule(s LearningRateSchedule)
}

// commonOptions are the settings every optimizer has.
type commonOptions struct {
	learningRate                        float64
	schedule                            LearningRateSchedule
	clipNorm, globalClipNorm, clipValue float64
}

func (o *SGD) common() commonOptions {
	return commonOptions{o.LearningRate, o.Schedule, o.ClipNorm, o.GlobalClipNorm, o.ClipValue}
}
func (o *Adam) common() commonOptions {
	return commonOptions{o.LearningRate, o.Schedule, o.ClipNorm, o.GlobalClipNorm, o.ClipValue}
}
func (o *AdamW) common() commonOptions {
	return commonOptions{o.LearningRate, o.Schedule, o.ClipNorm, o.GlobalClipNorm, o.ClipValue}
}
func (o *RMSprop) common() commonOptions {
	return commonOptions{o.LearningRate, o.Schedule, o.ClipNorm, o.GlobalClipNorm, o.ClipValue}
}
func (o *Adagrad) common() commonOptions {
	return commonOptions{o.LearningRate, o.Schedule, o.ClipNorm, o.GlobalClipNorm, o.ClipValue}
}

func (o *SGD) setSchedule(s LearningRateSchedule)     { o.Schedule = s }
func (o *Adam) setSchedule(s LearningRateSchedule)    { o.Schedule = s }
func (o *AdamW) setSchedule(s LearningRateSchedule)   { o.Schedule = s }
func (o *RMSprop) setSchedule(s LearningRateSchedule) { o.Schedule = s }
func (o *Adagrad) setSchedule(s LearningRateSchedule) { o.Schedule = s }

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
		if isNilPointer(o) {
			return nil, fmt.Errorf("optimizer is a nil %T; pass a value such as nnlib.Adam{} or a name", v)
		}
		cfg = o
	default:
		return nil, fmt.Errorf("optimizer must be a name (%s) or an nnlib optimizer value such as nnlib.Adam{LearningRate: 0.01}, got %T", strings.Join(OptimizerNames(), ", "), v)
	}
	return cfg.resolved()
}

// resolveCommon fills the default learning rate into *lr and checks the
// settings every optimizer has.
func resolveCommon(name string, lr *float64, def float64, c commonOptions) error {
	if c.schedule != nil {
		if *lr != 0 {
			return fmt.Errorf("optimizer %s: set LearningRate or Schedule, not both", name)
		}
		if isNilPointer(c.schedule) {
			return fmt.Errorf("optimizer %s: Schedule is a nil %T", name, c.schedule)
		}
		if v, ok := c.schedule.(interface{ validate() error }); ok {
			if err := v.validate(); err != nil {
				return fmt.Errorf("optimizer %s: %w", name, err)
			}
		}
	} else if *lr == 0 {
		*lr = def
	}
	if err := checkPositive("optimizer "+name+": LearningRate", *lr); c.schedule == nil && err != nil {
		return err
	}
	set := 0
	for _, f := range []struct {
		name string
		v    float64
	}{{"ClipNorm", c.clipNorm}, {"GlobalClipNorm", c.globalClipNorm}, {"ClipValue", c.clipValue}} {
		if err := checkNonNegative("optimizer "+name+": "+f.name, f.v); err != nil {
			return err
		}
		if f.v > 0 {
			set++
		}
	}
	if set > 1 {
		return fmt.Errorf("optimizer %s: set at most one of ClipNorm, GlobalClipNorm and ClipValue, as Keras", name)
	}
	return nil
}

// resolveFloat sets *p to def when nil and checks it lies in [lo, hi]
// (hi excluded when hiOpen).
func resolveFloat(opt, field string, p **float64, def, lo, hi float64, hiOpen bool) error {
	v := floatOr(*p, def)
	*p = &v
	return checkRange("optimizer "+opt+": "+field, v, lo, hi, false, hiOpen)
}

func (o *SGD) resolved() (optimizerConfig, error) {
	c := *o
	if err := resolveCommon("SGD", &c.LearningRate, 0.01, c.common()); err != nil {
		return nil, err
	}
	if err := checkRange("optimizer SGD: Momentum", c.Momentum, 0, 1, false, false); err != nil {
		return nil, err
	}
	return &c, nil
}

func (o *Adam) resolved() (optimizerConfig, error) {
	c := *o
	if err := resolveCommon("Adam", &c.LearningRate, 0.001, c.common()); err != nil {
		return nil, err
	}
	if err := resolveBetas("Adam", &c.Beta1, &c.Beta2, &c.Epsilon); err != nil {
		return nil, err
	}
	return &c, nil
}

func resolveBetas(name string, b1, b2, eps **float64) error {
	if err := resolveFloat(name, "Beta1", b1, 0.9, 0, 1, true); err != nil {
		return err
	}
	if err := resolveFloat(name, "Beta2", b2, 0.999, 0, 1, true); err != nil {
		return err
	}
	return resolveFloat(name, "Epsilon", eps, 1e-7, 0, math.Inf(1), true)
}

func (o *AdamW) resolved() (optimizerConfig, error) {
	c := *o
	if err := resolveCommon("AdamW", &c.LearningRate, 0.001, c.common()); err != nil {
		return nil, err
	}
	if err := resolveFloat("AdamW", "WeightDecay", &c.WeightDecay, 0.004, 0, math.Inf(1), true); err != nil {
		return nil, err
	}
	if err := resolveBetas("AdamW", &c.Beta1, &c.Beta2, &c.Epsilon); err != nil {
		return nil, err
	}
	return &c, nil
}

func (o *RMSprop) resolved() (optimizerConfig, error) {
	c := *o
	if err := resolveCommon("RMSprop", &c.LearningRate, 0.001, c.common()); err != nil {
		return nil, err
	}
	if err := resolveFloat("RMSprop", "Rho", &c.Rho, 0.9, 0, 1, false); err != nil {
		return nil, err
	}
	if err := checkRange("optimizer RMSprop: Momentum", c.Momentum, 0, 1, false, false); err != nil {
		return nil, err
	}
	if err := resolveFloat("RMSprop", "Epsilon", &c.Epsilon, 1e-7, 0, math.Inf(1), true); err != nil {
		return nil, err
	}
	return &c, nil
}

func (o *Adagrad) resolved() (optimizerConfig, error) {
	c := *o
	if err := resolveCommon("Adagrad", &c.LearningRate, 0.001, c.common()); err != nil {
		return nil, err
	}
	if err := resolveFloat("Adagrad", "InitialAccumulatorValue", &c.InitialAccumulatorValue, 0.1, 0, math.Inf(1), true); err != nil {
		return nil, err
	}
	if err := resolveFloat("Adagrad", "Epsilon", &c.Epsilon, 1e-7, 0, math.Inf(1), true); err != nil {
		return nil, err
	}
	return &c, nil
}

func (o *SGD) className() string     { return "SGD" }
func (o *Adam) className() string    { return "Adam" }
func (o *AdamW) className() string   { return "AdamW" }
func (o *RMSprop) className() string { return "RMSprop" }
func (o *Adagrad) className() string { return "Adagrad" }

// optimizerState is one model's optimizer: its configuration, the step
// count, the current learning rate and per-parameter slot vectors
// (slots[s][p] for slot s of param p).
type optimizerState struct {
	cfg        optimizerConfig
	common     commonOptions
	lr         float64 // the learning rate without a schedule; callbacks may change it
	iterations int
	slots      [][][]float64
	apply      func(s *optimizerState, params []*param, lr float64)
}

func newState(cfg optimizerConfig, params []*param, slots int, init float64, apply func(s *optimizerState, params []*param, lr float64)) *optimizerState {
	c := cfg.common()
	return &optimizerState{cfg: cfg, common: c, lr: c.learningRate, slots: newSlots(params, slots, init), apply: apply}
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

// learningRate is the rate of the next step: the schedule's at the step
// count, or the current rate.
func (s *optimizerState) learningRate() float64 {
	if s.common.schedule != nil {
		return s.common.schedule.LearningRate(s.iterations)
	}
	return s.lr
}

// step applies one update to params from their gradients, clipped first.
func (s *optimizerState) step(params []*param) {
	clipGradients(params, s.common)
	s.apply(s, params, s.learningRate())
	s.iterations++
}

func (o *SGD) newState(params []*param) *optimizerState {
	n := 0
	if o.Momentum != 0 {
		n = 1
	}
	return newState(o, params, n, 0, func(s *optimizerState, params []*param, lr float64) {
		mom := o.Momentum
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
	})
}

func (o *Adam) newState(params []*param) *optimizerState {
	return newAdamState(o, params, *o.Beta1, *o.Beta2, *o.Epsilon, o.AMSGrad, o.CorrectedEpsilon, 0)
}

func (o *AdamW) newState(params []*param) *optimizerState {
	return newAdamState(o, params, *o.Beta1, *o.Beta2, *o.Epsilon, o.AMSGrad, o.CorrectedEpsilon, *o.WeightDecay)
}

func newAdamState(cfg optimizerConfig, params []*param, b1, b2, eps float64, amsgrad, corrected bool, decay float64) *optimizerState {
	n := 2
	if amsgrad {
		n = 3
	}
	var job adamJob // the parallel updates of large tensors, reused every step
	return newState(cfg, params, n, 0, func(s *optimizerState, params []*param, lr float64) {
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
			job = adamJob{w: p.value, g: p.grad, m: s.slots[0][i], v: s.slots[1][i], vh: vh,
				lr: lr, b1: b1, b2: b2, eps: epsT, alpha: alpha, decay: decay, done: job.done}
			job.run()
		}
	})
}

func sub(v []float64, lo, hi int) []float64 {
	if v == nil {
		return nil
	}
	return v[lo:hi]
}

// adamJob is one Adam step on a tensor, run in parts (element-wise
// independent, so the split does not change the result) when the tensor
// is large.
type adamJob struct {
	w, g, m, v, vh                []float64
	lr, b1, b2, eps, alpha, decay float64
	done                          chan struct{}
}

func (j *adamJob) run() {
	parts := partsFor(len(j.w), parallelMin, 2)
	if parts > 1 && j.done == nil {
		j.done = make(chan struct{}, maxParts)
	}
	runParts(j, parts, j.done)
	j.w, j.g, j.m, j.v, j.vh = nil, nil, nil, nil, nil
}

func (j *adamJob) runPart(part, parts int) {
	n := len(j.w)
	lo, hi := n*part/parts, n*(part+1)/parts
	adamUpdate(j.w[lo:hi], j.g[lo:hi], j.m[lo:hi], j.v[lo:hi], sub(j.vh, lo, hi), j.lr, j.b1, j.b2, j.eps, j.alpha, j.decay)
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
	adamMoments(w, g, m, v, b1, b2, eps, alpha)
}

// adamMomentsLoop is adamMoments in Go.
func adamMomentsLoop(w, g, m, v []float64, b1, b2, eps, alpha float64) {
	for j := range w {
		m[j] += (g[j] - m[j]) * (1 - b1)
		v[j] += (g[j]*g[j] - v[j]) * (1 - b2)
		w[j] -= alpha * m[j] / (math.Sqrt(v[j]) + eps)
	}
}

func (o *RMSprop) newState(params []*param) *optimizerState {
	// slots: 0 velocity (mean square), 1 momentum, 2 average gradient.
	return newState(o, params, 3, 0, func(s *optimizerState, params []*param, lr float64) {
		rho, eps, mom := *o.Rho, *o.Epsilon, o.Momentum
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
	})
}

func (o *Adagrad) newState(params []*param) *optimizerState {
	return newState(o, params, 1, *o.InitialAccumulatorValue, func(s *optimizerState, params []*param, lr float64) {
		eps := *o.Epsilon
		for i, p := range params {
			w, g, acc := p.value, p.grad, s.slots[0][i]
			for j := range w {
				acc[j] += g[j] * g[j]
				w[j] -= lr * g[j] / math.Sqrt(acc[j]+eps)
			}
		}
	})
}
