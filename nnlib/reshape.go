package nnlib

import (
	"fmt"
	"math/rand/v2"
)

// ReshapeLayer changes the shape of each sample without touching its
// values: Flatten and Reshape. The values are already stored row-major,
// so the layer passes its input through.
type ReshapeLayer struct {
	layerBase
	class  string
	target []int // Reshape's target, with at most one -1
}

// Flatten returns a layer that flattens each sample to one axis, like
// keras.layers.Flatten: (None, 3, 3, 8) becomes (None, 72).
func Flatten(opts ...LayerOption) *ReshapeLayer {
	s := newSettings()
	s.apply("Flatten", optName|optInputShape, opts)
	f := &ReshapeLayer{class: "Flatten"}
	f.adopt(s)
	return f
}

// Reshape returns a layer that gives each sample the target shape, like
// keras.layers.Reshape: Reshape(8, 8, 1) turns rows of 64 values into
// 8×8 one-channel images. One axis may be -1, inferred from the others.
func Reshape(target []int, opts ...LayerOption) *ReshapeLayer {
	s := newSettings()
	s.apply("Reshape", optName|optInputShape, opts)
	r := &ReshapeLayer{class: "Reshape", target: append([]int(nil), target...)}
	r.adopt(s)
	if r.cfgErr == nil {
		r.cfgErr = checkTarget(target)
	}
	return r
}

func checkTarget(target []int) error {
	if len(target) == 0 {
		return fmt.Errorf("Reshape needs a target shape")
	}
	unknown := 0
	for _, d := range target {
		switch {
		case d == -1:
			unknown++
		case d <= 0 || d > maxDim:
			return fmt.Errorf("target shape %v: every axis must be in [1, %d] or -1", target, maxDim)
		}
	}
	if unknown > 1 {
		return fmt.Errorf("target shape %v: at most one axis can be -1", target)
	}
	return nil
}

// ClassName returns "Flatten" or "Reshape".
func (r *ReshapeLayer) ClassName() string { return r.class }

// ParamCount returns 0.
func (r *ReshapeLayer) ParamCount() int { return 0 }

// TargetShape returns Reshape's target shape (nil for Flatten).
func (r *ReshapeLayer) TargetShape() []int { return append([]int(nil), r.target...) }

func (r *ReshapeLayer) build(in []int, rng *rand.Rand) error {
	size := shapeSize(in)
	if r.class == "Flatten" {
		r.setShapes(in, []int{size})
		return nil
	}
	out := append([]int(nil), r.target...)
	known, unknown := 1, -1
	for i, d := range out {
		if d == -1 {
			unknown = i
		} else {
			known *= d
		}
	}
	if unknown >= 0 && known > 0 && size%known == 0 {
		out[unknown] = size / known
	}
	if shapeSize(out) != size || (unknown >= 0 && out[unknown] <= 0) {
		return fmt.Errorf("layer %q cannot reshape %s (%d values per sample) to target shape %v", r.name, shapeString(in), size, r.target)
	}
	r.setShapes(in, out)
	return nil
}

func (r *ReshapeLayer) params() []*param { return nil }

func (r *ReshapeLayer) forward(x []float64, rows int, training bool, rng *rand.Rand) []float64 {
	return x[:rows*r.inSize]
}

func (r *ReshapeLayer) backward(x, dy []float64, rows int, needInput bool) []float64 {
	return dy
}
