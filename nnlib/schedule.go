package nnlib

import (
	"encoding/json"
	"fmt"
	"math"
)

// LearningRateSchedule gives the learning rate of every optimizer step, like
// keras.optimizers.schedules.LearningRateSchedule: set one as an
// optimizer's Schedule. step counts the optimizer's updates from 0 (Keras's
// optimizer.iterations), across epochs and calls to Fit.
//
// ExponentialDecay, PiecewiseConstantDecay and CosineDecay are Keras's;
// a notebook can define its own type with this method (such a model cannot
// be saved).
type LearningRateSchedule interface {
	LearningRate(step int) float64
}

// ExponentialDecay decays the rate by DecayRate every DecaySteps steps:
// InitialLearningRate · DecayRate^(step/DecaySteps), the exponent rounded
// down when Staircase, as keras.optimizers.schedules.ExponentialDecay.
type ExponentialDecay struct {
	InitialLearningRate float64
	DecaySteps          int
	DecayRate           float64
	Staircase           bool
}

// LearningRate returns the rate at step.
func (e ExponentialDecay) LearningRate(step int) float64 {
	p := float64(step) / float64(e.DecaySteps)
	if e.Staircase {
		p = math.Floor(p)
	}
	return e.InitialLearningRate * math.Pow(e.DecayRate, p)
}

func (e ExponentialDecay) validate() error {
	if err := checkPositive("ExponentialDecay: InitialLearningRate", e.InitialLearningRate); err != nil {
		return err
	}
	if e.DecaySteps <= 0 {
		return fmt.Errorf("ExponentialDecay: DecaySteps must be positive, got %d", e.DecaySteps)
	}
	return checkPositive("ExponentialDecay: DecayRate", e.DecayRate)
}

// PiecewiseConstantDecay is Values[0] up to step Boundaries[0], Values[1]
// up to Boundaries[1], ..., and the last value after the last boundary, as
// keras.optimizers.schedules.PiecewiseConstantDecay: len(Values) is
// len(Boundaries)+1 and the boundaries increase.
type PiecewiseConstantDecay struct {
	Boundaries []int
	Values     []float64
}

// LearningRate returns the rate at step.
func (p PiecewiseConstantDecay) LearningRate(step int) float64 {
	for i, b := range p.Boundaries {
		if step <= b {
			return p.Values[i]
		}
	}
	return p.Values[len(p.Values)-1]
}

func (p PiecewiseConstantDecay) validate() error {
	if len(p.Values) != len(p.Boundaries)+1 {
		return fmt.Errorf("PiecewiseConstantDecay: len(Values) must be len(Boundaries)+1, got %d values and %d boundaries", len(p.Values), len(p.Boundaries))
	}
	for i, b := range p.Boundaries {
		if b < 0 || (i > 0 && b <= p.Boundaries[i-1]) {
			return fmt.Errorf("PiecewiseConstantDecay: Boundaries must be non-negative and increasing, got %v", p.Boundaries)
		}
	}
	for i, v := range p.Values {
		if err := checkNonNegative(fmt.Sprintf("PiecewiseConstantDecay: Values[%d]", i), v); err != nil {
			return err
		}
	}
	return nil
}

// CosineDecay follows half a cosine from InitialLearningRate down to
// Alpha·InitialLearningRate over DecaySteps steps and stays there, as
// keras.optimizers.schedules.CosineDecay. With a WarmupTarget the rate
// first rises linearly from InitialLearningRate to it over WarmupSteps
// steps, then decays from it.
type CosineDecay struct {
	InitialLearningRate float64
	DecaySteps          int
	// Alpha is the final rate as a fraction of the initial one (default 0).
	Alpha float64
	// WarmupTarget is the rate reached after the warmup (nil: no warmup).
	WarmupTarget *float64
	WarmupSteps  int
}

// LearningRate returns the rate at step.
func (c CosineDecay) LearningRate(step int) float64 {
	s, d := float64(step), float64(c.DecaySteps)
	decay := func(s, from float64) float64 {
		return from * ((1-c.Alpha)*0.5*(1+math.Cos(math.Pi*s/d)) + c.Alpha)
	}
	if c.WarmupTarget == nil {
		return decay(math.Min(s, d), c.InitialLearningRate)
	}
	w := float64(c.WarmupSteps)
	s = math.Min(s, d+w)
	if s < w {
		return (*c.WarmupTarget-c.InitialLearningRate)*s/w + c.InitialLearningRate
	}
	return decay(s-w, *c.WarmupTarget)
}

func (c CosineDecay) validate() error {
	if err := checkNonNegative("CosineDecay: InitialLearningRate", c.InitialLearningRate); err != nil {
		return err
	}
	if c.DecaySteps <= 0 {
		return fmt.Errorf("CosineDecay: DecaySteps must be positive, got %d", c.DecaySteps)
	}
	if err := checkRange("CosineDecay: Alpha", c.Alpha, 0, 1, false, false); err != nil {
		return err
	}
	if c.WarmupSteps < 0 {
		return fmt.Errorf("CosineDecay: WarmupSteps must be non-negative, got %d", c.WarmupSteps)
	}
	if c.WarmupTarget != nil {
		return checkNonNegative("CosineDecay: WarmupTarget", *c.WarmupTarget)
	}
	return nil
}

// scheduleRecord is a built-in schedule in a model file.
type scheduleRecord struct {
	Class  string          `json:"class"`
	Config json.RawMessage `json:"config"`
}

// saveSchedule describes the optimizer's schedule, nil without one.
func saveSchedule(cfg optimizerConfig) (*scheduleRecord, error) {
	s := cfg.common().schedule
	if s == nil {
		return nil, nil
	}
	var class string
	switch s.(type) {
	case ExponentialDecay, *ExponentialDecay:
		class = "ExponentialDecay"
	case PiecewiseConstantDecay, *PiecewiseConstantDecay:
		class = "PiecewiseConstantDecay"
	case CosineDecay, *CosineDecay:
		class = "CosineDecay"
	default:
		return nil, fmt.Errorf("the optimizer's schedule %T is not one of nnlib's (ExponentialDecay, PiecewiseConstantDecay, CosineDecay) and cannot be saved", s)
	}
	data, err := json.Marshal(s)
	if err != nil {
		return nil, err
	}
	return &scheduleRecord{Class: class, Config: data}, nil
}

// loadSchedule rebuilds a saved schedule.
func loadSchedule(r *scheduleRecord) (LearningRateSchedule, error) {
	var s LearningRateSchedule
	var err error
	switch r.Class {
	case "ExponentialDecay":
		var e ExponentialDecay
		err = json.Unmarshal(r.Config, &e)
		if err == nil {
			err, s = e.validate(), e
		}
	case "PiecewiseConstantDecay":
		var p PiecewiseConstantDecay
		err = json.Unmarshal(r.Config, &p)
		if err == nil {
			err, s = p.validate(), p
		}
	case "CosineDecay":
		var c CosineDecay
		err = json.Unmarshal(r.Config, &c)
		if err == nil {
			err, s = c.validate(), c
		}
	default:
		return nil, fmt.Errorf("unknown learning-rate schedule class %q", r.Class)
	}
	if err != nil {
		return nil, fmt.Errorf("bad %s schedule: %w", r.Class, err)
	}
	return s, nil
}
