package nnlib

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// PoolingLayer takes the maximum or the mean of each window of each
// channel: MaxPooling2D, AveragePooling2D, MaxPooling1D,
// AveragePooling1D, GlobalAveragePooling2D and GlobalMaxPooling2D.
type PoolingLayer struct {
	layerBase
	class    string
	rank     int
	average  bool
	global   bool
	poolSize []int
	strides  []int
	padding  string

	win      *window
	channels int
	argmax   []int32 // for max pooling: the input offset chosen per output
	counts   []float64
}

const optPool = optName | optInputShape | optStrides | optPadding

// MaxPooling2D returns a layer that keeps the largest value of each
// poolSize×poolSize window of each channel, like
// keras.layers.MaxPooling2D(pool_size): strides default to the pool size,
// padding to "valid". Options: Strides, Padding, Name, InputShape.
func MaxPooling2D(poolSize int, opts ...LayerOption) *PoolingLayer {
	return newPooling("MaxPooling2D", 2, false, poolSize, opts)
}

// AveragePooling2D is MaxPooling2D with the mean of each window; with
// "same" padding the mean is over the window's values inside the input,
// as Keras.
func AveragePooling2D(poolSize int, opts ...LayerOption) *PoolingLayer {
	return newPooling("AveragePooling2D", 2, true, poolSize, opts)
}

// MaxPooling1D is MaxPooling2D over the steps of (None, steps, channels).
func MaxPooling1D(poolSize int, opts ...LayerOption) *PoolingLayer {
	return newPooling("MaxPooling1D", 1, false, poolSize, opts)
}

// AveragePooling1D is AveragePooling2D over the steps of (None, steps,
// channels).
func AveragePooling1D(poolSize int, opts ...LayerOption) *PoolingLayer {
	return newPooling("AveragePooling1D", 1, true, poolSize, opts)
}

// GlobalAveragePooling2D returns a layer that averages each channel over
// the whole image, like keras.layers.GlobalAveragePooling2D: (None, h, w,
// c) becomes (None, c).
func GlobalAveragePooling2D(opts ...LayerOption) *PoolingLayer {
	p := newPooling("GlobalAveragePooling2D", 2, true, 1, opts)
	p.global = true
	return p
}

// GlobalMaxPooling2D keeps each channel's largest value over the whole
// image, like keras.layers.GlobalMaxPooling2D.
func GlobalMaxPooling2D(opts ...LayerOption) *PoolingLayer {
	p := newPooling("GlobalMaxPooling2D", 2, false, 1, opts)
	p.global = true
	return p
}

func newPooling(class string, rank int, average bool, poolSize int, opts []LayerOption) *PoolingLayer {
	s := newSettings()
	allowed := optPool
	if class[:6] == "Global" {
		allowed = optName | optInputShape
	}
	s.apply(class, allowed, opts)
	p := &PoolingLayer{class: class, rank: rank, average: average, padding: s.padding}
	p.adopt(s)
	if poolSize <= 0 || poolSize > maxDim {
		p.cfgErr = fmt.Errorf("pool size must be in [1, %d], got %d", maxDim, poolSize)
		return p
	}
	p.poolSize, _ = spatial("pool size", []int{poolSize}, rank)
	strides := p.poolSize
	if s.strides != nil {
		var err error
		if strides, err = spatial("strides", s.strides, rank); err != nil && p.cfgErr == nil {
			p.cfgErr = err
		}
	}
	p.strides = strides
	return p
}

// ClassName returns Keras's class name ("MaxPooling2D", ...).
func (p *PoolingLayer) ClassName() string { return p.class }

// ParamCount returns 0.
func (p *PoolingLayer) ParamCount() int { return 0 }

// PoolSize returns the window's size per spatial axis (nil for the
// global poolings).
func (p *PoolingLayer) PoolSize() []int {
	if p.global {
		return nil
	}
	return append([]int(nil), p.poolSize...)
}

func (p *PoolingLayer) build(in []int, rng *rand.Rand) error {
	inH, inW, inC, err := spatialDims(p.class, p.rank, in)
	if err != nil {
		return fmt.Errorf("layer %q: %w", p.name, err)
	}
	kh, kw, sh, sw := 1, p.poolSize[0], 1, p.strides[0]
	if p.rank == 2 {
		kh, kw, sh, sw = p.poolSize[0], p.poolSize[1], p.strides[0], p.strides[1]
	}
	if p.global {
		kh, kw, sh, sw = inH, inW, 1, 1
	}
	p.win, err = newWindow(inH, inW, kh, kw, sh, sw, p.padding)
	if err != nil {
		return fmt.Errorf("layer %q (%s): %w", p.name, p.class, err)
	}
	p.channels = inC
	p.counts = make([]float64, p.win.positions)
	for pos := range p.counts {
		for _, s := range p.win.spatialIndex[pos*p.win.cells : (pos+1)*p.win.cells] {
			if s >= 0 {
				p.counts[pos]++
			}
		}
	}
	out := p.win.outShape(p.rank, inC)
	if p.global {
		out = []int{inC}
	}
	p.setShapes(in, out)
	return nil
}

func (p *PoolingLayer) params() []*param { return nil }

func (p *PoolingLayer) forward(x []float64, rows int, training bool, rng *rand.Rand) []float64 {
	c, cells := p.channels, p.win.cells
	p.out = grow(p.out, rows*p.outSize)
	if !p.average {
		p.argmax = growInt32(p.argmax, rows*p.outSize)
	}
	for r := 0; r < rows; r++ {
		xs := x[r*p.inSize : (r+1)*p.inSize]
		out := p.out[r*p.outSize : (r+1)*p.outSize]
		for pos := 0; pos < p.win.positions; pos++ {
			idx := p.win.spatialIndex[pos*cells : (pos+1)*cells]
			o := out[pos*c : (pos+1)*c]
			if p.average {
				clear(o)
				for _, s := range idx {
					if s >= 0 {
						for ch, v := range xs[int(s)*c : int(s)*c+c] {
							o[ch] += v
						}
					}
				}
				inv := 1 / p.counts[pos]
				for ch := range o {
					o[ch] *= inv
				}
				continue
			}
			am := p.argmax[r*p.outSize+pos*c : r*p.outSize+(pos+1)*c]
			for ch := range o {
				o[ch] = math.Inf(-1)
				am[ch] = -1
			}
			for _, s := range idx {
				if s < 0 {
					continue
				}
				base := int(s) * c
				for ch, v := range xs[base : base+c] {
					if v > o[ch] || am[ch] < 0 {
						o[ch], am[ch] = v, int32(base+ch)
					}
				}
			}
		}
	}
	return p.out
}

func (p *PoolingLayer) backward(x, dy []float64, rows int, needInput bool) []float64 {
	if !needInput {
		return nil
	}
	c, cells := p.channels, p.win.cells
	p.dIn = grow(p.dIn, rows*p.inSize)
	clear(p.dIn)
	for r := 0; r < rows; r++ {
		dx := p.dIn[r*p.inSize : (r+1)*p.inSize]
		g := dy[r*p.outSize : (r+1)*p.outSize]
		if !p.average {
			for i, a := range p.argmax[r*p.outSize : (r+1)*p.outSize] {
				dx[a] += g[i]
			}
			continue
		}
		for pos := 0; pos < p.win.positions; pos++ {
			inv := 1 / p.counts[pos]
			gp := g[pos*c : (pos+1)*c]
			for _, s := range p.win.spatialIndex[pos*cells : (pos+1)*cells] {
				if s < 0 {
					continue
				}
				d := dx[int(s)*c : int(s)*c+c]
				for ch, v := range gp {
					d[ch] += v * inv
				}
			}
		}
	}
	return p.dIn
}

func growInt32(buf []int32, n int) []int32 {
	if cap(buf) >= n {
		return buf[:n]
	}
	return make([]int32, n)
}
