package nnlib

import "math"

// forwardPass runs the layers on rows of x and returns the output; the
// inputs of each layer are kept for the backward pass.
func (m *Sequential) forwardPass(x []float64, rows int, training bool) []float64 {
	if cap(m.inputs) < len(m.layers) {
		m.inputs = make([][]float64, len(m.layers))
	}
	m.inputs = m.inputs[:len(m.layers)]
	a := x
	for i, l := range m.layers {
		m.inputs[i] = a
		a = l.forward(a, rows, training, m.rng)
	}
	return a
}

// regularizationLoss is the sum of the weight penalties.
func (m *Sequential) regularizationLoss() float64 {
	s := 0.0
	for _, p := range m.params {
		if p.reg.active() {
			s += p.reg.loss(p.value)
		}
	}
	return s
}

// trainStep runs one optimizer step on a batch and returns the batch's
// mean loss (before the update, regularization included); the batch's
// metric sums go to m.batchMetrics.
func (m *Sequential) trainStep(x, y, w []float64, rows, yCols int) float64 {
	loss := m.backprop(x, y, w, rows, yCols)
	m.opt.step(m.params)
	m.roundWeights()
	return loss
}

// backprop runs the forward pass in training mode and the backward pass,
// leaving every parameter's gradient in its grad, and returns the loss.
// w weighs each row's loss (nil: unweighted).
func (m *Sequential) backprop(x, y, w []float64, rows, yCols int) float64 {
	out := m.forwardPass(x, rows, true)
	cols := m.OutputDim()
	n := rows * cols
	loss := weightedLossSum(m.loss, y, out[:n], w, yCols, cols)/float64(rows) + m.regularizationLoss()
	m.scoreMetrics(y, out[:n], yCols, cols)
	m.dOut = grow(m.dOut, n)
	lossGrad(m.loss, y, out[:n], m.dOut, yCols, cols)
	for r, wr := range w {
		scaleInPlace(m.dOut[r*cols:(r+1)*cols], wr)
	}
	dy := m.dOut
	for i := len(m.layers) - 1; i >= 0; i-- {
		dy = m.layers[i].backward(m.inputs[i], dy, rows, i > 0)
	}
	return loss
}

// scoreMetrics writes each metric's sum over the batch to m.batchMetrics.
func (m *Sequential) scoreMetrics(y, out []float64, yCols, cols int) {
	if cap(m.batchMetrics) < len(m.metrics) {
		m.batchMetrics = make([]float64, len(m.metrics))
	}
	m.batchMetrics = m.batchMetrics[:len(m.metrics)]
	for i, mt := range m.metrics {
		m.batchMetrics[i] = metricSum(mt.kind, y, out, yCols, cols)
	}
}

// evaluateData computes the mean loss and metrics over data in batches, in
// inference mode, into sums (loss first, then metrics); w weighs the rows'
// losses (nil: unweighted).
func (m *Sequential) evaluateData(x, y matrix, w []float64, batch int, sums []float64) {
	clear(sums)
	cols := m.OutputDim()
	for start := 0; start < x.rows; start += batch {
		rows := min(batch, x.rows-start)
		xb := x.data[start*x.cols : (start+rows)*x.cols]
		yb := y.data[start*y.cols : (start+rows)*y.cols]
		out := m.forwardPass(xb, rows, false)[:rows*cols]
		var wb []float64
		if w != nil {
			wb = w[start : start+rows]
		}
		sums[0] += weightedLossSum(m.loss, yb, out, wb, y.cols, cols) + m.regularizationLoss()*float64(rows)
		m.scoreMetrics(yb, out, y.cols, cols)
		for i, v := range m.batchMetrics {
			sums[i+1] += v
		}
	}
	for i := range sums {
		sums[i] /= float64(x.rows)
	}
}

// isFinite reports whether v is neither NaN nor infinite.
func isFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
