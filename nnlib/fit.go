package nnlib

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/gokernel/gokernel/cell"
)

// FitOptions configures training, like the arguments of Keras's model.fit.
// A field left out takes Keras's default where zero is not a valid value
// (BatchSize), and means zero where it is: Epochs 0 trains nothing and
// Verbose 0 is silent, as epochs=0 and verbose=0 in Keras. Keras's own
// defaults for those two are 1 epoch and verbose 1; give Epochs always,
// and Verbose 1 for Keras's progress bar.
type FitOptions struct {
	// Epochs is the number of epochs to train; 0 trains nothing.
	Epochs int
	// BatchSize is the number of rows per optimizer step (default 32).
	BatchSize int
	// Verbose is 0 (silent, nnlib's default), 1 (a progress bar per epoch)
	// or 2 (one line per epoch), printed in Keras 3's format.
	Verbose int
	// NoShuffle keeps the row order; by default rows are shuffled every
	// epoch, as Keras's shuffle=True.
	NoShuffle bool
	// ValidationSplit in [0, 1) holds out that fraction of the rows, taken
	// from the end before shuffling, and reports val_ values on them.
	ValidationSplit float64
	// ValidationX and ValidationY are validation data (Keras's
	// validation_data); they take precedence over ValidationSplit.
	ValidationX, ValidationY any
	// SampleWeight weighs each row's loss (Keras's sample_weight): the
	// batch loss is Σ wᵢ·lossᵢ / rows, as Keras's "sum_over_batch_size";
	// metrics stay unweighted, as Keras's metrics (not weighted_metrics).
	// A ValidationSplit splits the weights too.
	SampleWeight []float64
	// ClassWeight weighs the loss of each row by its class (Keras's
	// class_weight): the class is the label, or the argmax of a one-hot
	// row; a class not in the map weighs 1. Training data only; not with
	// SampleWeight.
	ClassWeight map[int]float64
	// InitialEpoch is the epoch to start at (for resuming training); from
	// InitialEpoch >= Epochs nothing is trained.
	InitialEpoch int
	// Callbacks are called after each batch and epoch.
	Callbacks []Callback
	// Context stops training between batches when cancelled; default
	// cell.Context(), so that a notebook interrupt stops training.
	Context context.Context
	// Output receives the epoch lines; default cell.Stdout(), the running
	// notebook cell's output (os.Stdout outside a notebook).
	Output io.Writer
}

// Fit trains the model on x and y, like model.fit, and returns the
// History of the logged values. x and y are [][]float64 (one slice per
// row), []float64 (one value per row) or gonum matrices.
//
// When training stops early (a callback returned ErrStopTraining) the
// history so far is returned with a nil error; when the context is
// cancelled, with an error saying where training stopped.
func (m *Sequential) Fit(x, y any, opts FitOptions) (*History, error) {
	if m == nil {
		return nil, errNilModel("Fit")
	}
	tr, err := m.prepareFit(x, y, &opts)
	if err != nil {
		return nil, fmt.Errorf("nnlib: Fit: %w", err)
	}
	return m.runFit(tr, opts)
}

// fitData is the checked input of a Fit call; w and vw are the row
// weights, nil when unweighted.
type fitData struct {
	x, y       matrix
	vx, vy     matrix
	w, vw      []float64
	validation bool
}

func (m *Sequential) prepareFit(x, y any, o *FitOptions) (*fitData, error) {
	if !m.compiled {
		return nil, errors.New("the model is not compiled; call Compile first, e.g. model.Compile(nnlib.CompileOptions{Loss: \"mse\", Optimizer: \"adam\"})")
	}
	if o.Epochs < 0 {
		return nil, fmt.Errorf("Epochs must be non-negative, got %d", o.Epochs)
	}
	if o.BatchSize == 0 {
		o.BatchSize = 32
	}
	if o.BatchSize < 0 {
		return nil, fmt.Errorf("BatchSize must be positive, got %d", o.BatchSize)
	}
	if o.Verbose < 0 || o.Verbose > 2 {
		return nil, fmt.Errorf("Verbose must be 0, 1 or 2, got %d", o.Verbose)
	}
	if o.InitialEpoch < 0 {
		return nil, fmt.Errorf("InitialEpoch must be non-negative, got %d", o.InitialEpoch)
	}
	if err := checkRange("ValidationSplit", o.ValidationSplit, 0, 1, false, true); err != nil {
		return nil, err
	}
	for i, cb := range o.Callbacks {
		if cb == nil || isNilPointer(cb) {
			return nil, fmt.Errorf("Callbacks[%d] is nil", i)
		}
	}
	if o.Context == nil {
		o.Context = cell.Context()
	}
	if o.Output == nil {
		o.Output = cell.Stdout()
	}
	xm, err := toMatrix(x, "x")
	if err != nil {
		return nil, err
	}
	ym, err := toMatrix(y, "y")
	if err != nil {
		return nil, err
	}
	if err := m.ensureBuilt(xm.cols); err != nil {
		return nil, err
	}
	if err := m.checkInput(xm, "x"); err != nil {
		return nil, err
	}
	if m.opt == nil {
		m.opt = m.optCfg.newState(m.params)
	}
	if err := m.checkTargets(xm, ym, "training data"); err != nil {
		return nil, err
	}
	d := &fitData{x: xm, y: ym}
	if d.w, err = rowWeights(o.SampleWeight, o.ClassWeight, ym); err != nil {
		return nil, err
	}
	switch {
	case o.ValidationX != nil || o.ValidationY != nil:
		if d.vx, err = toMatrix(o.ValidationX, "validation x"); err != nil {
			return nil, err
		}
		if d.vy, err = toMatrix(o.ValidationY, "validation y"); err != nil {
			return nil, err
		}
		if d.vx.cols != xm.cols {
			return nil, fmt.Errorf("layer %q expects input of shape (None, %d), got validation x of shape (None, %d)", m.layers[0].Name(), xm.cols, d.vx.cols)
		}
		if err := m.checkTargets(d.vx, d.vy, "validation data"); err != nil {
			return nil, err
		}
		if err := m.checkInput(d.vx, "validation x"); err != nil {
			return nil, err
		}
		d.validation = true
	case o.ValidationSplit > 0:
		split := int(float64(xm.rows) * (1 - o.ValidationSplit))
		if split <= 0 || split >= xm.rows {
			return nil, fmt.Errorf("validation split %g of %d rows leaves no training or no validation rows", o.ValidationSplit, xm.rows)
		}
		d.vx = matrix{rows: xm.rows - split, cols: xm.cols, data: xm.data[split*xm.cols:]}
		d.vy = matrix{rows: ym.rows - split, cols: ym.cols, data: ym.data[split*ym.cols:]}
		d.x = matrix{rows: split, cols: xm.cols, data: xm.data[:split*xm.cols]}
		d.y = matrix{rows: split, cols: ym.cols, data: ym.data[:split*ym.cols]}
		if d.w != nil {
			d.w, d.vw = d.w[:split], d.w[split:]
		}
		d.validation = true
	}
	return d, nil
}

// logKeys returns the keys of the epoch logs in Keras's print order.
func (m *Sequential) logKeys(validation bool) []string {
	keys := []string{"loss"}
	for _, mt := range m.metrics {
		keys = append(keys, mt.key)
	}
	if validation {
		for _, k := range keys[:len(m.metrics)+1] {
			keys = append(keys, "val_"+k)
		}
	}
	sortLogKeys(keys)
	return keys
}

func (m *Sequential) runFit(d *fitData, o FitOptions) (*History, error) {
	n := d.x.rows
	batch := min(o.BatchSize, n)
	steps := (n + batch - 1) / batch
	epochs := max(o.Epochs-o.InitialEpoch, 0)
	keys := m.logKeys(d.validation)
	hist := &History{Epoch: make([]int, 0, epochs), History: make(map[string][]float64, len(keys))}
	for _, k := range keys {
		hist.History[k] = make([]float64, 0, epochs)
	}
	if m.logs == nil {
		m.logs = make(map[string]float64, len(keys))
	}
	clear(m.logs)
	totals := make([]float64, len(m.metrics)+1) // loss, then metrics
	valSums := make([]float64, len(m.metrics)+1)
	m.perm = growInts(m.perm, n)
	for i := range m.perm {
		m.perm[i] = i
	}
	m.xb = grow(m.xb, batch*d.x.cols)
	m.yb = grow(m.yb, batch*d.y.cols)
	if d.w != nil {
		m.wb = grow(m.wb, batch)
	}
	prog := newProgress(o.Output, o.Verbose, steps, keys)
	for _, cb := range o.Callbacks {
		if ob, ok := cb.(trainObserver); ok {
			if err := ob.onTrainBegin(m, o.Output); err != nil {
				return hist, err
			}
		}
	}
	stop, err := false, error(nil)
	for epoch := o.InitialEpoch; epoch < o.Epochs && !stop; epoch++ {
		if o.Verbose > 0 && o.Epochs > 1 {
			prog.epochHeader(epoch+1, o.Epochs)
		}
		for _, cb := range o.Callbacks {
			if eb, ok := cb.(epochBeginner); ok {
				if err = eb.onEpochBegin(epoch); err != nil {
					stop = true
				}
			}
		}
		if stop {
			break
		}
		prog.start()
		if !o.NoShuffle {
			m.rng.Shuffle(n, func(i, j int) { m.perm[i], m.perm[j] = m.perm[j], m.perm[i] })
		}
		clear(totals)
		if d.validation {
			m.clearValidationLogs()
		}
		seen := 0
		for b := 0; b < steps; b++ {
			if err = o.Context.Err(); err != nil {
				err = fmt.Errorf("nnlib: Fit: training interrupted before epoch %d/%d, batch %d/%d: %w", epoch+1, o.Epochs, b+1, steps, err)
				stop = true
				break
			}
			start := b * batch
			rows := min(batch, n-start)
			xb, yb, wb := m.batchRows(d, start, rows, o.NoShuffle)
			loss := m.trainStep(xb, yb, wb, rows, d.y.cols)
			seen += rows
			totals[0] += loss * float64(rows)
			for i, v := range m.batchMetrics {
				totals[i+1] += v
			}
			m.fillLogs(totals, seen, false)
			prog.batch(b+1, m.logs)
			if err = m.callBatchEnd(o.Callbacks, b); err != nil {
				stop = true
				break
			}
		}
		if stop {
			break
		}
		m.fillLogs(totals, seen, false)
		if d.validation {
			m.evaluateData(d.vx, d.vy, d.vw, batch, valSums)
			m.fillLogs(valSums, 1, true)
		}
		hist.Epoch = append(hist.Epoch, epoch)
		for _, k := range keys {
			hist.History[k] = append(hist.History[k], m.logs[k])
		}
		prog.epochEnd(steps, m.logs)
		if err = m.callEpochEnd(o.Callbacks, epoch); err != nil {
			stop = true
		}
		if lr, ok := m.logs["learning_rate"]; ok {
			// set by ReduceLROnPlateau or LearningRateScheduler, as in Keras
			// after the epoch line was printed
			hist.History["learning_rate"] = append(hist.History["learning_rate"], lr)
		}
	}
	for _, cb := range o.Callbacks {
		if ob, ok := cb.(trainObserver); ok {
			if e := ob.onTrainEnd(m); e != nil && (err == nil || errors.Is(err, ErrStopTraining)) {
				err = e
			}
		}
	}
	if errors.Is(err, ErrStopTraining) {
		err = nil
	}
	return hist, err
}

// batchRows returns the rows (and row weights, nil when unweighted) of the
// batch starting at start: views when the order is kept, gathered copies
// otherwise.
func (m *Sequential) batchRows(d *fitData, start, rows int, inOrder bool) (xb, yb, wb []float64) {
	xc, yc := d.x.cols, d.y.cols
	if inOrder {
		if d.w != nil {
			wb = d.w[start : start+rows]
		}
		return d.x.data[start*xc : (start+rows)*xc], d.y.data[start*yc : (start+rows)*yc], wb
	}
	xb, yb = m.xb[:rows*xc], m.yb[:rows*yc]
	if d.w != nil {
		wb = m.wb[:rows]
	}
	for i, r := range m.perm[start : start+rows] {
		copy(xb[i*xc:(i+1)*xc], d.x.data[r*xc:(r+1)*xc])
		copy(yb[i*yc:(i+1)*yc], d.y.data[r*yc:(r+1)*yc])
		if wb != nil {
			wb[i] = d.w[r]
		}
	}
	return xb, yb, wb
}

// fillLogs writes sums/count under the training keys (or the val_ keys).
func (m *Sequential) fillLogs(sums []float64, count int, validation bool) {
	c := float64(count)
	if validation {
		m.logs["val_loss"] = sums[0] / c
		for i, mt := range m.metrics {
			m.logs[mt.valKey] = sums[i+1] / c
		}
		return
	}
	m.logs["loss"] = sums[0] / c
	for i, mt := range m.metrics {
		m.logs[mt.key] = sums[i+1] / c
	}
}

// clearValidationLogs removes last epoch's val_ values, so that batch logs
// carry only the running training values.
func (m *Sequential) clearValidationLogs() {
	delete(m.logs, "val_loss")
	for _, mt := range m.metrics {
		delete(m.logs, mt.valKey)
	}
}

// callBatchEnd calls every callback's OnBatchEnd. As in Keras, a request
// to stop (ErrStopTraining) still lets the other callbacks see the batch;
// any other error ends at once.
func (m *Sequential) callBatchEnd(cbs []Callback, b int) error {
	var stop error
	for _, cb := range cbs {
		if err := cb.OnBatchEnd(b, m.logs); err != nil {
			if !errors.Is(err, ErrStopTraining) {
				return err
			}
			stop = err
		}
	}
	return stop
}

// callEpochEnd is callBatchEnd for OnEpochEnd.
func (m *Sequential) callEpochEnd(cbs []Callback, epoch int) error {
	var stop error
	for _, cb := range cbs {
		if err := cb.OnEpochEnd(epoch, m.logs); err != nil {
			if !errors.Is(err, ErrStopTraining) {
				return err
			}
			stop = err
		}
	}
	return stop
}

func growInts(buf []int, n int) []int {
	if cap(buf) >= n {
		return buf[:n]
	}
	return make([]int, n)
}
