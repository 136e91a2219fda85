package nnlib

import (
	"fmt"
	"html"
	"strings"
)

// weightBytes returns the bytes of the model's weights as Keras counts
// them (4 per float32 weight, 8 per float64 one): all, the trainable and
// the non-trainable ones, and the optimizer's variables (one per slot and
// weight, in the weight's dtype).
func (m *Sequential) weightBytes() (total, trainable, frozen, optimizer int) {
	size := map[*param]int{}
	for _, l := range m.layers {
		per := 8
		if l.base().float32 {
			per = 4
		}
		for _, p := range l.params() {
			size[p] = per
			total += len(p.value) * per
			if p.frozen {
				frozen += len(p.value) * per
			}
		}
	}
	if m.compiled && m.opt != nil {
		for _, slot := range m.opt.slots {
			for i, s := range slot {
				optimizer += len(s) * size[m.params[i]]
			}
		}
	}
	return total, total - frozen, frozen, optimizer
}

// Summary returns Keras 3's model.summary() table: each layer's name and
// type, output shape and parameter count, then the totals.
func (m *Sequential) Summary() string {
	if m == nil {
		return nilModelText
	}
	const w1, w2, w3 = 31, 22, 13
	var b strings.Builder
	line := func(l, mid, r, fill string) {
		b.WriteString(l + strings.Repeat(fill, w1+2) + mid + strings.Repeat(fill, w2+2) + mid + strings.Repeat(fill, w3+2) + r + "\n")
	}
	row := func(edge, a, c, d string) {
		fmt.Fprintf(&b, "%s %-*s %s %-*s %s %*s %s\n", edge, w1, a, edge, w2, c, edge, w3, d, edge)
	}
	fmt.Fprintf(&b, "Model: %q\n", m.name)
	line("┏", "┳", "┓", "━")
	row("┃", "Layer (type)", "Output Shape", "Param #")
	line("┡", "╇", "┩", "━")
	for i, l := range m.layers {
		row("│", fmt.Sprintf("%s (%s)", l.Name(), l.ClassName()), m.outputShape(i), m.paramCountText(l))
		if i < len(m.layers)-1 {
			line("├", "┼", "┤", "─")
		}
	}
	line("└", "┴", "┘", "─")
	n := m.CountParams()
	frozen := m.nonTrainableParams()
	total, trainable, frozenBytes, optBytes := m.weightBytes()
	fmt.Fprintf(&b, " Total params: %d (%s)\n", n, readableSize(total))
	fmt.Fprintf(&b, " Trainable params: %d (%s)\n", n-frozen, readableSize(trainable))
	fmt.Fprintf(&b, " Non-trainable params: %d (%s)\n", frozen, readableSize(frozenBytes))
	if m.compiled && m.opt != nil {
		k := 0
		for _, slot := range m.opt.slots {
			for _, s := range slot {
				k += len(s)
			}
		}
		fmt.Fprintf(&b, " Optimizer params: %d (%s)\n", k, readableSize(optBytes))
	}
	return b.String()
}

// nonTrainableParams counts the weights the optimizer does not update.
func (m *Sequential) nonTrainableParams() int {
	n := 0
	for _, l := range m.layers {
		for _, p := range l.params() {
			if p.frozen {
				n += len(p.value)
			}
		}
	}
	return n
}

// outputShape is Keras's "(None, 6, 6, 8)", or "?" while unknown.
func (m *Sequential) outputShape(i int) string {
	if b := m.layers[i].base(); b.built {
		return shapeString(b.outShape)
	}
	if d, ok := m.layers[i].(*DenseLayer); ok {
		return fmt.Sprintf("(None, %d)", d.units)
	}
	return "?"
}

func (m *Sequential) paramCountText(l Layer) string {
	if !m.built && l.ClassName() == "Dense" {
		return "0 (unbuilt)"
	}
	return fmt.Sprint(l.ParamCount())
}

// readableSize formats a byte count as Keras does ("520.00 B", "1.02 KB").
func readableSize(n int) string {
	units := []string{"B", "KB", "MB", "GB"}
	v := float64(n)
	i := 0
	for v >= 1024 && i < len(units)-1 {
		v /= 1024
		i++
	}
	return fmt.Sprintf("%.2f %s", v, units[i])
}

// String returns the model's architecture in one line, e.g.
// "Sequential(2 → Dense(16, relu) → Dense(1, sigmoid))".
func (m *Sequential) String() string {
	if m == nil {
		return nilModelText
	}
	var b strings.Builder
	b.WriteString("Sequential(")
	if m.inputShape != nil {
		b.WriteString(strings.TrimPrefix(strings.TrimSuffix(shapeString(m.inputShape), ")"), "(None, "))
	} else {
		b.WriteString("?")
	}
	for _, l := range m.layers {
		switch v := l.(type) {
		case *DenseLayer:
			fmt.Fprintf(&b, " → Dense(%d, %s)", v.units, v.Activation())
		case *DropoutLayer:
			fmt.Fprintf(&b, " → Dropout(%g)", v.rate)
		case *ActivationLayer:
			fmt.Fprintf(&b, " → Activation(%s)", v.Activation())
		case *ConvLayer:
			fmt.Fprintf(&b, " → %s(%d, %d, %s)", v.ClassName(), v.filters, v.kernelSize[0], v.Activation())
		case *PoolingLayer:
			if v.global {
				fmt.Fprintf(&b, " → %s", v.class)
			} else {
				fmt.Fprintf(&b, " → %s(%d)", v.class, v.poolSize[0])
			}
		case *ReshapeLayer:
			if v.class == "Flatten" {
				b.WriteString(" → Flatten")
			} else {
				fmt.Fprintf(&b, " → Reshape%s", tupleString(v.target))
			}
		default:
			fmt.Fprintf(&b, " → %s", l.ClassName())
		}
	}
	b.WriteString(")")
	return b.String()
}

// MIMEBundle makes a model the last expression of a notebook cell display
// as its summary: text/plain is Summary, text/html a table of the layers.
func (m *Sequential) MIMEBundle() (data, metadata map[string]any) {
	if m == nil {
		return map[string]any{"text/plain": nilModelText}, map[string]any{}
	}
	var b strings.Builder
	b.WriteString(`<div class="nnlib-model"><p><b>Model: ` + html.EscapeString(m.name) + `</b></p>`)
	b.WriteString(`<table><thead><tr><th style="text-align:left">Layer (type)</th><th style="text-align:left">Output Shape</th><th style="text-align:left">Activation</th><th style="text-align:right">Param #</th></tr></thead><tbody>`)
	for i, l := range m.layers {
		act := ""
		switch v := l.(type) {
		case *DenseLayer:
			act = v.Activation()
		case *ActivationLayer:
			act = v.Activation()
		case *DropoutLayer:
			act = fmt.Sprintf("rate %g", v.rate)
		case *ConvLayer:
			act = v.Activation()
		}
		fmt.Fprintf(&b, `<tr><td style="text-align:left">%s (%s)</td><td style="text-align:left">%s</td><td style="text-align:left">%s</td><td style="text-align:right">%s</td></tr>`,
			html.EscapeString(l.Name()), l.ClassName(), m.outputShape(i), html.EscapeString(act), m.paramCountText(l))
	}
	n := m.CountParams()
	total, _, _, _ := m.weightBytes()
	fmt.Fprintf(&b, `</tbody></table><p>Total params: %d (%s)`, n, readableSize(total))
	if m.compiled {
		metrics := make([]string, len(m.metrics))
		for i, mt := range m.metrics {
			metrics[i] = mt.key
		}
		fmt.Fprintf(&b, `<br>Compiled: loss %s, optimizer %s`, lossName(m.loss), m.optCfg.className())
		if len(metrics) > 0 {
			fmt.Fprintf(&b, `, metrics %s`, html.EscapeString(strings.Join(metrics, ", ")))
		}
	}
	b.WriteString(`</p></div>`)
	return map[string]any{"text/plain": m.Summary(), "text/html": b.String()}, map[string]any{}
}
