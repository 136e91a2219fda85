package widgets

import (
	"maps"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/kernel/kerneltest"
	"github.com/gokernel/gokernel/kernel/wire"
)

// common traits of the models of ipywidgets 8.
var (
	modelKeys = []string{"_model_module", "_model_module_version", "_model_name", "_view_count",
		"_view_module", "_view_module_version", "_view_name"}
	domKeys         = append([]string{"_dom_classes", "layout", "tabbable", "tooltip"}, modelKeys...)
	describedKeys   = append([]string{"description", "description_allow_html", "style"}, domKeys...)
	sliderKeys      = append([]string{"behavior", "continuous_update", "disabled", "max", "min", "orientation", "readout", "readout_format", "step", "value"}, describedKeys...)
	selectionKeys   = append([]string{"_options_labels", "disabled", "index"}, describedKeys...)
	textKeys        = append([]string{"continuous_update", "disabled", "placeholder", "value"}, describedKeys...)
	labelKeys       = append([]string{"placeholder", "value"}, describedKeys...)
	progressKeys    = append([]string{"bar_style", "max", "min", "orientation", "value"}, describedKeys...)
	boxKeys         = append([]string{"box_style", "children"}, domKeys...)
	pagedKeys       = append([]string{"selected_index", "titles"}, boxKeys...)
	withKeys        = func(keys []string, more ...string) []string { return append(slices.Clone(keys), more...) }
	controlsModules = [4]string{"@jupyter-widgets/controls", "2.0.0", "@jupyter-widgets/controls", "2.0.0"}
)

// Every widget type opens its comm with the model names and the full
// state of ipywidgets 8, after the comms of its layout and style.
func TestCommOpenCarriesTheStateOfEveryWidgetType(t *testing.T) {
	tests := []struct {
		name     string
		make     func() Widget
		model    string
		view     string
		modules  [4]string // model module, version, view module, version
		keys     []string
		style    string // style model, "" for none
		check    map[string]string
		nBuffers int
	}{
		{"IntSlider", func() Widget { return NewIntSlider("n", 5, 1, 9) }, "IntSliderModel", "IntSliderView", controlsModules, sliderKeys, "SliderStyleModel",
			map[string]string{"value": "5", "min": "1", "max": "9", "step": "1", "readout_format": `"d"`, "description": `"n"`}, 0},
		{"FloatSlider", func() Widget { return NewFloatSlider("x", 0.5, 0, 1) }, "FloatSliderModel", "FloatSliderView", controlsModules, sliderKeys, "SliderStyleModel",
			map[string]string{"value": "0.5", "step": "0.1", "readout_format": `".2f"`}, 0},
		{"FloatLogSlider", func() Widget { return NewFloatLogSlider("lr", 0.01, -4, 0) }, "FloatLogSliderModel", "FloatLogSliderView", controlsModules, withKeys(sliderKeys, "base"), "SliderStyleModel",
			map[string]string{"value": "0.01", "min": "-4", "max": "0", "base": "10"}, 0},
		{"IntRangeSlider", func() Widget { return NewIntRangeSlider("r", 2, 4, 0, 10) }, "IntRangeSliderModel", "IntRangeSliderView", controlsModules, sliderKeys, "SliderStyleModel",
			map[string]string{"value": "[2,4]"}, 0},
		{"Dropdown", func() Widget { w, _ := NewDropdown("act", []string{"relu", "tanh"}, "tanh"); return w }, "DropdownModel", "DropdownView", controlsModules, selectionKeys, "DescriptionStyleModel",
			map[string]string{"index": "1", "_options_labels": `["relu","tanh"]`}, 0},
		{"RadioButtons", func() Widget { w, _ := NewRadioButtons("", []string{"a", "b"}, ""); return w }, "RadioButtonsModel", "RadioButtonsView", controlsModules, selectionKeys, "DescriptionStyleModel",
			map[string]string{"index": "0"}, 0},
		{"ToggleButtons", func() Widget { w, _ := NewToggleButtons("", []string{"a", "b"}, "b"); return w }, "ToggleButtonsModel", "ToggleButtonsView", controlsModules, withKeys(selectionKeys, "button_style", "icons", "tooltips"), "ToggleButtonsStyleModel",
			map[string]string{"index": "1", "icons": "[]"}, 0},
		{"Checkbox", func() Widget { return NewCheckbox("relu", true) }, "CheckboxModel", "CheckboxView", controlsModules, withKeys(describedKeys, "disabled", "indent", "value"), "CheckboxStyleModel",
			map[string]string{"value": "true", "indent": "true"}, 0},
		{"Button", func() Widget { return NewButton("Train") }, "ButtonModel", "ButtonView", controlsModules, withKeys(domKeys, "button_style", "description", "disabled", "icon", "style"), "ButtonStyleModel",
			map[string]string{"description": `"Train"`, "icon": `""`}, 0},
		{"Text", func() Widget { return NewText("name", "go") }, "TextModel", "TextView", controlsModules, textKeys, "TextStyleModel",
			map[string]string{"value": `"go"`}, 0},
		{"Textarea", func() Widget { return NewTextarea("", "a\nb") }, "TextareaModel", "TextareaView", controlsModules, withKeys(textKeys, "rows"), "TextStyleModel",
			map[string]string{"value": `"a\nb"`, "rows": "null"}, 0},
		{"Label", func() Widget { return NewLabel("hi") }, "LabelModel", "LabelView", controlsModules, labelKeys, "LabelStyleModel", map[string]string{"value": `"hi"`}, 0},
		{"HTML", func() Widget { return NewHTML("<b>hi</b>") }, "HTMLModel", "HTMLView", controlsModules, labelKeys, "HTMLStyleModel", nil, 0},
		{"HTMLMath", func() Widget { return NewHTMLMath("$x^2$") }, "HTMLMathModel", "HTMLMathView", controlsModules, labelKeys, "HTMLMathStyleModel", nil, 0},
		{"Image", func() Widget { return NewImage([]byte("\x89PNG"), "png") }, "ImageModel", "ImageView", controlsModules, withKeys(domKeys, "format", "height", "width"), "",
			map[string]string{"format": `"png"`}, 1},
		{"IntProgress", func() Widget { return NewIntProgress("epochs", 3, 0, 10) }, "IntProgressModel", "ProgressView", controlsModules, progressKeys, "ProgressStyleModel",
			map[string]string{"value": "3", "max": "10", "bar_style": `""`}, 0},
		{"FloatProgress", func() Widget { return NewFloatProgress("", 0.5, 0, 1) }, "FloatProgressModel", "ProgressView", controlsModules, progressKeys, "ProgressStyleModel", nil, 0},
		{"Play", func() Widget { return NewPlay(0, 0, 10, 1, 200) }, "PlayModel", "PlayView", controlsModules,
			withKeys(describedKeys, "_playing", "_repeat", "disabled", "interval", "max", "min", "playing", "repeat", "show_repeat", "step", "value"), "DescriptionStyleModel",
			map[string]string{"interval": "200", "max": "10"}, 0},
		{"Output", func() Widget { return NewOutput() }, "OutputModel", "OutputView", [4]string{"@jupyter-widgets/output", "1.0.0", "@jupyter-widgets/output", "1.0.0"},
			withKeys(domKeys, "msg_id", "outputs"), "", map[string]string{"outputs": "[]", "msg_id": `""`}, 0},
		{"HBox", func() Widget { return NewHBox() }, "HBoxModel", "HBoxView", controlsModules, boxKeys, "", map[string]string{"children": "[]"}, 0},
		{"VBox", func() Widget { return NewVBox() }, "VBoxModel", "VBoxView", controlsModules, boxKeys, "", nil, 0},
		{"GridBox", func() Widget { return NewGridBox() }, "GridBoxModel", "GridBoxView", controlsModules, boxKeys, "", nil, 0},
		{"Tab", func() Widget { return NewTab() }, "TabModel", "TabView", controlsModules, pagedKeys, "", map[string]string{"selected_index": "null", "titles": "[]"}, 0},
		{"Accordion", func() Widget { return NewAccordion() }, "AccordionModel", "AccordionView", controlsModules, pagedKeys, "", nil, 0},
	}
	cells := funcInterp{}
	for _, tt := range tests {
		cells[tt.name] = func() any { return tt.make() }
	}
	x := start(t, cells)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msgs := x.run(tt.name)
			opens := ofType(msgs, "comm_open")
			if len(opens) == 0 {
				t.Fatalf("no comm_open: %v", msgs)
			}
			opened := map[string]map[string]any{} // comm id → state
			for _, m := range opens {
				c := content(m)
				if c["target_name"] != "jupyter.widget" || m.Metadata["version"] != "2.1.0" {
					t.Errorf("comm_open target %v metadata %v", c["target_name"], m.Metadata)
				}
				opened[c["comm_id"].(string)] = data(m)["state"].(map[string]any)
			}
			last := opens[len(opens)-1]
			state := data(last)["state"].(map[string]any)
			// Binary traits travel as buffers, outside of the state.
			if got := slices.Sorted(maps.Keys(state)); !slices.Equal(got, sorted(tt.keys)) {
				t.Errorf("state keys\n got %v\nwant %v", got, sorted(tt.keys))
			}
			names := [...]string{state["_model_name"].(string), asJSON(state["_view_name"])}
			if names != [...]string{tt.model, `"` + tt.view + `"`} {
				t.Errorf("names %v", names)
			}
			mods := [4]string{state["_model_module"].(string), state["_model_module_version"].(string),
				state["_view_module"].(string), state["_view_module_version"].(string)}
			if mods != tt.modules {
				t.Errorf("modules %v, want %v", mods, tt.modules)
			}
			for k, want := range tt.check {
				if got := asJSON(state[k]); got != want {
					t.Errorf("%s = %s, want %s", k, got, want)
				}
			}
			// The layout and the style were opened first.
			layout := opened[strings.TrimPrefix(state["layout"].(string), "IPY_MODEL_")]
			if layout == nil || layout["_model_name"] != "LayoutModel" || layout["_model_module"] != "@jupyter-widgets/base" ||
				layout["width"] != nil || len(layout) != 46 {
				t.Errorf("layout %s not opened before, or not a LayoutModel with 39 CSS traits: %v", state["layout"], layout)
			}
			if tt.style != "" {
				style := opened[strings.TrimPrefix(state["style"].(string), "IPY_MODEL_")]
				if style == nil || style["_model_name"] != tt.style || style["_view_name"] != "StyleView" ||
					style["_view_module"] != "@jupyter-widgets/base" {
					t.Errorf("style %v: %v", state["style"], style)
				}
			}
			if paths := asJSON(data(last)["buffer_paths"]); len(last.Buffers) != tt.nBuffers ||
				(tt.nBuffers == 1 && paths != `[["value"]]`) {
				t.Errorf("buffers %d, paths %s", len(last.Buffers), paths)
			}
			// The cell's value shows the view.
			res := ofType(msgs, "execute_result")
			if len(res) != 1 {
				t.Fatalf("no execute_result")
			}
			view := content(res[0])["data"].(map[string]any)
			if got := asJSON(view["application/vnd.jupyter.widget-view+json"]); got !=
				`{"model_id":"`+content(last)["comm_id"].(string)+`","version_major":2,"version_minor":0}` {
				t.Errorf("view %s", got)
			}
			if s, _ := view["text/plain"].(string); !strings.HasPrefix(s, strings.TrimSuffix(tt.model, "Model")+"(") {
				t.Errorf("text/plain %q", s)
			}
		})
	}
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	sort.Strings(s)
	return slices.Compact(s)
}

// The frontend's update changes the Go value, is echoed (echo_update) and
// runs the observers, whose output goes to the comm message's output; a
// value set from Go is sent as an update.
func TestUpdateBothWays(t *testing.T) {
	var slider *IntSlider
	var seen []int
	x := start(t, funcInterp{
		"make": func() any {
			slider = NewIntSlider("units", 8, 1, 32)
			slider.OnChange(func(n int) {
				seen = append(seen, n)
				println("units now", n)
			})
			return slider
		},
		"set": func() any { slider.SetValue(99); return nil },
	})
	x.run("make")
	msgs := x.update(slider, map[string]any{"value": 12})
	comm := ofType(msgs, "comm_msg")
	if len(comm) != 1 || asJSON(data(comm[0])) != `{"buffer_paths":[],"method":"echo_update","state":{"value":12}}` {
		t.Fatalf("echo: %v", msgs)
	}
	if slider.Value() != 12 || !slices.Equal(seen, []int{12}) {
		t.Errorf("value %d, callbacks saw %v", slider.Value(), seen)
	}
	// The same value again changes nothing and calls nobody.
	x.update(slider, map[string]any{"value": 12.0})
	if !slices.Equal(seen, []int{12}) {
		t.Errorf("callbacks saw %v after an update to the same value", seen)
	}
	// A value of the wrong type is refused: the frontend is put right.
	msgs = x.update(slider, map[string]any{"value": "many"})
	comm = ofType(msgs, "comm_msg")
	if len(comm) != 2 || asJSON(data(comm[1])) != `{"buffer_paths":[],"method":"update","state":{"value":12}}` {
		t.Errorf("bad update answered with %v", msgs)
	}
	// From Go: clamped to the range, sent as an update.
	msgs = x.run("set")
	comm = ofType(msgs, "comm_msg")
	if len(comm) != 1 || asJSON(data(comm[0])) != `{"buffer_paths":[],"method":"update","state":{"value":32}}` {
		t.Errorf("SetValue sent %v", msgs)
	}
	if !slices.Equal(seen, []int{12, 32}) {
		t.Errorf("callbacks saw %v", seen)
	}
}

// A click runs OnClick; a callback's output goes to the Output widget set
// with SetOutput; a panicking callback is reported there and the widget
// keeps working.
func TestButtonCallbacksAndTheirOutput(t *testing.T) {
	var button *Button
	var out *Output
	clicks := 0
	x := start(t, funcInterp{
		"make": func() any {
			button = NewButton("Train")
			out = NewOutput()
			button.SetOutput(out)
			button.OnClick(func() {
				clicks++
				out.Printf("click %d\n", clicks)
				if clicks == 2 {
					panic("second click")
				}
			})
			return NewVBox(button, out)
		},
	})
	x.run("make")
	click := map[string]any{"comm_id": button.ModelID(), "data": map[string]any{"method": "custom", "content": map[string]any{"event": "click"}}}
	msgs := x.send("comm_msg", click)
	if clicks != 1 {
		t.Fatalf("clicks %d", clicks)
	}
	var outputs []string
	for _, m := range ofType(msgs, "comm_msg") {
		if content(m)["comm_id"] == out.ModelID() {
			outputs = append(outputs, asJSON(data(m)["state"]))
		}
	}
	if want := `{"outputs":[{"name":"stdout","output_type":"stream","text":"click 1\n"}]}`; !slices.Equal(outputs, []string{want}) {
		t.Errorf("Output updates %v", outputs)
	}
	x.send("comm_msg", click)
	if text := asJSON(out.Outputs()); !strings.Contains(text, "click 2") || !strings.Contains(text, "widgets: a callback of Button panicked: second click") {
		t.Errorf("outputs after a panic: %s", text)
	}
	button.Click()
	if clicks != 3 {
		t.Errorf("Click from Go: clicks %d", clicks)
	}
}

// request_state is answered with the full state; the control comm's
// request_states with every live widget, buffers included.
func TestRequestStates(t *testing.T) {
	var slider *IntSlider
	var img *Image
	x := start(t, funcInterp{"make": func() any {
		slider = NewIntSlider("a", 3, 0, 5)
		img = NewImage([]byte{1, 2, 3}, "png")
		return NewHBox(slider, img)
	}})
	x.run("make")
	msgs := x.send("comm_msg", map[string]any{"comm_id": img.ModelID(), "data": map[string]any{"method": "request_state"}})
	comm := ofType(msgs, "comm_msg")
	if len(comm) != 1 || data(comm[0])["method"] != "update" || len(comm[0].Buffers) != 1 ||
		asJSON(data(comm[0])["buffer_paths"]) != `[["value"]]` || data(comm[0])["state"].(map[string]any)["_model_name"] != "ImageModel" {
		t.Fatalf("request_state answered %v", comm)
	}

	x.send("comm_open", map[string]any{"comm_id": "ctl", "target_name": "jupyter.widget.control", "data": map[string]any{}})
	msgs = x.send("comm_msg", map[string]any{"comm_id": "ctl", "data": map[string]any{"method": "request_states"}})
	comm = ofType(msgs, "comm_msg")
	if len(comm) != 1 || data(comm[0])["method"] != "update_states" {
		t.Fatalf("request_states answered %v", comm)
	}
	states := data(comm[0])["states"].(map[string]any)
	// box, slider, image, their layouts (3) and the slider's style.
	if len(states) != 7 {
		t.Errorf("%d states: %v", len(states), slices.Collect(maps.Keys(states)))
	}
	s := states[slider.ModelID()].(map[string]any)
	if s["model_name"] != "IntSliderModel" || s["model_module"] != "@jupyter-widgets/controls" ||
		s["model_module_version"] != "2.0.0" || s["state"].(map[string]any)["value"] != 3.0 {
		t.Errorf("slider's entry %v", s)
	}
	if got := asJSON(data(comm[0])["buffer_paths"]); got != `[["`+img.ModelID()+`","state","value"]]` ||
		len(comm[0].Buffers) != 1 || string(comm[0].Buffers[0]) != "\x01\x02\x03" {
		t.Errorf("buffer paths %s, buffers %q", got, comm[0].Buffers)
	}
}

// Close from Go sends comm_close; a close from the frontend frees the
// widget.
func TestClose(t *testing.T) {
	var a, b *Checkbox
	x := start(t, funcInterp{
		"make":  func() any { a, b = NewCheckbox("a", false), NewCheckbox("b", true); return nil },
		"close": func() any { a.Close(); a.Close(); return nil },
	})
	x.run("make")
	msgs := x.run("close")
	closes := ofType(msgs, "comm_close")
	if len(closes) != 1 || content(closes[0])["comm_id"] != a.ModelID() || !a.Closed() {
		t.Errorf("close sent %v", msgs)
	}
	x.send("comm_close", map[string]any{"comm_id": b.ModelID(), "data": map[string]any{}})
	if !b.Closed() || slices.Contains(Live(), b.ModelID()) || slices.Contains(Live(), a.ModelID()) {
		t.Errorf("closed widgets still live: %v", Live())
	}
	// A closed widget sends nothing more.
	var sent []*wire.Message
	x.s.Flush()
	b.SetValue(false)
	if m, err := x.s.NextIOPub(0); err == nil {
		sent = append(sent, m)
	}
	if len(sent) != 0 {
		t.Errorf("closed widget sent %v", sent)
	}
	_ = kerneltest.Timeout
}
