package nnlib

import (
	"fmt"
	"math"
)

// checkTensorSize reports an error when a tensor of the given dimensions
// would exceed maxDim values (checked before anything is allocated, so
// that a typo such as OneHot(labels, 1<<40) or a crafted model file is an
// error and not a fatal out-of-memory that no recover can catch); what
// names the tensor in the message.
func checkTensorSize(what string, dims ...int) error {
	n := 1.0
	for _, d := range dims {
		if d <= 0 {
			return fmt.Errorf("%s: dimension %d must be positive", what, d)
		}
		n *= float64(d)
	}
	if n > maxDim {
		return fmt.Errorf("%s of shape %v would hold %.4g values (%s as float64); nnlib's limit is %d values per tensor", what, dims, n, readableSize(int(math.Min(n*8, math.MaxInt64/2))), maxDim)
	}
	return nil
}

// check validates a decoded model file against itself before any layer is
// built: sizes within bounds, the weights the layers need present in the
// file (so that a file cannot make Load allocate more than it holds), a
// non-negative step count.
func (f *modelFile) check() error {
	if len(f.Layers) == 0 {
		return fmt.Errorf("model file has no layers")
	}
	present := 0
	for _, w := range f.Weights {
		n := 1
		for _, d := range w.Shape {
			if d < 0 || d > maxDim {
				n = -1
				break
			}
			n *= d
		}
		if n != len(w.Values) {
			return fmt.Errorf("weight %q has shape %v but %d values", w.Name, w.Shape, len(w.Values))
		}
		present += len(w.Values)
	}
	// Dense layers on the file's input: their weights are counted until a
	// layer whose size this check does not know (its own build checks it).
	need, width, known := 0, f.InputShape[len(f.InputShape)-1], true
	for i, c := range f.Layers {
		switch c.Class {
		case "Dense":
			if c.Units <= 0 || c.Units > maxDim {
				return fmt.Errorf("layer %d (%q): Dense units %d; want 1 to %d", i, c.Name, c.Units, maxDim)
			}
			if !known {
				continue
			}
			if err := checkTensorSize(fmt.Sprintf("layer %d (%q) kernel", i, c.Name), width, c.Units); err != nil {
				return err
			}
			need += width * c.Units
			if c.UseBias == nil || *c.UseBias {
				need += c.Units
			}
			width = c.Units
		case "Dropout", "Activation":
		default:
			known = false // a layer checked by its own build
		}
		if need > present {
			return fmt.Errorf("the layers need at least %d weight values but the file holds %d", need, present)
		}
	}
	if known && need != present {
		return fmt.Errorf("the layers need %d weight values but the file holds %d", need, present)
	}
	if s := f.OptimizerState; s != nil && s.Iterations < 0 {
		return fmt.Errorf("optimizer_state.iterations is %d; it counts steps and cannot be negative", s.Iterations)
	}
	return nil
}
