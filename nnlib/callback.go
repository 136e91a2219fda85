package nnlib

import (
	"errors"
	"io"
)

// ErrStopTraining is returned by a callback to end training cleanly after
// the current batch or epoch, like setting model.stop_training = True in
// Keras. Fit then returns the History so far and a nil error.
var ErrStopTraining = errors.New("nnlib: stop training")

// Callback observes training. Fit calls OnBatchEnd after every optimizer
// step and OnEpochEnd after every epoch (after validation), in that order,
// for each callback in FitOptions.Callbacks.
//
// epoch and batch are 0-based, as in Keras's on_epoch_end / on_train_batch_end.
// logs maps Keras's key names ("loss", "binary_accuracy", "val_loss", ...)
// to values: for OnBatchEnd the running means of the epoch so far, for
// OnEpochEnd the epoch's final values. Fit reuses the map between calls:
// copy what you keep.
//
// Returning ErrStopTraining stops training without an error; any other
// error stops it and Fit returns that error.
//
// Interpreted code (a notebook cell) can implement Callback with its own
// type, or use CallbackFuncs.
type Callback interface {
	OnEpochEnd(epoch int, logs map[string]float64) error
	OnBatchEnd(batch int, logs map[string]float64) error
}

// CallbackFuncs adapts plain functions to a Callback; a nil function is
// skipped. Example:
//
//	cb := nnlib.CallbackFuncs{EpochEnd: func(epoch int, logs map[string]float64) error {
//		fmt.Println(epoch, logs["loss"])
//		return nil
//	}}
type CallbackFuncs struct {
	// EpochEnd is called after every epoch.
	EpochEnd func(epoch int, logs map[string]float64) error
	// BatchEnd is called after every optimizer step.
	BatchEnd func(batch int, logs map[string]float64) error
}

// OnEpochEnd calls f.EpochEnd when it is set.
func (f CallbackFuncs) OnEpochEnd(epoch int, logs map[string]float64) error {
	if f.EpochEnd == nil {
		return nil
	}
	return f.EpochEnd(epoch, logs)
}

// OnBatchEnd calls f.BatchEnd when it is set.
func (f CallbackFuncs) OnBatchEnd(batch int, logs map[string]float64) error {
	if f.BatchEnd == nil {
		return nil
	}
	return f.BatchEnd(batch, logs)
}

// trainObserver is implemented by the library's own callbacks that need the
// model around training (EarlyStopping restores weights at the end).
type trainObserver interface {
	onTrainBegin(m *Sequential, out io.Writer) error
	onTrainEnd(m *Sequential) error
}
