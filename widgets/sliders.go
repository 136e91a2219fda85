package widgets

import (
	"fmt"
	"math"
)

// sliderTraits are the traits shared by the sliders.
func sliderTraits(value, min, max, step trait, format string) map[string]trait {
	return describedTraits(map[string]trait{
		"behavior":          {kString, "drag-tap"},
		"continuous_update": {kBool, true},
		"disabled":          {kBool, false},
		"orientation":       {kString, "horizontal"},
		"readout":           {kBool, true},
		"readout_format":    {kString, format},
		"value":             value, "min": min, "max": max, "step": step,
	})
}

// IntSlider is a slider of integers (IntSliderModel).
type IntSlider struct{ *Base }

// NewIntSlider makes a slider from min to max at value (clamped to the
// range), labelled with description; its step is 1 ("step" trait).
func NewIntSlider(description string, value, min, max int) *IntSlider {
	if max < min {
		min, max = max, min
	}
	w := &IntSlider{}
	w.Base = newBase(w, controlSpec("IntSlider", "IntSlider",
		sliderTraits(trait{kInt, 0}, trait{kInt, 0}, trait{kInt, 100}, trait{kInt, 1}, "d")),
		withLayout(map[string]any{"description": description, "value": clampInt(value, min, max),
			"min": min, "max": max}, "SliderStyleModel"))
	return w
}

// Value returns the slider's value.
func (w *IntSlider) Value() int { return w.Get("value").(int) }

// SetValue moves the slider to v, clamped to its range.
func (w *IntSlider) SetValue(v int) {
	w.set("value", clampInt(v, w.Get("min").(int), w.Get("max").(int)))
}

// OnChange calls f with the new value after every change.
func (w *IntSlider) OnChange(f func(int)) {
	w.Observe("value", func(c Change) { f(c.New.(int)) })
}

// FloatSlider is a slider of float64 values (FloatSliderModel).
type FloatSlider struct{ *Base }

// NewFloatSlider makes a slider from min to max at value (clamped), with
// step 0.1 ("step" trait) and two decimals shown ("readout_format").
func NewFloatSlider(description string, value, min, max float64) *FloatSlider {
	if max < min {
		min, max = max, min
	}
	w := &FloatSlider{}
	w.Base = newBase(w, controlSpec("FloatSlider", "FloatSlider",
		sliderTraits(trait{kFloat, 0.0}, trait{kFloat, 0.0}, trait{kFloat, 100.0}, trait{kNullFloat, 0.1}, ".2f")),
		withLayout(map[string]any{"description": description, "value": clampFloat(value, min, max),
			"min": min, "max": max}, "SliderStyleModel"))
	return w
}

// Value returns the slider's value.
func (w *FloatSlider) Value() float64 { return w.Get("value").(float64) }

// SetValue moves the slider to v, clamped to its range.
func (w *FloatSlider) SetValue(v float64) {
	w.set("value", clampFloat(v, w.Get("min").(float64), w.Get("max").(float64)))
}

// OnChange calls f with the new value after every change.
func (w *FloatSlider) OnChange(f func(float64)) {
	w.Observe("value", func(c Change) { f(c.New.(float64)) })
}

// FloatLogSlider is a slider on a logarithmic scale (FloatLogSliderModel):
// its min, max and step are exponents of its base (10).
type FloatLogSlider struct{ *Base }

// NewFloatLogSlider makes a slider from 10^minExp to 10^maxExp at value
// (clamped); a learning rate from 1e-4 to 1 is
// NewFloatLogSlider("learning rate", 0.01, -4, 0).
func NewFloatLogSlider(description string, value, minExp, maxExp float64) *FloatLogSlider {
	if maxExp < minExp {
		minExp, maxExp = maxExp, minExp
	}
	w := &FloatLogSlider{}
	traits := sliderTraits(trait{kFloat, 1.0}, trait{kFloat, 0.0}, trait{kFloat, 4.0}, trait{kNullFloat, 0.1}, ".3g")
	traits["base"] = trait{kFloat, 10.0}
	w.Base = newBase(w, controlSpec("FloatLogSlider", "FloatLogSlider", traits),
		withLayout(map[string]any{"description": description, "min": minExp, "max": maxExp,
			"value": clampFloat(value, math.Pow(10, minExp), math.Pow(10, maxExp))}, "SliderStyleModel"))
	return w
}

// Value returns the slider's value.
func (w *FloatLogSlider) Value() float64 { return w.Get("value").(float64) }

// SetValue moves the slider to v, clamped to its range.
func (w *FloatLogSlider) SetValue(v float64) {
	base := w.Get("base").(float64)
	w.set("value", clampFloat(v, math.Pow(base, w.Get("min").(float64)), math.Pow(base, w.Get("max").(float64))))
}

// OnChange calls f with the new value after every change.
func (w *FloatLogSlider) OnChange(f func(float64)) {
	w.Observe("value", func(c Change) { f(c.New.(float64)) })
}

// IntRangeSlider selects a range of integers with two handles
// (IntRangeSliderModel).
type IntRangeSlider struct{ *Base }

// NewIntRangeSlider makes a range slider from min to max with the handles
// at low and high.
func NewIntRangeSlider(description string, low, high, min, max int) *IntRangeSlider {
	if max < min {
		min, max = max, min
	}
	low, high = clampInt(low, min, max), clampInt(high, min, max)
	if high < low {
		low, high = high, low
	}
	w := &IntRangeSlider{}
	w.Base = newBase(w, controlSpec("IntRangeSlider", "IntRangeSlider",
		sliderTraits(trait{kIntPair, []int{0, 1}}, trait{kInt, 0}, trait{kInt, 100}, trait{kInt, 1}, "d")),
		withLayout(map[string]any{"description": description, "value": []int{low, high}, "min": min, "max": max},
			"SliderStyleModel"))
	return w
}

// Value returns the low and high ends of the range.
func (w *IntRangeSlider) Value() (low, high int) {
	v := w.Get("value").([]int)
	return v[0], v[1]
}

// SetValue moves the handles; it fails when low > high.
func (w *IntRangeSlider) SetValue(low, high int) error {
	if low > high {
		return fmt.Errorf("widgets: IntRangeSlider: low %d > high %d", low, high)
	}
	min, max := w.Get("min").(int), w.Get("max").(int)
	w.set("value", []int{clampInt(low, min, max), clampInt(high, min, max)})
	return nil
}

// OnChange calls f with the new range after every change.
func (w *IntRangeSlider) OnChange(f func(low, high int)) {
	w.Observe("value", func(c Change) {
		v := c.New.([]int)
		f(v[0], v[1])
	})
}

func clampInt(v, min, max int) int {
	return int(math.Min(math.Max(float64(v), float64(min)), float64(max)))
}
func clampFloat(v, min, max float64) float64 { return math.Min(math.Max(v, min), max) }
