package nnplot

import (
	"errors"
	"fmt"
	"html"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gokernel/gokernel/cell"
	"github.com/gokernel/gokernel/display"
	"github.com/gokernel/gokernel/nnlib"
)

// DefaultInterval is how often a [Live] display redraws at most: a few
// times a second, so that a run of milliseconds costs one picture and a
// minute-long run moves smoothly.
const DefaultInterval = 250 * time.Millisecond

// Live is an nnlib.Callback that keeps two outputs of the running cell up
// to date while Fit trains: a progress line (epoch, elapsed time, loss and
// metrics) and the training curves, growing epoch by epoch. It redraws at
// most once per interval (DefaultInterval unless the Interval option says
// otherwise); [Live.Finish] draws the final state, which stays in the saved
// notebook. [FitLive] does all of it in one call.
//
// The curves are SVG written directly rather than laid out by gonum/plot:
// cheap enough to redraw many times a second and to cost less than a fast
// Fit, and sharp at any zoom. Frontends render SVG only in trusted
// notebooks, so the final picture also carries a PNG of [Curves] (about
// 20 ms to draw, once per Fit), which any reopened notebook shows.
// Outside a kernel nothing is drawn while training; Finish writes the
// final progress line to standard output, without the elapsed time (so
// that a program prints the same from run to run).
type Live struct {
	mu       sync.Mutex
	s        settings
	opts     []Option
	epochs   int
	hist     nnlib.History
	keys     []string
	began    time.Time
	lastDraw time.Time
	last     int // the last epoch recorded (0-based)
	chart    *display.Handle
	status   *display.Handle
}

// NewLive returns a Live display for a Fit of the given number of epochs.
// Options: Keys and MarkPerfect (as for [Curves]) and Interval.
func NewLive(epochs int, opts ...Option) *Live {
	return &Live{
		s:      collect(opts),
		opts:   opts,
		epochs: epochs,
		hist:   nnlib.History{History: map[string][]float64{}},
		chart:  display.NewHandle(),
		status: display.NewHandle(),
	}
}

// Interval sets how often a [Live] display redraws at most (default
// DefaultInterval; 0 redraws after every epoch).
func Interval(d time.Duration) Option {
	return func(s *settings) { s.interval, s.intervalSet = d, true }
}

// FitLive trains m like m.Fit(x, y, fit), showing the training live in the
// cell's output, and draws the final curves when training ends — after the
// last epoch, early stopping or an interrupt alike. The progress line and
// the chart appear before the first epoch, above anything Fit prints.
// Options as for [NewLive].
//
//	hist, err := nnplot.FitLive(model, x, y, nnlib.FitOptions{Epochs: 500, BatchSize: 4})
func FitLive(m *nnlib.Sequential, x, y any, fit nnlib.FitOptions, opts ...Option) (*nnlib.History, error) {
	if m == nil {
		return nil, errors.New("nnplot: FitLive: nil model")
	}
	epochs := fit.Epochs
	if epochs <= 0 {
		epochs = 1 // nnlib's default
	}
	live := NewLive(epochs, opts...)
	if err := live.begin(); err != nil {
		return nil, err
	}
	fit.Callbacks = append(slices.Clone(fit.Callbacks), live)
	hist, err := m.Fit(x, y, fit)
	if live.History().Len() == 0 {
		if aerr := live.abandon(err); aerr != nil && err == nil {
			err = aerr
		}
		return hist, err
	}
	if ferr := live.Finish(); ferr != nil && err == nil {
		err = ferr
	}
	return hist, err
}

// begin shows the progress line and a placeholder for the chart before
// the first epoch, so that in the cell's output both stay above whatever
// Fit prints (a verbose log). Outside a kernel it does nothing.
func (l *Live) begin() error {
	if cell.Current() == nil {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	h := fmt.Sprintf(`<div style="font-family:monospace;font-size:13px;line-height:1.6">`+
		`Epoch 0/%d <progress value="0" max="%d" style="width:220px;vertical-align:middle"></progress> starting</div>`,
		l.epochs, l.epochs)
	status := display.HTML(h)
	status.Data[display.MIMEText] = fmt.Sprintf("Epoch 0/%d [%s] starting", l.epochs, strings.Repeat(".", 30))
	if err := l.status.Update(status); err != nil {
		return fmt.Errorf("nnplot: Live: %w", err)
	}
	if err := l.chart.Update(display.Text("<training curves: waiting for the first epoch>")); err != nil {
		return fmt.Errorf("nnplot: Live: %w", err)
	}
	return nil
}

// abandon replaces what begin showed when Fit ended before its first
// epoch (invalid data, an interrupt): the progress line says so, the
// chart's placeholder is emptied.
func (l *Live) abandon(cause error) error {
	if cell.Current() == nil {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	text := "Fit stopped before the first epoch"
	if cause != nil {
		text += ": " + cause.Error()
	}
	if err := l.status.Update(display.Text(text)); err != nil {
		return fmt.Errorf("nnplot: Live: %w", err)
	}
	if err := l.chart.Update(display.Text("")); err != nil {
		return fmt.Errorf("nnplot: Live: %w", err)
	}
	return nil
}

// OnEpochEnd records the epoch's values and redraws when the interval has
// passed. It implements nnlib.Callback.
func (l *Live) OnEpochEnd(epoch int, logs map[string]float64) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	if l.began.IsZero() {
		l.began, l.lastDraw = now, now
	}
	if l.keys == nil {
		for k := range logs {
			l.keys = append(l.keys, k)
		}
		slices.Sort(l.keys)
	}
	l.hist.Epoch = append(l.hist.Epoch, epoch)
	for _, k := range l.keys {
		l.hist.History[k] = append(l.hist.History[k], logs[k])
	}
	l.last = epoch
	if now.Sub(l.lastDraw) < l.interval() || cell.Current() == nil {
		return nil
	}
	err := l.draw(false)
	l.lastDraw = time.Now()
	return err
}

// OnBatchEnd implements nnlib.Callback: during long epochs it refreshes the
// progress line (not the chart) with the batch number and the running
// values, at most once per interval.
func (l *Live) OnBatchEnd(batch int, logs map[string]float64) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	if l.began.IsZero() {
		l.began, l.lastDraw = now, now
	}
	if now.Sub(l.lastDraw) < l.interval() || cell.Current() == nil {
		return nil
	}
	l.lastDraw = now
	if err := l.status.Update(l.batchProgress(batch, logs)); err != nil {
		return fmt.Errorf("nnplot: Live: %w", err)
	}
	return nil
}

// Finish draws the final progress line and curves. Call it after Fit
// returns ([FitLive] does); it does nothing when no epoch has run.
func (l *Live) Finish() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.hist.Len() == 0 {
		return nil
	}
	return l.draw(true)
}

// History returns the values recorded so far, like the History Fit
// returns.
func (l *Live) History() *nnlib.History {
	l.mu.Lock()
	defer l.mu.Unlock()
	h := &nnlib.History{Epoch: slices.Clone(l.hist.Epoch), History: map[string][]float64{}}
	for k, v := range l.hist.History {
		h.History[k] = slices.Clone(v)
	}
	return h
}

func (l *Live) interval() time.Duration {
	if l.s.intervalSet {
		return l.s.interval
	}
	return DefaultInterval
}

// draw sends the progress line and the curves; l.mu is held.
func (l *Live) draw(final bool) error {
	if err := l.status.Update(l.progress(final)); err != nil {
		return fmt.Errorf("nnplot: Live: %w", err)
	}
	if cell.Current() == nil {
		return nil // outside a kernel the progress line is enough
	}
	panels, err := l.panels()
	if err != nil {
		return fmt.Errorf("nnplot: Live: %w", err)
	}
	// A literal Bundle: liveChart's SVG is well-formed by construction (its
	// tests parse it), and checking it again would cost more than writing it.
	chart := display.Bundle{Data: map[string]any{
		// The chart's x axis spans the epochs of this Fit (from InitialEpoch).
		display.MIMESVG:  liveChart(panels, l.epochs-l.hist.Epoch[0], l.s.markPerfect),
		display.MIMEText: fmt.Sprintf("<training curves, epoch %d/%d>", l.last+1, max(l.epochs, l.last+1)),
	}}
	if final {
		// Frontends show SVG only in trusted notebooks; the PNG keeps the
		// final picture visible when the saved notebook is reopened.
		png := Curves(&l.hist, l.opts...).Bundle()
		if err := png.Err(); err != nil {
			return fmt.Errorf("nnplot: Live: %w", err)
		}
		chart.Data[display.MIMEPNG] = png.Data[display.MIMEPNG]
		chart.Metadata = png.Metadata
	}
	if err := l.chart.Update(chart); err != nil {
		return fmt.Errorf("nnplot: Live: %w", err)
	}
	return nil
}

// panels groups the recorded series into panels as Curves does: the loss,
// then each metric, each with its validation series.
func (l *Live) panels() ([]livePanel, error) {
	bases, err := panelKeys(&l.hist, l.s.keys)
	if err != nil {
		return nil, err
	}
	out := make([]livePanel, len(bases))
	for i, base := range bases {
		out[i] = livePanel{key: base, train: l.hist.History[base], val: l.hist.History["val_"+base]}
	}
	return out, nil
}

// progress is the progress line: an HTML progress bar with the epoch, the
// time and the latest values, and Keras's text form as the fallback.
func (l *Live) progress(final bool) display.Bundle {
	epoch := l.last + 1
	elapsed := time.Since(l.began)
	var vals, plain strings.Builder
	for _, k := range nnlibKeyOrder(l.keys) {
		v := l.hist.History[k][len(l.hist.History[k])-1]
		fmt.Fprintf(&vals, " &middot; %s: <b>%s</b>", html.EscapeString(k), formatValue(v))
		fmt.Fprintf(&plain, " - %s: %s", k, formatValue(v))
	}
	state := ""
	switch {
	case final && epoch >= l.epochs:
		state = " &middot; done"
	case final:
		state = " &middot; stopped"
	}
	total := max(l.epochs, epoch)
	h := fmt.Sprintf(`<div style="font-family:monospace;font-size:13px;line-height:1.6">`+
		`Epoch %d/%d <progress value="%d" max="%d" style="width:220px;vertical-align:middle"></progress> %s%s%s</div>`,
		epoch, total, epoch, total, formatDuration(elapsed), state, vals.String())
	const width = 30
	done := width * epoch / total
	bar := strings.Repeat("=", done) + strings.Repeat(".", width-done)
	took := " " + formatDuration(elapsed)
	if cell.Current() == nil {
		// Printed rather than drawn (outside a kernel): the same line
		// from run to run, without the time.
		took = ""
	}
	text := fmt.Sprintf("Epoch %d/%d [%s]%s%s", epoch, total, bar, took, plain.String())
	b := display.HTML(h)
	b.Data[display.MIMEText] = text
	return b
}

// batchProgress is the progress line in the middle of an epoch.
func (l *Live) batchProgress(batch int, logs map[string]float64) display.Bundle {
	epoch := l.hist.Len() + 1
	if l.hist.Len() > 0 {
		epoch = l.last + 2
	}
	total := max(l.epochs, epoch)
	keys := make([]string, 0, len(logs))
	for k := range logs {
		if !strings.HasPrefix(k, "val_") {
			keys = append(keys, k)
		}
	}
	var vals, plain strings.Builder
	for _, k := range nnlibKeyOrder(keys) {
		fmt.Fprintf(&vals, " &middot; %s: <b>%s</b>", html.EscapeString(k), formatValue(logs[k]))
		fmt.Fprintf(&plain, " - %s: %s", k, formatValue(logs[k]))
	}
	elapsed := formatDuration(time.Since(l.began))
	h := fmt.Sprintf(`<div style="font-family:monospace;font-size:13px;line-height:1.6">`+
		`Epoch %d/%d <progress value="%d" max="%d" style="width:220px;vertical-align:middle"></progress> %s &middot; batch %d%s</div>`,
		epoch, total, epoch-1, total, elapsed, batch+1, vals.String())
	b := display.HTML(h)
	b.Data[display.MIMEText] = fmt.Sprintf("Epoch %d/%d - batch %d - %s%s", epoch, total, batch+1, elapsed, plain.String())
	return b
}

// nnlibKeyOrder orders log keys as Keras prints them: training keys, then
// val_ keys, loss first within each.
func nnlibKeyOrder(keys []string) []string {
	out := slices.Clone(keys)
	rank := func(k string) int {
		r := 0
		if strings.HasPrefix(k, "val_") {
			r += 2
		}
		if strings.TrimPrefix(k, "val_") != "loss" {
			r++
		}
		return r
	}
	slices.SortStableFunc(out, func(a, b string) int { return rank(a) - rank(b) })
	return out
}

// formatValue prints a logged value as Keras does: %.4f, or %.4e below
// 1e-3.
func formatValue(v float64) string {
	if v != 0 && v > -1e-3 && v < 1e-3 {
		return fmt.Sprintf("%.4e", v)
	}
	return fmt.Sprintf("%.4f", v)
}

// formatDuration prints an elapsed time briefly: 850ms, 12.3s, 2m05s.
func formatDuration(d time.Duration) string {
	switch {
	case d < time.Second:
		return fmt.Sprintf("%dms", d.Milliseconds())
	case d < time.Minute:
		return fmt.Sprintf("%.1fs", d.Seconds())
	}
	return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
}
