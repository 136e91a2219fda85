package widgets

import (
	"errors"
	"fmt"
	"reflect"

	"github.com/gokernel/gokernel/cell"
	"github.com/gokernel/gokernel/display"
)

// Arg names a parameter of the function given to Interact and says which
// control sets it: a widget, or a value that stands for one (see
// Interact).
type Arg struct {
	Name  string
	Value any
}

// Interact shows a control per parameter of f and calls f with their
// values, at once and again after every change; what f prints, displays
// or returns replaces its previous output, shown under the controls. It
// returns the box of controls and output; show it as the cell's value.
//
// Each of args gives one parameter's control, in order: a widget with a
// value (a slider, a check box, a dropdown, a text field, a play button)
// or a value that stands for one, as in ipywidgets' interact —
//
//	int v             an IntSlider at v from -v to 3v (0 to 100 for 0)
//	[2]int{lo, hi}    an IntSlider from lo to hi
//	float64 v         a FloatSlider at v from -v to 3v (0 to 1 for 0)
//	[2]float64        a FloatSlider from lo to hi
//	bool              a Checkbox
//	string            a Text field
//	[]string          a Dropdown of these options
//
// — wrapped in an Arg to label it. The parameter's type must be that of
// the control's value (int, float64, bool or string). A panic of f, or an
// error it returns last, is shown in its output; the kernel lives on.
func Interact(f any, args ...any) (*Box, error) {
	fv := reflect.ValueOf(f)
	if !fv.IsValid() || fv.Kind() != reflect.Func || fv.IsNil() {
		return nil, fmt.Errorf("widgets: Interact needs a function, got %T", f)
	}
	ft := fv.Type()
	if ft.IsVariadic() || ft.NumIn() != len(args) {
		return nil, fmt.Errorf("widgets: Interact: the function has %d parameters, %d controls given", ft.NumIn(), len(args))
	}
	values := make([]func() reflect.Value, len(args))
	children := make([]Widget, 0, len(args)+1)
	out := NewOutput()
	for i, a := range args {
		name := fmt.Sprintf("arg%d", i)
		if named, ok := a.(Arg); ok {
			name, a = named.Name, named.Value
		}
		w, get, err := control(name, a)
		if err != nil {
			return nil, fmt.Errorf("widgets: Interact: parameter %d: %w", i+1, err)
		}
		if got, want := get().Type(), ft.In(i); got != want && !(got.ConvertibleTo(want) && got.Kind() == want.Kind()) {
			return nil, fmt.Errorf("widgets: Interact: parameter %d is %s but its control gives %s", i+1, want, got)
		}
		values[i] = get
		children = append(children, w)
	}
	call := func() {
		out.Run(func() {
			outputSink{out}.ClearOutput(true)
			callShowing(fv, values)
		})
	}
	for _, w := range children {
		w.base().Observe("", func(c Change) {
			if c.Name == "value" || c.Name == "index" {
				call()
			}
		})
	}
	children = append(children, out)
	call()
	return NewVBox(children...), nil
}

// callShowing calls f with the controls' values and shows its results; a
// panic or a returned error goes to standard error.
func callShowing(fv reflect.Value, values []func() reflect.Value) {
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintf(cell.Stderr(), "panic: %v\n", p)
		}
	}()
	in := make([]reflect.Value, len(values))
	for i, get := range values {
		in[i] = get().Convert(fv.Type().In(i))
	}
	for _, r := range fv.Call(in) {
		v := r.Interface()
		if err, ok := v.(error); ok || (r.Kind() == reflect.Interface && r.Type().Implements(errorType)) {
			if err != nil {
				fmt.Fprintf(cell.Stderr(), "error: %v\n", err)
			}
			continue
		}
		if v == nil {
			continue
		}
		if err := display.Show(v); err != nil {
			fmt.Fprintf(cell.Stderr(), "error: %v\n", err)
		}
	}
}

var errorType = reflect.TypeOf((*error)(nil)).Elem()

// control makes the control an Interact argument stands for, and the
// function reading its value.
func control(name string, a any) (Widget, func() reflect.Value, error) {
	switch v := a.(type) {
	case *IntSlider:
		return v, func() reflect.Value { return reflect.ValueOf(v.Value()) }, nil
	case *FloatSlider:
		return v, func() reflect.Value { return reflect.ValueOf(v.Value()) }, nil
	case *FloatLogSlider:
		return v, func() reflect.Value { return reflect.ValueOf(v.Value()) }, nil
	case *Checkbox:
		return v, func() reflect.Value { return reflect.ValueOf(v.Value()) }, nil
	case *Text:
		return v, func() reflect.Value { return reflect.ValueOf(v.Value()) }, nil
	case *Textarea:
		return v, func() reflect.Value { return reflect.ValueOf(v.Value()) }, nil
	case *Dropdown:
		return v, func() reflect.Value { return reflect.ValueOf(v.Value()) }, nil
	case *RadioButtons:
		return v, func() reflect.Value { return reflect.ValueOf(v.Value()) }, nil
	case *ToggleButtons:
		return v, func() reflect.Value { return reflect.ValueOf(v.Value()) }, nil
	case *Play:
		return v, func() reflect.Value { return reflect.ValueOf(v.Value()) }, nil
	case int:
		lo, hi := -v, 3*v
		if v < 0 {
			lo, hi = 3*v, -v
		} else if v == 0 {
			hi = 100
		}
		return control(name, NewIntSlider(name, v, lo, hi))
	case [2]int:
		return control(name, NewIntSlider(name, (v[0]+v[1])/2, v[0], v[1]))
	case float64:
		lo, hi := -v, 3*v
		if v < 0 {
			lo, hi = 3*v, -v
		} else if v == 0 {
			hi = 1
		}
		return control(name, NewFloatSlider(name, v, lo, hi))
	case [2]float64:
		return control(name, NewFloatSlider(name, (v[0]+v[1])/2, v[0], v[1]))
	case bool:
		return control(name, NewCheckbox(name, v))
	case string:
		return control(name, NewText(name, v))
	case []string:
		if len(v) == 0 {
			return nil, nil, errors.New("a dropdown of no options")
		}
		d, err := NewDropdown(name, v, "")
		if err != nil {
			return nil, nil, err
		}
		return control(name, d)
	}
	return nil, nil, fmt.Errorf("no control for a %T (want a widget with a value, an int, a float64, a bool, a string, a []string, [2]int or [2]float64)", a)
}
