package widgets

// Text is a one-line text field (TextModel).
type Text struct{ *Base }

func textTraits(extra map[string]trait) map[string]trait {
	t := describedTraits(map[string]trait{
		"continuous_update": {kBool, true},
		"disabled":          {kBool, false},
		"placeholder":       {kString, "\u200b"},
		"value":             {kString, ""},
	})
	for n, tr := range extra {
		t[n] = tr
	}
	return t
}

// NewText makes a text field holding value.
func NewText(description, value string) *Text {
	w := &Text{}
	w.Base = newBase(w, controlSpec("Text", "Text", textTraits(nil)),
		withLayout(map[string]any{"description": description, "value": value}, "TextStyleModel"))
	return w
}

// Value returns the text.
func (w *Text) Value() string { return w.Get("value").(string) }

// SetValue replaces the text.
func (w *Text) SetValue(v string) { w.set("value", v) }

// OnChange calls f with the new text after every change.
func (w *Text) OnChange(f func(string)) { w.Observe("value", func(c Change) { f(c.New.(string)) }) }

// Textarea is a multi-line text field (TextareaModel).
type Textarea struct{ *Base }

// NewTextarea makes a text area holding value.
func NewTextarea(description, value string) *Textarea {
	w := &Textarea{}
	w.Base = newBase(w, controlSpec("Textarea", "Textarea", textTraits(map[string]trait{"rows": {kNullInt, nil}})),
		withLayout(map[string]any{"description": description, "value": value}, "TextStyleModel"))
	return w
}

// Value returns the text.
func (w *Textarea) Value() string { return w.Get("value").(string) }

// SetValue replaces the text.
func (w *Textarea) SetValue(v string) { w.set("value", v) }

// OnChange calls f with the new text after every change.
func (w *Textarea) OnChange(f func(string)) { w.Observe("value", func(c Change) { f(c.New.(string)) }) }

// Label shows a line of text (LabelModel); HTML and HTMLMath show HTML,
// the latter with LaTeX between $…$ typeset.
type Label struct{ *Base }

// HTML shows HTML (HTMLModel).
type HTML struct{ *Base }

// HTMLMath shows HTML with LaTeX (HTMLMathModel).
type HTMLMath struct{ *Base }

func labelTraits() map[string]trait {
	return describedTraits(map[string]trait{
		"placeholder": {kString, "\u200b"},
		"value":       {kString, ""},
	})
}

// NewLabel makes a label showing value.
func NewLabel(value string) *Label {
	w := &Label{}
	w.Base = newBase(w, controlSpec("Label", "Label", labelTraits()),
		withLayout(map[string]any{"value": value}, "LabelStyleModel"))
	return w
}

// NewHTML makes a widget showing the HTML value.
func NewHTML(value string) *HTML {
	w := &HTML{}
	w.Base = newBase(w, controlSpec("HTML", "HTML", labelTraits()),
		withLayout(map[string]any{"value": value}, "HTMLStyleModel"))
	return w
}

// NewHTMLMath makes a widget showing HTML with LaTeX.
func NewHTMLMath(value string) *HTMLMath {
	w := &HTMLMath{}
	w.Base = newBase(w, controlSpec("HTMLMath", "HTMLMath", labelTraits()),
		withLayout(map[string]any{"value": value}, "HTMLMathStyleModel"))
	return w
}

// Value returns the text shown.
func (w *Label) Value() string { return w.Get("value").(string) }

// SetValue replaces the text shown.
func (w *Label) SetValue(v string) { w.set("value", v) }

// Value returns the HTML shown.
func (w *HTML) Value() string { return w.Get("value").(string) }

// SetValue replaces the HTML shown.
func (w *HTML) SetValue(v string) { w.set("value", v) }

// Value returns the HTML shown.
func (w *HTMLMath) Value() string { return w.Get("value").(string) }

// SetValue replaces the HTML shown.
func (w *HTMLMath) SetValue(v string) { w.set("value", v) }
