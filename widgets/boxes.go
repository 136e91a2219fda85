package widgets

// Box lays out its children (HBoxModel, VBoxModel, GridBoxModel); Tab and
// Accordion show one child per page.
type Box struct{ *Base }

func boxTraits(extra map[string]trait) map[string]trait {
	t := domTraits(map[string]trait{
		"box_style": {kString, ""},
		"children":  {kWidgets, []Widget{}},
	})
	for n, tr := range extra {
		t[n] = tr
	}
	return t
}

func newBox(name string, children []Widget, extra map[string]trait, values map[string]any) *Box {
	w := &Box{}
	if values == nil {
		values = map[string]any{}
	}
	values["children"] = children
	w.Base = newBase(w, controlSpec(name, name, boxTraits(extra)), withLayout(values, ""))
	return w
}

// NewHBox lays children out in a row.
func NewHBox(children ...Widget) *Box { return newBox("HBox", children, nil, nil) }

// NewVBox lays children out in a column.
func NewVBox(children ...Widget) *Box { return newBox("VBox", children, nil, nil) }

// NewGridBox lays children out in a CSS grid; set its layout's
// "grid_template_columns" (e.g. "repeat(3, 200px)").
func NewGridBox(children ...Widget) *Box { return newBox("GridBox", children, nil, nil) }

// NewTab shows each child on a tab; name the tabs with SetTitles.
func NewTab(children ...Widget) *Box { return newPaged("Tab", children) }

// NewAccordion shows each child in a collapsible section; name them with
// SetTitles.
func NewAccordion(children ...Widget) *Box { return newPaged("Accordion", children) }

func newPaged(name string, children []Widget) *Box {
	var selected any
	if len(children) > 0 {
		selected = 0
	}
	titles := make([]string, len(children))
	return newBox(name, children, map[string]trait{
		"selected_index": {kNullInt, nil},
		"titles":         {kStrings, []string{}},
	}, map[string]any{"selected_index": selected, "titles": titles})
}

// Children returns the box's children.
func (w *Box) Children() []Widget { return w.Get("children").([]Widget) }

// SetChildren replaces the box's children.
func (w *Box) SetChildren(children ...Widget) error { return w.Set("children", children) }

// SetTitles names the pages of a Tab or Accordion.
func (w *Box) SetTitles(titles ...string) error { return w.Set("titles", titles) }
