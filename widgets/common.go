package widgets

import "maps"

// Trait sets shared by the widgets, as in ipywidgets 8.

// domTraits are the traits of every widget with a view (DOMWidget).
func domTraits(extra map[string]trait) map[string]trait {
	t := map[string]trait{
		"_dom_classes": {kStrings, []string{}},
		"layout":       {kWidget, nil},
		"tabbable":     {kNullBool, nil},
		"tooltip":      {kNullString, nil},
	}
	maps.Copy(t, extra)
	return t
}

// describedTraits are those of a widget with a description
// (DescriptionWidget).
func describedTraits(extra map[string]trait) map[string]trait {
	t := domTraits(map[string]trait{
		"description":            {kString, ""},
		"description_allow_html": {kBool, false},
		"style":                  {kWidget, nil},
	})
	maps.Copy(t, extra)
	return t
}

// controlSpec is the spec of a model of @jupyter-widgets/controls.
func controlSpec(model, view string, traits map[string]trait) spec {
	return spec{model: model + "Model", view: view + "View", module: controls, viewModule: controls,
		version: version2, viewVerson: version2, traits: traits}
}

// withLayout adds a new Layout, and a new style of model styleModel
// unless it is "", to values.
func withLayout(values map[string]any, styleModel string) map[string]any {
	if values == nil {
		values = map[string]any{}
	}
	values["layout"] = NewLayout()
	if styleModel != "" {
		values["style"] = newStyle(styleModel)
	}
	return values
}
