package nnplot

import (
	"fmt"
	"image/color"
	"math"
	"strconv"
	"strings"
)

// The live chart is written as SVG text directly rather than laid out by
// gonum/plot: a gonum figure of the curves costs 1–3 ms to lay out, more
// than a whole 500-epoch Fit of the tutorial's model (under 1 ms), and the
// live display may cost at most as much again. Writing the SVG takes tens
// of microseconds. It draws the same curves as [Curves], in the same
// colours; the browser does the text layout.

// Live chart geometry, in CSS pixels.
const (
	livePanelWidth  = 440
	livePanelHeight = 280
	liveLeft        = 52 // room for the y tick labels
	liveRight       = 14
	liveTop         = 30 // the title
	liveBottom      = 40 // x tick labels and "epoch"
)

// livePanel is one quantity of the live chart: its training series and,
// when logged, its validation series.
type livePanel struct {
	key        string
	train, val []float64
}

// liveChart writes the SVG of the panels side by side; epochs is the x
// extent (the planned number of epochs, so that the curves grow across
// the chart), markPerfect marks the first epoch at 100% accuracy.
func liveChart(panels []livePanel, epochs int, markPerfect bool) string {
	var b strings.Builder
	width := livePanelWidth * len(panels)
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="Liberation Serif, Times New Roman, serif" font-size="12">`,
		width, livePanelHeight, width, livePanelHeight)
	b.WriteString(`<rect width="100%" height="100%" fill="white"/>`)
	for i, p := range panels {
		fmt.Fprintf(&b, `<g transform="translate(%d,0)">`, i*livePanelWidth)
		writePanel(&b, p, epochs, markPerfect)
		b.WriteString(`</g>`)
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// writePanel writes one panel at the origin.
func writePanel(b *strings.Builder, p livePanel, epochs int, markPerfect bool) {
	x0, x1 := float64(liveLeft), float64(livePanelWidth-liveRight)
	y0, y1 := float64(livePanelHeight-liveBottom), float64(liveTop) // y0 is the bottom
	epochs = max(epochs, len(p.train), 2)
	lo, hi := 0.0, 1.05
	if !isAccuracy(p.key) {
		lo, hi = seriesRange(p.train, p.val)
	}
	sx := func(epoch float64) float64 { return x0 + (epoch-1)/float64(epochs-1)*(x1-x0) }
	sy := func(v float64) float64 { return y0 - (v-lo)/(hi-lo)*(y0-y1) }

	fmt.Fprintf(b, `<text x="%g" y="18" text-anchor="middle" font-size="15">%s</text>`, (x0+x1)/2, pretty(p.key))
	ticks := niceTicks(lo, hi)
	label := func(t float64) string { return strconv.FormatFloat(t, 'g', 4, 64) }
	if isAccuracy(p.key) {
		ticks = []float64{0, 0.25, 0.5, 0.75, 1}
		label = func(t float64) string { return strconv.Itoa(int(t*100)) + "%" }
	}
	for _, t := range ticks {
		y := sy(t)
		fmt.Fprintf(b, `<line x1="%g" x2="%g" y1="%.1f" y2="%.1f" stroke="#e1e1e1"/>`, x0, x1, y, y)
		fmt.Fprintf(b, `<text x="%g" y="%.1f" text-anchor="end" dominant-baseline="middle">%s</text>`, x0-5, y, label(t))
	}
	for _, e := range niceTicks(1, float64(epochs)) {
		if e < 1 {
			continue
		}
		x := sx(e)
		fmt.Fprintf(b, `<line x1="%.1f" x2="%.1f" y1="%g" y2="%g" stroke="#e1e1e1"/>`, x, x, y0, y1)
		fmt.Fprintf(b, `<text x="%.1f" y="%g" text-anchor="middle">%g</text>`, x, y0+15, e)
	}
	fmt.Fprintf(b, `<text x="%g" y="%g" text-anchor="middle" font-size="13">epoch</text>`, (x0+x1)/2, y0+32)
	fmt.Fprintf(b, `<path d="M%g %gV%gH%g" fill="none" stroke="black"/>`, x0, y1, y0, x1)

	var legend []legendLine
	if len(p.train) > 0 {
		name := "training"
		if markPerfect && isAccuracy(p.key) {
			if i := firstPerfect(p.train); i >= 0 {
				x := sx(float64(i + 1))
				c := hexColor(seriesColor(0))
				fmt.Fprintf(b, `<line x1="%.1f" x2="%.1f" y1="%g" y2="%.1f" stroke="%s" stroke-width="0.8" stroke-dasharray="1.5 2"/>`, x, x, y0, sy(1), c)
				fmt.Fprintf(b, `<circle cx="%.1f" cy="%.1f" r="6" fill="none" stroke="%s"/>`, x, sy(1), c)
				name += fmt.Sprintf(" (100%% at epoch %d)", i+1)
			} else {
				name += " (never 100%)"
			}
		}
		writeSeries(b, p.train, sx, sy, x1-x0, seriesColor(0), false)
		legend = append(legend, legendLine{name, seriesColor(0), false})
	}
	if len(p.val) > 0 {
		writeSeries(b, p.val, sx, sy, x1-x0, seriesColor(1), true)
		legend = append(legend, legendLine{"validation", seriesColor(1), true})
	}
	// Losses fall: legend at the top right; accuracies rise: bottom right.
	ly := y1 + 14
	if isAccuracy(p.key) {
		ly = y0 - 8 - 16*float64(len(legend)-1)
	}
	for i, l := range legend {
		y := ly + 16*float64(i)
		fmt.Fprintf(b, `<text x="%g" y="%g" text-anchor="end" dominant-baseline="middle">%s</text>`, x1-34, y, l.name)
		fmt.Fprintf(b, `<line x1="%g" x2="%g" y1="%g" y2="%g" stroke="%s" stroke-width="1.6"%s/>`, x1-28, x1-4, y, y, hexColor(l.color), dashAttr(l.dashed))
	}
}

type legendLine struct {
	name   string
	color  color.RGBA
	dashed bool
}

// writeSeries writes one series as a polyline, keeping at most the first,
// lowest, highest and last value of each group of epochs that falls on
// about one pixel, so that long runs stay light without losing a step.
func writeSeries(b *strings.Builder, ys []float64, sx, sy func(float64) float64, pixels float64, c color.RGBA, dashed bool) {
	fmt.Fprintf(b, `<polyline fill="none" stroke="%s" stroke-width="1.6" stroke-linejoin="round"%s points="`, hexColor(c), dashAttr(dashed))
	buf := make([]byte, 0, 32)
	point := func(i int) {
		if !finite(ys[i]) {
			return // a diverged loss leaves a gap rather than breaking the chart
		}
		buf = strconv.AppendFloat(buf[:0], sx(float64(i+1)), 'f', 1, 64)
		buf = append(buf, ',')
		buf = strconv.AppendFloat(buf, sy(ys[i]), 'f', 1, 64)
		buf = append(buf, ' ')
		b.Write(buf)
	}
	group := max(1, int(float64(len(ys))/pixels))
	for start := 0; start < len(ys); start += group {
		end := min(start+group, len(ys))
		lo, hi := start, start
		for i := start; i < end; i++ {
			if ys[i] < ys[lo] {
				lo = i
			}
			if ys[i] > ys[hi] {
				hi = i
			}
		}
		point(start)
		first, second := min(lo, hi), max(lo, hi)
		if first != start {
			point(first)
		}
		if second != first && second != start {
			point(second)
		}
		if end-1 != second && end-1 != start {
			point(end - 1)
		}
	}
	b.WriteString(`"/>`)
}

func dashAttr(dashed bool) string {
	if dashed {
		return ` stroke-dasharray="5 3"`
	}
	return ""
}

func hexColor(c color.RGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// seriesRange is the y range of a loss-like panel: from 0 (or the lowest
// value, if negative) to a little above the highest finite value.
func seriesRange(series ...[]float64) (lo, hi float64) {
	lo, hi = 0, math.Inf(-1)
	for _, s := range series {
		for _, v := range s {
			if finite(v) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	if !(hi > lo) {
		hi = lo + 1
	}
	return lo, hi + 0.05*(hi-lo)
}

// niceTicks returns 3–6 round values between lo and hi.
func niceTicks(lo, hi float64) []float64 {
	span := hi - lo
	if !(span > 0) || !finite(span) {
		return nil
	}
	step := math.Pow(10, math.Floor(math.Log10(span/4)))
	for _, m := range []float64{1, 2, 5, 10} {
		if span/(step*m) <= 5.5 {
			step *= m
			break
		}
	}
	var ticks []float64
	for t := math.Ceil(lo/step) * step; t <= hi+1e-9*span; t += step {
		// Round away the binary noise of k·step (0.6000000000000001).
		v, _ := strconv.ParseFloat(strconv.FormatFloat(math.Round(t/step)*step, 'g', 12, 64), 64)
		ticks = append(ticks, v)
	}
	return ticks
}
