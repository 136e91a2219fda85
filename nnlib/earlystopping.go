package nnlib

import (
	"fmt"
	"io"
	"math"
	"strings"
)

// EarlyStoppingOptions configures EarlyStopping, like the arguments of
// keras.callbacks.EarlyStopping.
type EarlyStoppingOptions struct {
	// Monitor is the logged value to watch (default "val_loss").
	Monitor string
	// MinDelta is the smallest change that counts as an improvement.
	MinDelta float64
	// Patience is the number of epochs without improvement before stopping.
	Patience int
	// Mode is "min", "max" or "auto" (default): "auto" maximises values
	// whose name contains "acc" and minimises the rest.
	Mode string
	// RestoreBestWeights puts back the weights of the best epoch at the end.
	RestoreBestWeights bool
	// StartFromEpoch is the number of epochs to wait before monitoring.
	StartFromEpoch int
	// Verbose prints a line to Fit's output when training stops early.
	Verbose bool
}

// EarlyStoppingCallback stops training when a monitored value stops
// improving. Make one with EarlyStopping.
type EarlyStoppingCallback struct {
	opts        EarlyStoppingOptions
	maximize    bool
	wait        int
	best        float64
	bestWeights [][]float64
	model       *Sequential
	out         io.Writer
	warned      bool
	// StoppedEpoch is the 0-based epoch training stopped at (0 if it ran out).
	StoppedEpoch int
	// BestEpoch is the 0-based epoch with the best monitored value.
	BestEpoch int
}

// EarlyStopping returns a callback that stops training when the monitored
// value has not improved for Patience epochs, like Keras's EarlyStopping.
func EarlyStopping(opts EarlyStoppingOptions) (*EarlyStoppingCallback, error) {
	if opts.Monitor == "" {
		opts.Monitor = "val_loss"
	}
	if opts.Patience < 0 {
		return nil, fmt.Errorf("nnlib: EarlyStopping: Patience must be non-negative, got %d", opts.Patience)
	}
	if opts.StartFromEpoch < 0 {
		return nil, fmt.Errorf("nnlib: EarlyStopping: StartFromEpoch must be non-negative, got %d", opts.StartFromEpoch)
	}
	if math.IsNaN(opts.MinDelta) || math.IsInf(opts.MinDelta, 0) {
		return nil, fmt.Errorf("nnlib: EarlyStopping: MinDelta must be finite, got %g", opts.MinDelta)
	}
	e := &EarlyStoppingCallback{opts: opts}
	switch strings.ToLower(opts.Mode) {
	case "", "auto":
		e.maximize = strings.Contains(opts.Monitor, "acc")
	case "min":
	case "max":
		e.maximize = true
	default:
		return nil, fmt.Errorf("nnlib: EarlyStopping: mode must be \"auto\", \"min\" or \"max\", got %q", opts.Mode)
	}
	e.opts.MinDelta = math.Abs(opts.MinDelta)
	return e, nil
}

func (e *EarlyStoppingCallback) onTrainBegin(m *Sequential, out io.Writer) error {
	e.out = out
	e.model, e.wait, e.StoppedEpoch, e.BestEpoch, e.bestWeights, e.warned = m, 0, 0, 0, nil, false
	e.best = math.Inf(1)
	if e.maximize {
		e.best = math.Inf(-1)
	}
	return nil
}

func (e *EarlyStoppingCallback) improved(v float64) bool {
	if e.maximize {
		return v-e.opts.MinDelta > e.best
	}
	return v+e.opts.MinDelta < e.best
}

// OnEpochEnd checks the monitored value.
func (e *EarlyStoppingCallback) OnEpochEnd(epoch int, logs map[string]float64) error {
	v, ok := logs[e.opts.Monitor]
	if !ok {
		// Keras 3 warns (once, as Python shows a warning) and trains on.
		if !e.warned {
			e.warned = true
			fmt.Fprintf(e.out, "UserWarning: Early stopping conditioned on metric `%s` which is not available. Available metrics are: %s\n", e.opts.Monitor, strings.Join(logNames(logs), ","))
		}
		return nil
	}
	if epoch < e.opts.StartFromEpoch {
		return nil
	}
	if e.opts.RestoreBestWeights && e.bestWeights == nil {
		e.bestWeights = e.model.GetWeights()
	}
	e.wait++
	if e.improved(v) {
		e.best, e.BestEpoch = v, epoch
		if e.opts.RestoreBestWeights {
			e.bestWeights = e.model.GetWeights()
		}
		e.wait = 0
		return nil
	}
	if e.wait >= e.opts.Patience && epoch > 0 {
		e.StoppedEpoch = epoch
		return ErrStopTraining
	}
	return nil
}

// OnBatchEnd does nothing.
func (e *EarlyStoppingCallback) OnBatchEnd(batch int, logs map[string]float64) error { return nil }

func (e *EarlyStoppingCallback) onTrainEnd(m *Sequential) error {
	if e.StoppedEpoch > 0 && e.opts.Verbose {
		fmt.Fprintf(e.out, "Epoch %d: early stopping\n", e.StoppedEpoch+1)
	}
	if e.opts.RestoreBestWeights && e.bestWeights != nil {
		if e.opts.Verbose {
			fmt.Fprintf(e.out, "Restoring model weights from the end of the best epoch: %d.\n", e.BestEpoch+1)
		}
		return m.SetWeights(e.bestWeights)
	}
	return nil
}

// TerminateOnNaNCallback stops training when the loss becomes NaN or
// infinite. Make one with TerminateOnNaN.
type TerminateOnNaNCallback struct {
	// StoppedBatch is the 0-based batch of the epoch where the loss went
	// bad, or -1.
	StoppedBatch int
}

// TerminateOnNaN returns a callback that stops training as soon as the
// loss is NaN or infinite, like keras.callbacks.TerminateOnNaN.
func TerminateOnNaN() *TerminateOnNaNCallback { return &TerminateOnNaNCallback{StoppedBatch: -1} }

// OnBatchEnd stops training when the running loss is not finite.
func (c *TerminateOnNaNCallback) OnBatchEnd(batch int, logs map[string]float64) error {
	if !isFinite(logs["loss"]) {
		c.StoppedBatch = batch
		return ErrStopTraining
	}
	return nil
}

// OnEpochEnd does nothing.
func (c *TerminateOnNaNCallback) OnEpochEnd(epoch int, logs map[string]float64) error { return nil }
