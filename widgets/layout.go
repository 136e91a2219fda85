package widgets

// Layout is the CSS layout of a widget (LayoutModel of
// @jupyter-widgets/base 2.0.0): "width", "height", "margin", "border",
// "display", "flex_flow", "grid_template_columns", … Every trait is a
// string or nil (the browser's default). Each widget has its own, from
// its Layout method.
type Layout struct{ *Base }

// layoutTraits are the CSS properties of LayoutModel.
var layoutTraits = []string{"align_content", "align_items", "align_self", "border_bottom", "border_left",
	"border_right", "border_top", "bottom", "display", "flex", "flex_flow", "grid_area",
	"grid_auto_columns", "grid_auto_flow", "grid_auto_rows", "grid_column", "grid_gap", "grid_row",
	"grid_template_areas", "grid_template_columns", "grid_template_rows", "height", "justify_content",
	"justify_items", "left", "margin", "max_height", "max_width", "min_height", "min_width",
	"object_fit", "object_position", "order", "overflow", "padding", "right", "top", "visibility", "width"}

// NewLayout makes a Layout; widgets make their own, so this is for
// sharing one layout between widgets (w.Set("layout", l)).
func NewLayout() *Layout {
	traits := map[string]trait{}
	for _, name := range layoutTraits {
		traits[name] = trait{kNullString, nil}
	}
	l := &Layout{}
	l.Base = newBase(l, spec{model: "LayoutModel", view: "LayoutView", module: baseModule,
		viewModule: baseModule, version: version2, viewVerson: version2, traits: traits}, nil)
	return l
}

// Style is the styling of a widget beyond its layout: "description_width",
// "handle_color" (sliders), "bar_color" (progress bars), "button_color",
// "font_weight", "text_color", … The traits depend on the widget (the
// style models of @jupyter-widgets/controls 2.0.0).
type Style struct{ *Base }

// styleKinds are the style models and their traits (all strings or nil,
// except description_width and a few that are strings).
var styleKinds = map[string][]string{
	"DescriptionStyleModel":   {"description_width"},
	"SliderStyleModel":        {"description_width", "handle_color"},
	"ProgressStyleModel":      {"description_width", "bar_color"},
	"CheckboxStyleModel":      {"description_width", "background"},
	"ToggleButtonsStyleModel": {"description_width", "button_width", "font_weight"},
	"TextStyleModel":          {"description_width", "background", "font_size", "text_color"},
	"LabelStyleModel": {"description_width", "background", "font_family", "font_size", "font_style",
		"font_variant", "font_weight", "text_color", "text_decoration"},
	"HTMLStyleModel":     {"description_width", "background", "font_size", "text_color"},
	"HTMLMathStyleModel": {"description_width", "background", "font_size", "text_color"},
	"ButtonStyleModel": {"button_color", "font_family", "font_size", "font_style", "font_variant",
		"font_weight", "text_color", "text_decoration"},
}

// stringStyleTraits are style traits that are strings ("" by default)
// rather than nullable.
var stringStyleTraits = map[string]bool{"description_width": true, "button_width": true}

func newStyle(model string) *Style {
	traits := map[string]trait{}
	for _, name := range styleKinds[model] {
		if stringStyleTraits[name] || (model == "ToggleButtonsStyleModel" && name == "font_weight") {
			traits[name] = trait{kString, ""}
		} else {
			traits[name] = trait{kNullString, nil}
		}
	}
	s := &Style{}
	s.Base = newBase(s, spec{model: model, view: "StyleView", module: controls, viewModule: baseModule,
		version: version2, viewVerson: version2, traits: traits}, nil)
	return s
}
