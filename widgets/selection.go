package widgets

import (
	"fmt"
	"slices"
)

// Selection is the part shared by Dropdown, RadioButtons and
// ToggleButtons: one of a list of options, by label. The frontend sends
// the index of the chosen option ("index" trait).
type Selection struct{ *Base }

func newSelection(self Widget, sel *Selection, name, styleModel string, description string, options []string,
	value string, extra map[string]trait) error {
	index := any(nil)
	if value != "" {
		i := slices.Index(options, value)
		if i < 0 {
			return fmt.Errorf("widgets: %s: %q is not among the options %q", name, value, options)
		}
		index = i
	} else if len(options) > 0 {
		index = 0
	}
	traits := describedTraits(map[string]trait{
		"_options_labels": {kStrings, []string{}},
		"index":           {kNullInt, nil},
		"disabled":        {kBool, false},
	})
	for n, t := range extra {
		traits[n] = t
	}
	sel.Base = newBase(self, controlSpec(name, name, traits),
		withLayout(map[string]any{"description": description, "_options_labels": options, "index": index}, styleModel))
	return nil
}

// Options returns the labels of the options.
func (s *Selection) Options() []string { return s.Get("_options_labels").([]string) }

// Index returns the index of the chosen option, -1 for none.
func (s *Selection) Index() int {
	if i, ok := s.Get("index").(int); ok {
		return i
	}
	return -1
}

// Value returns the label of the chosen option, "" for none.
func (s *Selection) Value() string {
	i, opts := s.Index(), s.Options()
	if i < 0 || i >= len(opts) {
		return ""
	}
	return opts[i]
}

// SetValue chooses the option labelled value.
func (s *Selection) SetValue(value string) error {
	i := slices.Index(s.Options(), value)
	if i < 0 {
		return fmt.Errorf("widgets: %s: %q is not among the options %q", s.modelName(), value, s.Options())
	}
	s.set("index", i)
	return nil
}

// SetIndex chooses the option at index i (-1 for none).
func (s *Selection) SetIndex(i int) error {
	if i < -1 || i >= len(s.Options()) {
		return fmt.Errorf("widgets: %s: index %d out of range [-1, %d)", s.modelName(), i, len(s.Options()))
	}
	if i == -1 {
		s.set("index", nil)
		return nil
	}
	s.set("index", i)
	return nil
}

// OnChange calls f with the label of the chosen option after every
// change.
func (s *Selection) OnChange(f func(string)) {
	s.Observe("index", func(Change) { f(s.Value()) })
}

// Dropdown chooses one option from a drop-down list (DropdownModel).
type Dropdown struct{ Selection }

// NewDropdown makes a drop-down list of options with value chosen (the
// first option when value is ""). It fails when value is not an option.
func NewDropdown(description string, options []string, value string) (*Dropdown, error) {
	w := &Dropdown{}
	if err := newSelection(w, &w.Selection, "Dropdown", "DescriptionStyleModel", description, options, value, nil); err != nil {
		return nil, err
	}
	return w, nil
}

// RadioButtons chooses one option from radio buttons (RadioButtonsModel).
type RadioButtons struct{ Selection }

// NewRadioButtons makes radio buttons; see NewDropdown.
func NewRadioButtons(description string, options []string, value string) (*RadioButtons, error) {
	w := &RadioButtons{}
	if err := newSelection(w, &w.Selection, "RadioButtons", "DescriptionStyleModel", description, options, value, nil); err != nil {
		return nil, err
	}
	return w, nil
}

// ToggleButtons chooses one option from a row of buttons
// (ToggleButtonsModel).
type ToggleButtons struct{ Selection }

// NewToggleButtons makes a row of toggle buttons; see NewDropdown.
func NewToggleButtons(description string, options []string, value string) (*ToggleButtons, error) {
	w := &ToggleButtons{}
	extra := map[string]trait{
		"button_style": {kString, ""},
		"icons":        {kStrings, []string{}},
		"tooltips":     {kStrings, []string{}},
	}
	if err := newSelection(w, &w.Selection, "ToggleButtons", "ToggleButtonsStyleModel", description, options, value, extra); err != nil {
		return nil, err
	}
	return w, nil
}
