package nnlib

import (
	"fmt"
	"math"
	"strings"
)

type lossKind int

const (
	lossMSE lossKind = iota
	lossMAE
	lossBCE
	lossCCE
	lossSparseCCE
	lossHuber
	lossHinge
)

// lossNames maps Keras's loss names (and their short aliases) to kinds.
var lossNames = map[string]lossKind{
	"mean_squared_error":              lossMSE,
	"mse":                             lossMSE,
	"mean_absolute_error":             lossMAE,
	"mae":                             lossMAE,
	"binary_crossentropy":             lossBCE,
	"categorical_crossentropy":        lossCCE,
	"sparse_categorical_crossentropy": lossSparseCCE,
	"huber":                           lossHuber,
	"hinge":                           lossHinge,
}

// LossNames lists the loss names nnlib accepts.
func LossNames() []string { return sortedKeys(lossNames) }

func parseLoss(name string) (lossKind, error) {
	k, ok := lossNames[strings.ToLower(name)]
	if !ok {
		if name == "" {
			return 0, fmt.Errorf("no loss given; valid losses: %s", strings.Join(LossNames(), ", "))
		}
		return 0, fmt.Errorf("unknown loss %q; valid losses: %s", name, strings.Join(LossNames(), ", "))
	}
	return k, nil
}

// Keras's backend epsilon, used to clip probabilities in cross-entropies.
const epsilon = 1e-7

// huberDelta is Keras's default delta for the huber loss.
const huberDelta = 1.0

// lossSum returns the sum over rows of the per-sample loss (Keras's loss
// before the "sum_over_batch_size" reduction divides by the row count).
// yt has ytCols columns (1 for sparse labels), yp has cols columns.
func lossSum(k lossKind, yt, yp []float64, ytCols, cols int) float64 {
	rows := len(yp) / cols
	total := 0.0
	switch k {
	case lossMSE:
		for i, p := range yp {
			d := p - yt[i]
			total += d * d
		}
		return total / float64(cols)
	case lossMAE:
		for i, p := range yp {
			total += math.Abs(p - yt[i])
		}
		return total / float64(cols)
	case lossBCE:
		for i, p := range yp {
			p = clip(p)
			y := yt[i]
			total -= y*math.Log(p) + (1-y)*math.Log(1-p)
		}
		return total / float64(cols)
	case lossCCE, lossSparseCCE:
		for r := 0; r < rows; r++ {
			p := yp[r*cols : (r+1)*cols]
			s := sum(p)
			if k == lossSparseCCE {
				c := int(yt[r])
				total -= math.Log(clip(p[c] / s))
				continue
			}
			y := yt[r*cols : (r+1)*cols]
			for j, pj := range p {
				if y[j] != 0 {
					total -= y[j] * math.Log(clip(pj/s))
				}
			}
		}
		return total
	case lossHuber:
		for i, p := range yp {
			e := math.Abs(p - yt[i])
			if e <= huberDelta {
				total += 0.5 * e * e
			} else {
				total += huberDelta*e - 0.5*huberDelta*huberDelta
			}
		}
		return total / float64(cols)
	case lossHinge:
		signed := hingeSigned(yt)
		for i, p := range yp {
			y := yt[i]
			if signed {
				y = 2*y - 1
			}
			total += math.Max(1-y*p, 0)
		}
		return total / float64(cols)
	}
	return math.NaN()
}

// lossGrad writes into g the gradient of the batch's mean loss
// (sum over rows / rows) with respect to yp.
func lossGrad(k lossKind, yt, yp, g []float64, ytCols, cols int) {
	rows := len(yp) / cols
	scale := 1 / float64(rows)
	perElem := scale / float64(cols)
	switch k {
	case lossMSE:
		for i, p := range yp {
			g[i] = 2 * (p - yt[i]) * perElem
		}
	case lossMAE:
		for i, p := range yp {
			g[i] = sign(p-yt[i]) * perElem
		}
	case lossBCE:
		for i, p := range yp {
			if p < epsilon || p > 1-epsilon {
				g[i] = 0 // the clip's gradient
				continue
			}
			y := yt[i]
			g[i] = (p - y) / (p * (1 - p)) * perElem
		}
	case lossCCE, lossSparseCCE:
		for r := 0; r < rows; r++ {
			p := yp[r*cols : (r+1)*cols]
			gr := g[r*cols : (r+1)*cols]
			s := sum(p)
			// dL/dq_j for q = p/s, then through the normalisation.
			dot := 0.0
			for j, pj := range p {
				q := pj / s
				var y float64
				if k == lossSparseCCE {
					if int(yt[r]) == j {
						y = 1
					}
				} else {
					y = yt[r*cols+j]
				}
				d := 0.0
				if y != 0 && q >= epsilon && q <= 1-epsilon {
					d = -y / q
				}
				gr[j] = d
				dot += d * q
			}
			for j := range gr {
				gr[j] = (gr[j] - dot) / s * scale
			}
		}
	case lossHuber:
		for i, p := range yp {
			e := p - yt[i]
			if math.Abs(e) <= huberDelta {
				g[i] = e * perElem
			} else {
				g[i] = huberDelta * sign(e) * perElem
			}
		}
	case lossHinge:
		signed := hingeSigned(yt)
		for i, p := range yp {
			y := yt[i]
			if signed {
				y = 2*y - 1
			}
			if 1-y*p > 0 {
				g[i] = -y * perElem
			} else {
				g[i] = 0
			}
		}
	}
}

// hingeSigned reports whether labels are 0/1 and must become -1/1, as
// Keras's hinge loss converts them.
func hingeSigned(yt []float64) bool {
	for _, y := range yt {
		if y != 0 && y != 1 {
			return false
		}
	}
	return true
}

func clip(p float64) float64 {
	if p < epsilon {
		return epsilon
	}
	if p > 1-epsilon {
		return 1 - epsilon
	}
	return p
}

func sign(v float64) float64 {
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}

func sum(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s
}

func lossName(k lossKind) string {
	for _, name := range LossNames() {
		if lossNames[name] == k && len(name) > 3 {
			return name
		}
	}
	return ""
}
