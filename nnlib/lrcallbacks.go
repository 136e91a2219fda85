package nnlib

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
)

// epochBeginner is implemented by the library's callbacks that act before
// an epoch (LearningRateScheduler).
type epochBeginner interface {
	onEpochBegin(epoch int) error
}

// ReduceLROnPlateauOptions configures ReduceLROnPlateau, like the arguments
// of keras.callbacks.ReduceLROnPlateau.
type ReduceLROnPlateauOptions struct {
	// Monitor is the logged value to watch (default "val_loss").
	Monitor string
	// Factor multiplies the learning rate at each reduction, in (0, 1)
	// (default 0.1).
	Factor float64
	// Patience is the number of epochs without improvement before a
	// reduction (nil: 10; nnlib.Int(0) reduces after any epoch that does
	// not improve).
	Patience *int
	// Mode is "min", "max" or "auto" (default): "auto" maximises values
	// whose name contains "acc".
	Mode string
	// MinDelta is the smallest change that counts as an improvement
	// (nil: 1e-4).
	MinDelta *float64
	// Cooldown is the number of epochs to wait after a reduction before
	// counting again.
	Cooldown int
	// MinLR is the lower bound of the learning rate.
	MinLR float64
	// Verbose prints a line to Fit's output at each reduction.
	Verbose bool
}

// ReduceLROnPlateauCallback lowers the learning rate when a monitored value
// stops improving. Make one with ReduceLROnPlateau.
type ReduceLROnPlateauCallback struct {
	opts     ReduceLROnPlateauOptions
	patience int
	minDelta float64
	maximize bool
	best     float64
	wait     int
	cooldown int
	warned   bool
	model    *Sequential
	out      io.Writer
}

// ReduceLROnPlateau returns a callback that multiplies the learning rate by
// Factor when the monitored value has not improved for Patience epochs,
// like keras.callbacks.ReduceLROnPlateau. It logs "learning_rate" every
// epoch, so that the History holds the rate.
func ReduceLROnPlateau(opts ReduceLROnPlateauOptions) (*ReduceLROnPlateauCallback, error) {
	if opts.Monitor == "" {
		opts.Monitor = "val_loss"
	}
	if opts.Factor == 0 {
		opts.Factor = 0.1
	}
	c := &ReduceLROnPlateauCallback{opts: opts, patience: intOr(opts.Patience, 10), minDelta: math.Abs(floatOr(opts.MinDelta, 1e-4))}
	if err := checkRange("nnlib: ReduceLROnPlateau: Factor", opts.Factor, 0, 1, true, true); err != nil {
		return nil, err
	}
	if c.patience < 0 || opts.Cooldown < 0 {
		return nil, fmt.Errorf("nnlib: ReduceLROnPlateau: Patience and Cooldown must be non-negative, got %d and %d", c.patience, opts.Cooldown)
	}
	if err := checkNonNegative("nnlib: ReduceLROnPlateau: MinDelta", c.minDelta); err != nil {
		return nil, err
	}
	if err := checkNonNegative("nnlib: ReduceLROnPlateau: MinLR", opts.MinLR); err != nil {
		return nil, err
	}
	var err error
	if c.maximize, err = monitorMode("ReduceLROnPlateau", opts.Mode, opts.Monitor); err != nil {
		return nil, err
	}
	return c, nil
}

// monitorMode tells whether a monitored value is maximised: mode "max",
// or "auto" and a name containing "acc".
func monitorMode(who, mode, monitor string) (bool, error) {
	switch strings.ToLower(mode) {
	case "", "auto":
		return strings.Contains(monitor, "acc"), nil
	case "min":
		return false, nil
	case "max":
		return true, nil
	}
	return false, fmt.Errorf("nnlib: %s: Mode must be \"auto\", \"min\" or \"max\", got %q", who, mode)
}

func (c *ReduceLROnPlateauCallback) onTrainBegin(m *Sequential, out io.Writer) error {
	if m.opt != nil && m.opt.common.schedule != nil {
		return errors.New("nnlib: ReduceLROnPlateau: the optimizer has a Schedule, so its learning rate is not settable")
	}
	c.model, c.out, c.wait, c.cooldown, c.warned = m, out, 0, 0, false
	c.best = math.Inf(1)
	if c.maximize {
		c.best = math.Inf(-1)
	}
	return nil
}

func (c *ReduceLROnPlateauCallback) onTrainEnd(m *Sequential) error { return nil }

// OnEpochEnd logs the learning rate and reduces it after Patience epochs
// without improvement.
func (c *ReduceLROnPlateauCallback) OnEpochEnd(epoch int, logs map[string]float64) error {
	lr := c.model.opt.lr
	logs["learning_rate"] = lr
	v, ok := logs[c.opts.Monitor]
	if !ok {
		if !c.warned {
			c.warned = true
			fmt.Fprintf(c.out, "UserWarning: Learning rate reduction is conditioned on metric `%s` which is not available. Available metrics are: %s\n", c.opts.Monitor, strings.Join(logNames(logs), ","))
		}
		return nil
	}
	inCooldown := c.cooldown > 0
	if inCooldown {
		c.cooldown--
		c.wait = 0
	}
	improved := v < c.best-c.minDelta
	if c.maximize {
		improved = v > c.best+c.minDelta
	}
	switch {
	case improved:
		c.best, c.wait = v, 0
	case !inCooldown:
		c.wait++
		if c.wait >= c.patience && lr > float64(float32(c.opts.MinLR)) {
			newLR := math.Max(lr*c.opts.Factor, c.opts.MinLR)
			c.model.opt.lr = newLR
			if c.opts.Verbose {
				fmt.Fprintf(c.out, "\nEpoch %d: ReduceLROnPlateau reducing learning rate to %s.\n", epoch+1, pythonFloat(newLR))
			}
			c.cooldown, c.wait = c.opts.Cooldown, 0
		}
	}
	return nil
}

// OnBatchEnd does nothing.
func (c *ReduceLROnPlateauCallback) OnBatchEnd(batch int, logs map[string]float64) error { return nil }

// LearningRateSchedulerCallback sets the learning rate before every epoch
// from a function. Make one with LearningRateScheduler.
type LearningRateSchedulerCallback struct {
	schedule func(epoch int, lr float64) float64
	verbose  bool
	model    *Sequential
	out      io.Writer
}

// LearningRateScheduler returns a callback that sets the learning rate at
// the start of every epoch to schedule(epoch, current rate), epoch 0-based,
// like keras.callbacks.LearningRateScheduler; verbose prints the new rate.
// It logs "learning_rate" every epoch, so that the History holds the rate.
func LearningRateScheduler(schedule func(epoch int, lr float64) float64, verbose bool) (*LearningRateSchedulerCallback, error) {
	if schedule == nil {
		return nil, errors.New("nnlib: LearningRateScheduler: nil schedule function")
	}
	return &LearningRateSchedulerCallback{schedule: schedule, verbose: verbose}, nil
}

func (c *LearningRateSchedulerCallback) onTrainBegin(m *Sequential, out io.Writer) error {
	if m.opt != nil && m.opt.common.schedule != nil {
		return errors.New("nnlib: LearningRateScheduler: the optimizer has a Schedule, so its learning rate is not settable")
	}
	c.model, c.out = m, out
	return nil
}

func (c *LearningRateSchedulerCallback) onTrainEnd(m *Sequential) error { return nil }

func (c *LearningRateSchedulerCallback) onEpochBegin(epoch int) error {
	lr := c.schedule(epoch, c.model.opt.lr)
	if err := checkPositive("the learning rate", lr); err != nil {
		return fmt.Errorf("nnlib: LearningRateScheduler: the schedule returned %g at epoch %d: %w", lr, epoch, err)
	}
	c.model.opt.lr = lr
	if c.verbose {
		fmt.Fprintf(c.out, "\nEpoch %d: LearningRateScheduler setting learning rate to %s.\n", epoch+1, pythonFloat(lr))
	}
	return nil
}

// OnEpochEnd logs the learning rate.
func (c *LearningRateSchedulerCallback) OnEpochEnd(epoch int, logs map[string]float64) error {
	logs["learning_rate"] = c.model.opt.lr
	return nil
}

// OnBatchEnd does nothing.
func (c *LearningRateSchedulerCallback) OnBatchEnd(batch int, logs map[string]float64) error {
	return nil
}
