package nnplot

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/gokernel/gokernel/cell"
	"github.com/gokernel/gokernel/display"
	"github.com/gokernel/gokernel/nnlib"
	"github.com/gokernel/gokernel/widgets"
)

// FitControls trains m like [FitLive] and shows, above the live display,
// two widgets: a progress bar of the epochs done and a Stop button. Stop
// cancels training through its context after the current batch (as an
// interrupt does, for this Fit only); FitControls then returns the history
// so far and a nil error, and the bar turns orange. After a full run the
// bar turns green; after a failure, red. Options as for [NewLive].
//
//	hist, err := nnplot.FitControls(model, x, y, nnlib.FitOptions{Epochs: 2000})
func FitControls(m *nnlib.Sequential, x, y any, fit nnlib.FitOptions, opts ...Option) (*nnlib.History, error) {
	if m == nil {
		return nil, errors.New("nnplot: FitControls: nil model")
	}
	epochs := fit.Epochs
	if epochs <= 0 {
		epochs = 1
	}
	parent := fit.Context
	if parent == nil {
		parent = cell.Context()
	}
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	bar := widgets.NewIntProgress("epoch", 0, 0, epochs)
	stop := widgets.NewButton("Stop")
	_ = stop.Set("button_style", "danger")
	_ = stop.Set("icon", "stop")
	stopped := make(chan struct{})
	stop.OnClick(func() {
		select {
		case <-stopped:
		default:
			close(stopped)
		}
		cancel()
	})
	if err := display.Show(widgets.NewHBox(bar, stop)); err != nil {
		return nil, fmt.Errorf("nnplot: FitControls: %w", err)
	}
	fit.Context = ctx
	fit.Callbacks = append(slices.Clone(fit.Callbacks), &barCallback{bar: bar})
	hist, err := FitLive(m, x, y, fit, opts...)
	if hist != nil {
		bar.SetValue(hist.Len())
	}
	_ = stop.Set("disabled", true)
	select {
	case <-stopped:
		if parent.Err() == nil && errors.Is(err, context.Canceled) {
			err = nil
		}
		_ = bar.Set("bar_style", "warning")
		_ = bar.Set("description", "stopped")
	default:
		if err != nil {
			_ = bar.Set("bar_style", "danger")
		} else {
			_ = bar.Set("bar_style", "success")
		}
	}
	return hist, err
}

// barCallback moves a progress bar to the number of epochs done, at most
// every barInterval and after the last epoch.
type barCallback struct {
	bar  *widgets.IntProgress
	last time.Time
}

const barInterval = 50 * time.Millisecond

func (c *barCallback) OnEpochEnd(epoch int, _ map[string]float64) error {
	if now := time.Now(); now.Sub(c.last) >= barInterval || epoch+1 == c.bar.Get("max").(int) {
		c.last = now
		c.bar.SetValue(epoch + 1)
	}
	return nil
}

func (c *barCallback) OnBatchEnd(int, map[string]float64) error { return nil }
