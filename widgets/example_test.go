package widgets_test

import (
	"fmt"

	"github.com/gokernel/gokernel/widgets"
)

func ExampleNewIntSlider() {
	units := widgets.NewIntSlider("hidden units", 8, 1, 32)
	units.OnChange(func(n int) { fmt.Println("units:", n) })
	units.SetValue(12)
	units.SetValue(100) // clamped to the range
	fmt.Println(units.Value(), units)
	// Output:
	// units: 12
	// units: 32
	// 32 IntSlider(value=32)
}

func ExampleBase_Set() {
	rate := widgets.NewFloatLogSlider("learning rate", 0.01, -4, 0)
	fmt.Println(rate.Set("readout_format", ".1e"))
	fmt.Println(rate.Set("readout", "yes"))
	fmt.Println(rate.Layout().Set("width", "400px"), rate.Layout().Get("width"))
	// Output:
	// <nil>
	// widgets: FloatLogSlider.readout: want a bool, got string
	// <nil> 400px
}

func ExampleNewDropdown() {
	act, err := widgets.NewDropdown("activation", []string{"relu", "tanh", "sigmoid"}, "tanh")
	if err != nil {
		fmt.Println(err)
		return
	}
	act.OnChange(func(s string) { fmt.Println("now", s) })
	fmt.Println(act.Value(), act.Index())
	fmt.Println(act.SetValue("sigmoid"))
	fmt.Println(act.SetValue("gelu"))
	// Output:
	// tanh 1
	// now sigmoid
	// <nil>
	// widgets: Dropdown: "gelu" is not among the options ["relu" "tanh" "sigmoid"]
}

func ExampleOutput() {
	out := widgets.NewOutput()
	out.Println("epoch", 1)
	out.Println("epoch", 2)
	fmt.Println(out.Outputs())
	// Output:
	// [map[name:stdout output_type:stream text:epoch 1
	// epoch 2
	// ]]
}
