package nnlib

import "fmt"

// window is the geometry of a convolution or pooling window sliding over
// a (height, width) grid, as Keras computes it. One-dimensional layers use
// height 1.
type window struct {
	inH, inW     int
	kh, kw       int
	sh, sw       int
	outH, outW   int
	padT, padL   int
	same         bool
	positions    int     // outH·outW
	cells        int     // kh·kw
	spatialIndex []int32 // [position][cell] → h·inW + w, or -1 in the padding
}

// newWindow computes the output size and padding: "valid" has
// floor((in-k)/s)+1 positions, "same" ceil(in/s) with the padding split as
// TensorFlow does (the extra row or column at the bottom or right).
func newWindow(inH, inW, kh, kw, sh, sw int, padding string) (*window, error) {
	w := &window{inH: inH, inW: inW, kh: kh, kw: kw, sh: sh, sw: sw, same: padding == "same"}
	if w.same {
		w.outH, w.outW = (inH+sh-1)/sh, (inW+sw-1)/sw
		w.padT = max((w.outH-1)*sh+kh-inH, 0) / 2
		w.padL = max((w.outW-1)*sw+kw-inW, 0) / 2
	} else {
		if kh > inH || kw > inW {
			return nil, fmt.Errorf("a %d×%d window does not fit in a %d×%d input with \"valid\" padding", kh, kw, inH, inW)
		}
		w.outH, w.outW = (inH-kh)/sh+1, (inW-kw)/sw+1
	}
	w.positions, w.cells = w.outH*w.outW, kh*kw
	if w.positions*w.cells > maxDim {
		return nil, fmt.Errorf("a %d×%d window over %d×%d positions is too large", kh, kw, w.outH, w.outW)
	}
	w.spatialIndex = make([]int32, w.positions*w.cells)
	for oh := 0; oh < w.outH; oh++ {
		for ow := 0; ow < w.outW; ow++ {
			p := oh*w.outW + ow
			for i := 0; i < kh; i++ {
				for j := 0; j < kw; j++ {
					h, x := oh*sh+i-w.padT, ow*sw+j-w.padL
					idx := int32(-1)
					if h >= 0 && h < inH && x >= 0 && x < inW {
						idx = int32(h*inW + x)
					}
					w.spatialIndex[p*w.cells+i*kw+j] = idx
				}
			}
		}
	}
	return w, nil
}

// spatialDims reads the (height, width, channels) of a 2-D layer's input,
// or (1, steps, channels) of a 1-D layer's.
func spatialDims(class string, rank int, in []int) (h, w, c int, err error) {
	if len(in) != rank+1 {
		want := "(None, height, width, channels)"
		if rank == 1 {
			want = "(None, steps, channels)"
		}
		return 0, 0, 0, fmt.Errorf("%s expects input of shape %s, got %s; give the model an Input or InputShape of that rank", class, want, shapeString(in))
	}
	if rank == 1 {
		return 1, in[0], in[1], nil
	}
	return in[0], in[1], in[2], nil
}

// outShape is the layer's output shape for its rank.
func (w *window) outShape(rank, channels int) []int {
	if rank == 1 {
		return []int{w.outW, channels}
	}
	return []int{w.outH, w.outW, channels}
}
