package nnplot

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/gokernel/gokernel/nnlib"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Curves draws the training curves of a History: one panel per quantity —
// the loss, then each metric — with the training values as a solid line and
// the validation values (val_ keys) dashed, against the epoch (1-based, as
// Keras prints it). Options: Keys, MarkPerfect, and Title when there is
// one panel.
//
//	nnplot.Curves(hist, nnplot.MarkPerfect())
func Curves(h *nnlib.History, opts ...Option) *Figure {
	return figureOf(curves(h, opts...))
}

// curves is Curves with its error returned.
func curves(h *nnlib.History, opts ...Option) (*Figure, error) {
	if h == nil || h.Len() == 0 {
		return nil, errors.New("nnplot: Curves: the history is empty; train with Fit first")
	}
	s := collect(opts)
	bases, err := panelKeys(h, s.keys)
	if err != nil {
		return nil, fmt.Errorf("nnplot: Curves: %w", err)
	}
	panels := make([]*plot.Plot, 0, len(bases))
	for _, base := range bases {
		p := newPanel(pretty(base), "epoch", "")
		for i, key := range []string{base, "val_" + base} {
			ys := h.Get(key)
			if ys == nil {
				continue
			}
			name := "training"
			if i == 1 {
				name = "validation"
			}
			if s.markPerfect && i == 0 && isAccuracy(base) {
				at, err := markPerfect(p, h, ys, i)
				if err != nil {
					return nil, fmt.Errorf("nnplot: Curves: %w", err)
				}
				name += " (" + at + ")"
			}
			if err := addCurve(p, epochXYs(h, ys), name, i, i == 1); err != nil {
				return nil, fmt.Errorf("nnplot: Curves: %w", err)
			}
		}
		styleCurvePanel(p, base)
		panels = append(panels, p)
	}
	if s.title != "" && len(panels) == 1 {
		panels[0].Title.Text = s.title
	}
	width := 600
	if len(panels) > 1 {
		width = 460 * len(panels)
	}
	return newFigure(width, 360, panels...), nil
}

// Run is one training run to compare: a label for the legend and its
// History.
type Run struct {
	Label   string
	History *nnlib.History
}

// Compare draws one quantity (key, e.g. "binary_accuracy" or "val_loss")
// of several training runs on one chart, one colour per run, with a
// legend — the tutorial's 16 vs 16+16 vs 32 neurons. Options: MarkPerfect,
// Title.
//
//	nnplot.Compare("binary_accuracy", []nnplot.Run{{"16", h16}, {"16+16", h1616}, {"32", h32}}, nnplot.MarkPerfect())
func Compare(key string, runs []Run, opts ...Option) *Figure {
	return figureOf(compare(key, runs, opts...))
}

// compare is Compare with its error returned.
func compare(key string, runs []Run, opts ...Option) (*Figure, error) {
	if len(runs) == 0 {
		return nil, errors.New("nnplot: Compare: no runs to compare")
	}
	s := collect(opts)
	p := newPanel(pretty(key), "epoch", "")
	for i, r := range runs {
		if r.History == nil || r.History.Len() == 0 {
			return nil, fmt.Errorf("nnplot: Compare: run %q has an empty history", r.Label)
		}
		ys, err := r.History.Series(key)
		if err != nil {
			return nil, fmt.Errorf("nnplot: Compare: run %q: %w", r.Label, err)
		}
		name := r.Label
		if s.markPerfect && isAccuracy(key) {
			at, err := markPerfect(p, r.History, ys, i)
			if err != nil {
				return nil, fmt.Errorf("nnplot: Compare: %w", err)
			}
			name += " (" + at + ")"
		}
		if err := addCurve(p, epochXYs(r.History, ys), name, i, false); err != nil {
			return nil, fmt.Errorf("nnplot: Compare: %w", err)
		}
	}
	styleCurvePanel(p, key)
	if s.title != "" {
		p.Title.Text = s.title
	}
	return newFigure(640, 400, p), nil
}

// panelKeys returns the quantities that get a panel: the requested ones or
// every logged one, loss first.
func panelKeys(h *nnlib.History, want []string) ([]string, error) {
	var bases []string
	for _, k := range h.Keys() {
		base := strings.TrimPrefix(k, "val_")
		if !slices.Contains(bases, base) {
			bases = append(bases, base)
		}
	}
	if i := slices.Index(bases, "loss"); i > 0 {
		bases = append([]string{"loss"}, slices.Delete(bases, i, i+1)...)
	}
	if len(want) == 0 {
		return bases, nil
	}
	var out []string
	for _, k := range want {
		base := strings.TrimPrefix(k, "val_")
		if !slices.Contains(bases, base) {
			return nil, fmt.Errorf("the history has no key %q; it has %s", k, strings.Join(h.Keys(), ", "))
		}
		if !slices.Contains(out, base) {
			out = append(out, base)
		}
	}
	return out, nil
}

// epochXYs pairs each value with its epoch number, 1-based.
func epochXYs(h *nnlib.History, ys []float64) plotter.XYs {
	pts := make(plotter.XYs, len(ys))
	for i, y := range ys {
		x := float64(i + 1)
		if i < len(h.Epoch) {
			x = float64(h.Epoch[i] + 1)
		}
		pts[i].X, pts[i].Y = x, y
	}
	return pts
}

// addCurve adds one series to p with a legend entry.
func addCurve(p *plot.Plot, pts plotter.XYs, name string, colour int, dashed bool) error {
	line, err := plotter.NewLine(pts)
	if err != nil {
		return err
	}
	line.LineStyle = lineStyle(seriesColor(colour), dashed)
	p.Add(line)
	addLegend(p, name, line)
	return nil
}

// isAccuracy reports whether a log key is an accuracy ("accuracy",
// "binary_accuracy", "acc", ...).
func isAccuracy(key string) bool { return strings.Contains(key, "acc") }

// firstPerfect returns the index of the first value at or above 1.
func firstPerfect(ys []float64) int {
	for i, y := range ys {
		if y >= 1 {
			return i
		}
	}
	return -1
}

// markPerfect draws a ring and a dotted vertical line at the first epoch
// where ys reaches 100%, and returns the words for the legend ("100% at
// epoch 180" or "never 100%").
func markPerfect(p *plot.Plot, h *nnlib.History, ys []float64, colour int) (string, error) {
	i := firstPerfect(ys)
	if i < 0 {
		return "never 100%", nil
	}
	pt := epochXYs(h, ys)[i]
	ring, err := plotter.NewScatter(plotter.XYs{pt})
	if err != nil {
		return "", err
	}
	ring.GlyphStyle = draw.GlyphStyle{Color: seriesColor(colour), Radius: vg.Points(5), Shape: draw.RingGlyph{}}
	rule, err := plotter.NewLine(plotter.XYs{{X: pt.X, Y: 0}, {X: pt.X, Y: 1}})
	if err != nil {
		return "", err
	}
	rule.LineStyle = draw.LineStyle{Color: seriesColor(colour), Width: vg.Points(0.8), Dashes: []vg.Length{vg.Points(1.5), vg.Points(2)}}
	p.Add(rule, ring)
	return fmt.Sprintf("100%% at epoch %d", int(pt.X)), nil
}

// percentTicks label an accuracy axis in quarters, the steps of XOR's
// four rows.
var percentTicks = plot.ConstantTicks{
	{Value: 0, Label: "0%"}, {Value: 0.25, Label: "25%"}, {Value: 0.5, Label: "50%"},
	{Value: 0.75, Label: "75%"}, {Value: 1, Label: "100%"},
}

// styleCurvePanel fixes the axis ranges and the legend position: accuracy
// panels span 0–100% with the legend at the bottom right (curves rise),
// others keep the legend at the top right (losses fall).
func styleCurvePanel(p *plot.Plot, key string) {
	p.X.Min = min(p.X.Min, 1)
	if isAccuracy(key) {
		p.Y.Min, p.Y.Max = 0, 1.05
		p.Y.Tick.Marker = percentTicks
		p.Legend.Top = false
	} else {
		p.Y.Min = min(p.Y.Min, 0)
		p.Legend.Top = true
	}
	p.Legend.XOffs = -vg.Points(6)
	p.Legend.YOffs = vg.Points(6)
	if p.Legend.Top {
		p.Legend.YOffs = -vg.Points(6)
	}
}
