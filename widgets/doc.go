// Package widgets puts interactive controls — sliders, dropdowns,
// buttons, text fields, progress bars, images, output areas and boxes to
// lay them out — into a notebook cell, speaking the Jupyter widgets
// protocol (version 2.1.0, the models of @jupyter-widgets/controls 2.0.0,
// @jupyter-widgets/base 2.0.0 and @jupyter-widgets/output 1.0.0, as
// ipywidgets 8 does), so JupyterLab and Notebook 7 draw them with their
// own widget manager.
//
// A widget is a model whose state lives both in the kernel and in the
// browser: the value a user drags a slider to arrives in the Go value
// (Value), and a value set from Go (SetValue) moves the slider. A widget
// as a cell's last expression, or passed to display.Show, shows its view:
//
//	units := widgets.NewIntSlider("hidden units", 8, 1, 32)
//	units.OnChange(func(n int) { fmt.Println("units:", n) })
//	units
//
// Every widget has the traits of its ipywidgets counterpart under the same
// names, read with Get and written with Set ("readout", "orientation",
// "continuous_update", …); the typed methods (Value, SetValue, OnChange,
// OnClick) cover what tutorials use. Layout and Style are widgets of
// their own: w.Layout().Set("width", "400px").
//
// Callbacks (Observe, OnChange, OnClick) run in the kernel, also when they
// are functions of a cell: when the frontend reports a change while no
// cell runs, and at once while a cell runs (a Stop button during
// training). What a callback prints or displays goes to the Output widget
// given with SetOutput, otherwise to the frontend's log of the message
// (JupyterLab's log console), as ipykernel does; while a cell runs it goes
// to that cell. A callback that panics prints the panic there too; the
// kernel lives on.
//
// Interact builds a control per parameter of a plain Go function and calls
// it again on every change, its output replacing the previous one.
//
// Without a frontend (gokernel run, a test) widgets work alike, with no
// messages sent; State returns every live widget's state in the form a
// notebook's metadata keeps it (application/vnd.jupyter.widget-state+json),
// which gokernel run saves so that the executed notebook shows its
// widgets.
package widgets
