package nnlib

import (
	"math/rand/v2"
)

// DropoutLayer randomly zeroes a fraction of its inputs during training
// and scales the rest by 1/(1-rate), like keras.layers.Dropout; at
// inference it passes its input through.
type DropoutLayer struct {
	layerBase
	rate float64
	mask []float64
}

// Dropout returns a dropout layer with the given rate in [0, 1).
func Dropout(rate float64) *DropoutLayer {
	d := &DropoutLayer{rate: rate}
	d.float32 = floatX32.Load()
	if err := checkRange("dropout rate", rate, 0, 1, false, true); err != nil {
		d.cfgErr = err
	}
	return d
}

// ClassName returns "Dropout".
func (d *DropoutLayer) ClassName() string { return "Dropout" }

// Rate returns the dropout rate.
func (d *DropoutLayer) Rate() float64 { return d.rate }

// ParamCount returns 0: dropout has no weights.
func (d *DropoutLayer) ParamCount() int { return 0 }

func (d *DropoutLayer) build(in []int, rng *rand.Rand) error {
	d.setShapes(in, in)
	return nil
}

func (d *DropoutLayer) params() []*param { return nil }

func (d *DropoutLayer) forward(x []float64, rows int, training bool, rng *rand.Rand) []float64 {
	n := rows * d.outSize
	d.out = grow(d.out, n)
	d.mask = grow(d.mask, n)
	if !training || d.rate == 0 {
		copy(d.out, x[:n])
		fillConst(d.mask, 1)
		return d.out
	}
	scale := 1 / (1 - d.rate)
	for i := range d.out {
		if rng.Float64() < d.rate {
			d.mask[i] = 0
		} else {
			d.mask[i] = scale
		}
		d.out[i] = x[i] * d.mask[i]
	}
	return d.out
}

func (d *DropoutLayer) backward(x, dy []float64, rows int, needInput bool) []float64 {
	n := rows * d.outSize
	d.dIn = grow(d.dIn, n)
	for i := range d.dIn {
		d.dIn[i] = dy[i] * d.mask[i]
	}
	return d.dIn
}
