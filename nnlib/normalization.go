package nnlib

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// NormalizationLayer normalizes over the last axis: BatchNormalization
// (each channel over the batch and the other axes) and LayerNormalization
// (each sample's last axis), with a learned scale gamma and offset beta.
type NormalizationLayer struct {
	layerBase
	batch    bool // BatchNormalization, else LayerNormalization
	momentum float64
	epsilon  float64
	channels int

	gamma, beta             param
	movingMean, movingVar   param // BatchNormalization only, not trainable
	xhat, invStd, mean, sum []float64
	dxhat                   []float64
}

// Momentum sets BatchNormalization's momentum for the moving statistics
// (Keras default 0.99): moving = moving·momentum + batch·(1-momentum).
func Momentum(m float64) LayerOption {
	return optionFunc{optMomentum, func(s *layerSettings) {
		if !(m >= 0 && m <= 1) {
			s.setErr(fmt.Errorf("momentum must be in [0, 1], got %g", m))
			return
		}
		s.momentum = &m
	}}
}

// Epsilon sets the small value a normalization layer adds to the variance
// (Keras default 1e-3).
func Epsilon(eps float64) LayerOption {
	return optionFunc{optEpsilon, func(s *layerSettings) {
		if !(eps > 0) || math.IsInf(eps, 0) {
			s.setErr(fmt.Errorf("epsilon must be positive and finite, got %g", eps))
			return
		}
		s.epsilon = &eps
	}}
}

// BatchNormalization returns a layer that normalizes each channel (the
// last axis) like keras.layers.BatchNormalization: in training with the
// batch's mean and variance, updating moving averages (momentum 0.99); in
// inference (Predict, Evaluate, validation) with the moving averages.
// gamma starts at 1, beta at 0, the moving mean at 0 and the moving
// variance at 1; epsilon is 1e-3. Options: Momentum, Epsilon, Name,
// InputShape. The moving statistics are non-trainable weights: saved, and
// counted as such in Summary.
func BatchNormalization(opts ...LayerOption) *NormalizationLayer {
	return newNormalization(true, opts)
}

// LayerNormalization returns a layer that normalizes each sample over its
// last axis, like keras.layers.LayerNormalization (epsilon 1e-3, gamma
// 1, beta 0), the same in training and inference. Options: Epsilon, Name,
// InputShape.
func LayerNormalization(opts ...LayerOption) *NormalizationLayer {
	return newNormalization(false, opts)
}

func newNormalization(batch bool, opts []LayerOption) *NormalizationLayer {
	s := newSettings()
	allowed, class := optName|optInputShape|optEpsilon, "LayerNormalization"
	if batch {
		allowed, class = allowed|optMomentum, "BatchNormalization"
	}
	s.apply(class, allowed, opts)
	n := &NormalizationLayer{batch: batch, momentum: 0.99, epsilon: 1e-3}
	n.adopt(s)
	if s.momentum != nil {
		n.momentum = *s.momentum
	}
	if s.epsilon != nil {
		n.epsilon = *s.epsilon
	}
	return n
}

// ClassName returns "BatchNormalization" or "LayerNormalization".
func (n *NormalizationLayer) ClassName() string {
	if n.batch {
		return "BatchNormalization"
	}
	return "LayerNormalization"
}

// MomentumValue returns BatchNormalization's momentum.
func (n *NormalizationLayer) MomentumValue() float64 { return n.momentum }

// EpsilonValue returns the epsilon added to the variance.
func (n *NormalizationLayer) EpsilonValue() float64 { return n.epsilon }

// ParamCount returns 2·channels (4·channels for BatchNormalization, of
// which half are not trainable), 0 before the model is built.
func (n *NormalizationLayer) ParamCount() int {
	if n.batch {
		return 4 * n.channels
	}
	return 2 * n.channels
}

func newParam(name string, size int, v float64, frozen bool) param {
	p := param{name: name, rows: 1, cols: size, value: make([]float64, size), frozen: frozen}
	if !frozen {
		p.grad = make([]float64, size)
	}
	fillConst(p.value, v)
	return p
}

func (n *NormalizationLayer) build(in []int, rng *rand.Rand) error {
	n.channels = in[len(in)-1]
	n.gamma = newParam("gamma", n.channels, 1, false)
	n.beta = newParam("beta", n.channels, 0, false)
	if n.batch {
		n.movingMean = newParam("moving_mean", n.channels, 0, true)
		n.movingVar = newParam("moving_variance", n.channels, 1, true)
	}
	n.setShapes(in, in)
	return nil
}

func (n *NormalizationLayer) reinit(rng *rand.Rand) {
	fillConst(n.gamma.value, 1)
	clear(n.beta.value)
	if n.batch {
		clear(n.movingMean.value)
		fillConst(n.movingVar.value, 1)
	}
}

func (n *NormalizationLayer) params() []*param {
	if n.batch {
		return []*param{&n.gamma, &n.beta, &n.movingMean, &n.movingVar}
	}
	return []*param{&n.gamma, &n.beta}
}

func (n *NormalizationLayer) forward(x []float64, rows int, training bool, rng *rand.Rand) []float64 {
	c := n.channels
	total := rows * n.inSize
	groups := total / c // rows of the last axis
	n.out = grow(n.out, total)
	n.xhat = grow(n.xhat, total)
	if n.batch {
		n.mean = grow(n.mean, c)
		n.invStd = grow(n.invStd, c)
		if training {
			clear(n.mean)
			for g := 0; g < groups; g++ {
				for ch, v := range x[g*c : (g+1)*c] {
					n.mean[ch] += v
				}
			}
			inv := 1 / float64(groups)
			for ch := range n.mean {
				n.mean[ch] *= inv
			}
			n.sum = grow(n.sum, c)
			clear(n.sum)
			for g := 0; g < groups; g++ {
				for ch, v := range x[g*c : (g+1)*c] {
					d := v - n.mean[ch]
					n.sum[ch] += d * d
				}
			}
			for ch := range n.invStd {
				variance := n.sum[ch] * inv
				n.invStd[ch] = 1 / math.Sqrt(variance+n.epsilon)
				n.movingMean.value[ch] = n.movingMean.value[ch]*n.momentum + n.mean[ch]*(1-n.momentum)
				n.movingVar.value[ch] = n.movingVar.value[ch]*n.momentum + variance*(1-n.momentum)
			}
		} else {
			copy(n.mean, n.movingMean.value)
			for ch, v := range n.movingVar.value {
				n.invStd[ch] = 1 / math.Sqrt(v+n.epsilon)
			}
		}
		for g := 0; g < groups; g++ {
			off := g * c
			for ch := 0; ch < c; ch++ {
				h := (x[off+ch] - n.mean[ch]) * n.invStd[ch]
				n.xhat[off+ch] = h
				n.out[off+ch] = h*n.gamma.value[ch] + n.beta.value[ch]
			}
		}
		return n.out
	}
	n.invStd = grow(n.invStd, groups)
	for g := 0; g < groups; g++ {
		xs := x[g*c : (g+1)*c]
		mean := sum(xs) / float64(c)
		variance := 0.0
		for _, v := range xs {
			variance += (v - mean) * (v - mean)
		}
		inv := 1 / math.Sqrt(variance/float64(c)+n.epsilon)
		n.invStd[g] = inv
		for ch, v := range xs {
			h := (v - mean) * inv
			n.xhat[g*c+ch] = h
			n.out[g*c+ch] = h*n.gamma.value[ch] + n.beta.value[ch]
		}
	}
	return n.out
}

// backward assumes the forward pass was in training mode (as in a
// training step).
func (n *NormalizationLayer) backward(x, dy []float64, rows int, needInput bool) []float64 {
	c := n.channels
	total := rows * n.inSize
	groups := total / c
	clear(n.gamma.grad)
	clear(n.beta.grad)
	for g := 0; g < groups; g++ {
		for ch := 0; ch < c; ch++ {
			d := dy[g*c+ch]
			n.gamma.grad[ch] += d * n.xhat[g*c+ch]
			n.beta.grad[ch] += d
		}
	}
	if !needInput {
		return nil
	}
	n.dIn = grow(n.dIn, total)
	if n.batch {
		// dx = invStd/M · (M·dxhat − Σdxhat − xhat·Σ(dxhat·xhat)), per
		// channel over the M = groups values; Σdxhat = gamma·Σdy.
		m := float64(groups)
		for g := 0; g < groups; g++ {
			for ch := 0; ch < c; ch++ {
				i := g*c + ch
				gam := n.gamma.value[ch]
				dxh := dy[i] * gam
				n.dIn[i] = n.invStd[ch] / m * (m*dxh - gam*n.beta.grad[ch] - n.xhat[i]*gam*n.gamma.grad[ch])
			}
		}
		return n.dIn
	}
	n.dxhat = grow(n.dxhat, c)
	fc := float64(c)
	for g := 0; g < groups; g++ {
		s1, s2 := 0.0, 0.0
		for ch := 0; ch < c; ch++ {
			d := dy[g*c+ch] * n.gamma.value[ch]
			n.dxhat[ch] = d
			s1 += d
			s2 += d * n.xhat[g*c+ch]
		}
		for ch := 0; ch < c; ch++ {
			i := g*c + ch
			n.dIn[i] = n.invStd[g] / fc * (fc*n.dxhat[ch] - s1 - n.xhat[i]*s2)
		}
	}
	return n.dIn
}
