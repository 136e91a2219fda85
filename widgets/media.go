package widgets

import (
	"encoding/base64"
	"errors"
	"fmt"

	"github.com/gokernel/gokernel/display"
)

// Image shows an image from its encoded bytes (ImageModel); the bytes
// travel as a binary buffer.
type Image struct{ *Base }

// NewImage makes an image widget of the encoded image b in format ("png",
// "jpeg", "gif", "svg+xml").
func NewImage(b []byte, format string) *Image {
	w := &Image{}
	w.Base = newBase(w, controlSpec("Image", "Image", domTraits(map[string]trait{
		"format": {kString, "png"},
		"height": {kString, ""},
		"width":  {kString, ""},
		"value":  {kBytes, []byte{}},
	})), withLayout(map[string]any{"value": b, "format": format}, ""))
	return w
}

// Value returns the encoded image.
func (w *Image) Value() []byte { return w.Get("value").([]byte) }

// SetValue replaces the image with the encoded image b, in the widget's
// format.
func (w *Image) SetValue(b []byte) { w.set("value", b) }

// Show replaces the image with the picture of v: anything display.Show
// draws as PNG or JPEG (a gonum plot, an nnplot figure, an image.Image).
// It fails for values without such a picture, and for figures that carry
// an error.
func (w *Image) Show(v any) error {
	data, _, ok := display.MIMEBundle(v)
	if !ok {
		return fmt.Errorf("widgets: Image.Show: %T has no picture", v)
	}
	if r, ok := v.(interface{ Err() error }); ok && r.Err() != nil {
		return fmt.Errorf("widgets: Image.Show: %w", r.Err())
	}
	for _, f := range []struct{ mime, format string }{{"image/png", "png"}, {"image/jpeg", "jpeg"}} {
		s, ok := data[f.mime].(string)
		if !ok {
			continue
		}
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			return fmt.Errorf("widgets: Image.Show: %w", err)
		}
		w.set("format", f.format)
		w.set("value", b)
		return nil
	}
	return errors.New("widgets: Image.Show: no PNG or JPEG picture in the value's display")
}

// IntProgress is a progress bar of integers (IntProgressModel).
type IntProgress struct{ *Base }

func progressTraits(value, min, max trait) map[string]trait {
	return describedTraits(map[string]trait{
		"bar_style":   {kString, ""},
		"orientation": {kString, "horizontal"},
		"value":       value, "min": min, "max": max,
	})
}

// NewIntProgress makes a progress bar from min to max at value.
func NewIntProgress(description string, value, min, max int) *IntProgress {
	w := &IntProgress{}
	w.Base = newBase(w, controlSpec("IntProgress", "Progress", progressTraits(trait{kInt, 0}, trait{kInt, 0}, trait{kInt, 100})),
		withLayout(map[string]any{"description": description, "value": clampInt(value, min, max), "min": min, "max": max},
			"ProgressStyleModel"))
	return w
}

// Value returns the progress.
func (w *IntProgress) Value() int { return w.Get("value").(int) }

// SetValue sets the progress, clamped to the bar's range.
func (w *IntProgress) SetValue(v int) {
	w.set("value", clampInt(v, w.Get("min").(int), w.Get("max").(int)))
}

// FloatProgress is a progress bar of float64 values (FloatProgressModel).
type FloatProgress struct{ *Base }

// NewFloatProgress makes a progress bar from min to max at value.
func NewFloatProgress(description string, value, min, max float64) *FloatProgress {
	w := &FloatProgress{}
	w.Base = newBase(w, controlSpec("FloatProgress", "Progress", progressTraits(trait{kFloat, 0.0}, trait{kFloat, 0.0}, trait{kFloat, 100.0})),
		withLayout(map[string]any{"description": description, "value": clampFloat(value, min, max), "min": min, "max": max},
			"ProgressStyleModel"))
	return w
}

// Value returns the progress.
func (w *FloatProgress) Value() float64 { return w.Get("value").(float64) }

// SetValue sets the progress, clamped to the bar's range.
func (w *FloatProgress) SetValue(v float64) {
	w.set("value", clampFloat(v, w.Get("min").(float64), w.Get("max").(float64)))
}

// Play counts from min to max, one step every interval milliseconds,
// while the user presses play (PlayModel); link its value to a slider to
// animate.
type Play struct{ *Base }

// NewPlay makes a play button counting from min to max by step, one step
// every intervalMs milliseconds.
func NewPlay(value, min, max, step, intervalMs int) *Play {
	w := &Play{}
	w.Base = newBase(w, controlSpec("Play", "Play", describedTraits(map[string]trait{
		"_playing":    {kBool, false},
		"_repeat":     {kBool, false},
		"disabled":    {kBool, false},
		"interval":    {kInt, 100},
		"max":         {kInt, 100},
		"min":         {kInt, 0},
		"playing":     {kBool, false},
		"repeat":      {kBool, false},
		"show_repeat": {kBool, true},
		"step":        {kInt, 1},
		"value":       {kInt, 0},
	})), withLayout(map[string]any{"value": clampInt(value, min, max), "min": min, "max": max, "step": step,
		"interval": intervalMs}, "DescriptionStyleModel"))
	return w
}

// Value returns the current count.
func (w *Play) Value() int { return w.Get("value").(int) }

// SetValue sets the count.
func (w *Play) SetValue(v int) { w.set("value", clampInt(v, w.Get("min").(int), w.Get("max").(int))) }

// OnChange calls f with the new count after every change.
func (w *Play) OnChange(f func(int)) { w.Observe("value", func(c Change) { f(c.New.(int)) }) }
