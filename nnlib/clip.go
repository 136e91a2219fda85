package nnlib

import "math"

// clipGradients clips the gradients in place as Keras 3's optimizers do
// before an update: by each tensor's L2 norm (clipnorm), by the norm of
// all of them together (global_clipnorm), or value by value (clipvalue).
func clipGradients(params []*param, c commonOptions) {
	switch {
	case c.clipNorm > 0:
		for _, p := range params {
			if n := l2Norm(p.grad); n > c.clipNorm {
				scaleInPlace(p.grad, c.clipNorm/n)
			}
		}
	case c.globalClipNorm > 0:
		s := 0.0
		for _, p := range params {
			n := l2Norm(p.grad)
			s += n * n
		}
		if n := math.Sqrt(s); n > c.globalClipNorm {
			for _, p := range params {
				scaleInPlace(p.grad, c.globalClipNorm/n)
			}
		}
	case c.clipValue > 0:
		for _, p := range params {
			for i, g := range p.grad {
				p.grad[i] = math.Max(-c.clipValue, math.Min(c.clipValue, g))
			}
		}
	}
}

func l2Norm(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x * x
	}
	return math.Sqrt(s)
}

func scaleInPlace(v []float64, f float64) {
	for i := range v {
		v[i] *= f
	}
}
