package nnplot

import (
	"fmt"
	"slices"
	"strings"

	"github.com/gokernel/gokernel/nnlib"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// tutorialActivations come first on the default chart; the others nnlib
// knows follow.
var tutorialActivations = []string{"sigmoid", "relu", "tanh"}

// Activations draws activation functions on one chart, by their nnlib
// (Keras) names: Activations("sigmoid", "relu"). Without names it draws
// every element-wise activation nnlib has but the identity (softmax
// normalises a whole row and has no graph of its own). Options: Title, Range.
func Activations(names ...string) *Figure {
	return ActivationsWith(names)
}

// ActivationsWith is [Activations] with options, e.g.
// ActivationsWith([]string{"relu", "gelu"}, nnplot.Range(-3, 3)).
func ActivationsWith(names []string, opts ...Option) *Figure {
	return figureOf(activationsWith(names, opts...))
}

// activationsWith is ActivationsWith with its error returned.
func activationsWith(names []string, opts ...Option) (*Figure, error) {
	s := collect(opts)
	if len(names) == 0 {
		names = defaultActivations()
	}
	lo, hi := s.xMin, s.xMax
	if !(hi > lo) || !finite(lo) || !finite(hi) {
		return nil, fmt.Errorf("nnplot: Activations: range [%v, %v] is empty", lo, hi)
	}
	title := s.title
	if title == "" {
		title = "activation functions"
	}
	p := newPanel(title, "x", "f(x)")
	const samples = 401
	xs := make([][]float64, samples)
	for i := range xs {
		xs[i] = []float64{lo + (hi-lo)*float64(i)/(samples-1)}
	}
	for i, name := range names {
		ys, err := evalActivation(name, xs)
		if err != nil {
			return nil, fmt.Errorf("nnplot: Activations: %w", err)
		}
		pts := make(plotter.XYs, samples)
		for j := range pts {
			pts[j].X, pts[j].Y = xs[j][0], ys[j]
		}
		if err := addCurve(p, pts, name, i, i >= len(palette)); err != nil {
			return nil, fmt.Errorf("nnplot: Activations: %w", err)
		}
	}
	p.Legend.Top, p.Legend.Left = true, true
	p.Legend.XOffs, p.Legend.YOffs = vg.Points(6), -vg.Points(6)
	return newFigure(640, 440, p), nil
}

// defaultActivations lists nnlib's element-wise activations, the tutorial's
// first; aliases ("silu" for "swish") and the identity ("linear") are left
// out.
func defaultActivations() []string {
	out := slices.Clone(tutorialActivations)
	for _, name := range nnlib.ActivationNames() {
		if name == "softmax" || name == "silu" || name == "linear" || slices.Contains(out, name) {
			continue
		}
		out = append(out, name)
	}
	return out
}

// evalActivation computes an activation with nnlib itself: a one-neuron
// Dense layer with weight 1 and bias 0 outputs f(x).
func evalActivation(name string, xs [][]float64) ([]float64, error) {
	if strings.EqualFold(name, "softmax") {
		return nil, fmt.Errorf("softmax normalises a whole row; it has no graph of one variable")
	}
	m, err := nnlib.NewSequential(nnlib.Dense(1, nnlib.InputDim(1), nnlib.Activation(name),
		nnlib.KernelInitializer("ones"), nnlib.BiasInitializer("zeros")))
	if err != nil {
		return nil, err
	}
	out, err := m.Predict(xs)
	if err != nil {
		return nil, err
	}
	ys := make([]float64, len(out))
	for i, row := range out {
		ys[i] = row[0]
	}
	return ys, nil
}
