package nnlib

import (
	"fmt"
	"sync/atomic"
)

// The dtypes a layer computes in, by Keras's names.
const (
	dtypeFloat64 = "float64"
	dtypeFloat32 = "float32"
)

// floatX32 is the default dtype of new layers: float32 when set, else
// float64.
var floatX32 atomic.Bool

// SetFloatX sets the dtype of the layers created afterwards, like
// keras.config.set_floatx: "float64" (nnlib's default) or "float32". A
// layer's DType option overrides it. Any other name is an error.
//
// In float32 a layer's matrix products (Dense, Conv1D, Conv2D) run in
// float32, and its weights are rounded to float32 whenever they change, as
// Keras's float32 variables; the values between layers stay float64
// slices. The speed-up (about 1.5–2x per MLP epoch on wide layers) needs
// AVX-512: elsewhere the float32 products run as plain Go loops, slower
// than float64's AVX2 kernel. nnlib's default is
// float64, where Keras's is float32: a notebook's numbers then do not
// depend on the number of cores or the CPU's vector unit, the gradient
// checks are exact to 1e-7, and the tutorial's small models are not
// limited by their products.
func SetFloatX(dtype string) error {
	f32, err := parseDType(dtype)
	if err != nil {
		return fmt.Errorf("nnlib: SetFloatX: %w", err)
	}
	floatX32.Store(f32)
	return nil
}

// FloatX returns the dtype new layers get ("float64" unless SetFloatX
// changed it), like keras.config.floatx.
func FloatX() string { return dtypeName(floatX32.Load()) }

// DType sets the layer's dtype, like Keras's dtype argument: "float32" or
// "float64" (default: FloatX at the layer's creation).
func DType(dtype string) LayerOption {
	return optionFunc{optDType, func(s *layerSettings) {
		f32, err := parseDType(dtype)
		if err != nil {
			s.setErr(err)
			return
		}
		s.float32 = f32
	}}
}

// parseDType reports whether dtype is float32, or an error for a name
// nnlib does not compute in.
func parseDType(dtype string) (float32 bool, err error) {
	switch dtype {
	case dtypeFloat32:
		return true, nil
	case dtypeFloat64:
		return false, nil
	}
	return false, fmt.Errorf("unknown dtype %q (nnlib computes in %q or %q)", dtype, dtypeFloat32, dtypeFloat64)
}

func dtypeName(float32 bool) string {
	if float32 {
		return dtypeFloat32
	}
	return dtypeFloat64
}

// DType returns the layer's dtype, "float32" or "float64".
func (b *layerBase) DType() string { return dtypeName(b.float32) }

// roundWeights rounds the weights of the float32 layers to float32, after
// anything that changes them (initialisation, an optimizer step, a
// BatchNormalization's moving statistics, SetWeights).
func (m *Sequential) roundWeights() {
	for _, p := range m.float32Params {
		roundToFloat32(p.value)
	}
}
