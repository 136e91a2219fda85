package nnlib

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"
)

// progress prints Keras 3's epoch output: "Epoch 3/500" headers, then with
// verbose 2 one line per epoch
//
//	1/1 - 0s - 2ms/step - binary_accuracy: 0.5000 - loss: 0.2500
//
// and with verbose 1 a progress bar redrawn in place with "\r".
type progress struct {
	w          io.Writer
	verbose    int
	steps      int
	keys       []string
	began      time.Time
	firstStep  time.Time
	lastDraw   time.Time
	prevWidth  int
	buf        []byte
	stepDigits int
}

func newProgress(w io.Writer, verbose, steps int, keys []string) *progress {
	return &progress{w: w, verbose: verbose, steps: steps, keys: keys,
		stepDigits: int(math.Log10(float64(steps))) + 1}
}

func (p *progress) epochHeader(epoch, epochs int) {
	p.buf = fmt.Appendf(p.buf[:0], "Epoch %d/%d\n", epoch, epochs)
	p.w.Write(p.buf)
}

func (p *progress) start() {
	if p.verbose == 0 {
		return
	}
	p.began = time.Now()
	p.firstStep = time.Time{}
	p.lastDraw = time.Time{}
	p.prevWidth = 0
}

// perStep estimates the time of one step as Keras does: ignoring the first
// step when there are more.
func (p *progress) perStep(current int, t time.Time) time.Duration {
	if current == 0 {
		return 0
	}
	if !p.firstStep.IsZero() && current > 1 {
		return t.Sub(p.firstStep) / time.Duration(current-1)
	}
	return t.Sub(p.began) / time.Duration(current)
}

// batch is called after each step; only verbose 1 draws.
func (p *progress) batch(current int, logs map[string]float64) {
	if p.verbose != 1 {
		return
	}
	t := time.Now()
	step := p.perStep(current, t)
	if current == 1 {
		p.firstStep = t
	}
	if current >= p.steps || t.Sub(p.lastDraw) < 50*time.Millisecond {
		return // the last step is drawn by epochEnd, with the validation values
	}
	p.lastDraw = t
	p.drawBar(current, t, step, logs, false)
}

func (p *progress) epochEnd(steps int, logs map[string]float64) {
	switch p.verbose {
	case 1:
		t := time.Now()
		p.drawBar(steps, t, p.perStep(steps, t), logs, true)
	case 2:
		t := time.Now()
		b := fmt.Appendf(p.buf[:0], "%*d/%d - %.0fs -%s", p.stepDigits, steps, p.steps, t.Sub(p.began).Seconds(), formatStepTime(p.perStep(steps, t)))
		for _, k := range p.keys {
			b = append(b, " - "...)
			b = append(b, k...)
			b = append(b, ": "...)
			b = appendLogValue(b, logs[k], false)
		}
		b = append(b, '\n')
		p.buf = b
		p.w.Write(b)
	}
}

const barWidth = 20

func (p *progress) drawBar(current int, t time.Time, step time.Duration, logs map[string]float64, final bool) {
	b := append(p.buf[:0], '\r')
	count := fmt.Sprintf("%*d/%d", p.stepDigits, current, p.steps)
	b = append(b, "\x1b[1m"+count+"\x1b[0m "...)
	done := barWidth * current / p.steps
	if done > 0 {
		b = append(b, "\x1b[32m"+strings.Repeat("━", done)+"\x1b[0m"...)
	}
	b = append(b, "\x1b[37m"+strings.Repeat("━", barWidth-done)+"\x1b[0m"...)
	var info string
	if final {
		info = fmt.Sprintf(" \x1b[1m%.0fs\x1b[0m", t.Sub(p.began).Seconds())
	} else {
		info = " \x1b[1m" + formatETA(step*time.Duration(p.steps-current)) + "\x1b[0m"
	}
	info += formatStepTime(step)
	for _, k := range p.keys {
		v, ok := logs[k]
		if !ok {
			continue
		}
		info += " - " + k + ": " + string(appendLogValue(nil, v, true))
	}
	b = append(b, info...)
	width := len(count) + 1 + barWidth + len(info) - 16
	if p.prevWidth > width {
		b = append(b, strings.Repeat(" ", p.prevWidth-width)...)
	}
	p.prevWidth = width
	if final {
		b = append(b, '\n')
	}
	p.buf = b
	p.w.Write(b)
}

// formatStepTime is Keras's " 2ms/step" (s, ms or us).
func formatStepTime(d time.Duration) string {
	s := d.Seconds()
	switch {
	case s >= 1 || s == 0:
		return fmt.Sprintf(" %.0fs/step", s)
	case s >= 1e-3:
		return fmt.Sprintf(" %.0fms/step", s*1e3)
	}
	return fmt.Sprintf(" %.0fus/step", s*1e6)
}

func formatETA(d time.Duration) string {
	s := int(d.Seconds())
	switch {
	case s > 3600:
		return fmt.Sprintf("%d:%02d:%02d", s/3600, (s%3600)/60, s%60)
	case s > 60:
		return fmt.Sprintf("%d:%02d", s/60, s%60)
	}
	return fmt.Sprintf("%ds", s)
}

// appendLogValue formats a logged value as Keras does: %.4f, or %.4e for
// small values (verbose 2 compares the value itself, verbose 1 its
// magnitude, with 1e-3).
func appendLogValue(b []byte, v float64, absolute bool) []byte {
	big := v > 1e-3
	if absolute {
		big = math.Abs(v) > 1e-3
	}
	if big {
		return fmt.Appendf(b, "%.4f", v)
	}
	return fmt.Appendf(b, "%.4e", v)
}

// formatLogValue formats a value as the verbose 2 epoch line does.
func formatLogValue(v float64) string { return string(appendLogValue(nil, v, false)) }
