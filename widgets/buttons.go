package widgets

// Checkbox is a boolean check box (CheckboxModel).
type Checkbox struct{ *Base }

// NewCheckbox makes a check box, checked when value is true.
func NewCheckbox(description string, value bool) *Checkbox {
	w := &Checkbox{}
	w.Base = newBase(w, controlSpec("Checkbox", "Checkbox", describedTraits(map[string]trait{
		"disabled": {kBool, false},
		"indent":   {kBool, true},
		"value":    {kBool, false},
	})), withLayout(map[string]any{"description": description, "value": value}, "CheckboxStyleModel"))
	return w
}

// Value reports whether the box is checked.
func (w *Checkbox) Value() bool { return w.Get("value").(bool) }

// SetValue checks or unchecks the box.
func (w *Checkbox) SetValue(v bool) { w.set("value", v) }

// OnChange calls f with the new value after every change.
func (w *Checkbox) OnChange(f func(bool)) {
	w.Observe("value", func(c Change) { f(c.New.(bool)) })
}

// Button is a push button (ButtonModel). Its clicks arrive as custom
// messages and call the OnClick callbacks.
type Button struct{ *Base }

// NewButton makes a button labelled description.
func NewButton(description string) *Button {
	w := &Button{}
	w.Base = newBase(w, controlSpec("Button", "Button", domTraits(map[string]trait{
		"button_style": {kString, ""},
		"description":  {kString, ""},
		"disabled":     {kBool, false},
		"icon":         {kString, ""},
		"style":        {kWidget, nil},
	})), withLayout(map[string]any{"description": description}, "ButtonStyleModel"))
	return w
}

// OnClick calls f on every click.
func (w *Button) OnClick(f func()) {
	if f == nil {
		return
	}
	w.mu.Lock()
	w.onCustom = append(w.onCustom, func(content map[string]any, _ [][]byte) {
		if content["event"] == "click" {
			f()
		}
	})
	w.mu.Unlock()
}

// Click runs the OnClick callbacks as a click in the frontend does.
func (w *Button) Click() {
	w.mu.Lock()
	fs := append([]func(map[string]any, [][]byte){}, w.onCustom...)
	w.mu.Unlock()
	for _, f := range fs {
		w.callback(func() { f(map[string]any{"event": "click"}, nil) })
	}
}
