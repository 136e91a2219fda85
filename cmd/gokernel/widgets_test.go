package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/gokernel/gokernel/notebook"
	"strings"
	"testing"
	"time"

	"github.com/gokernel/gokernel/engine"
	"github.com/gokernel/gokernel/kernel/kerneltest"
	"github.com/gokernel/gokernel/widgets"
)

// startWidgetKernel runs the real engine in a kernel serving widgets.
func startWidgetKernel(t *testing.T) (*kerneltest.Server, func(code string) string) {
	eng, err := engine.New()
	if err != nil {
		t.Fatal(err)
	}
	s := kerneltest.Start(t, eng)
	widgets.Serve(s.Kernel)
	return s, func(code string) string {
		t.Helper()
		rep, out := executeCell(t, s.Frontend, code)
		if rep["status"] != "ok" {
			t.Fatalf("%s: %v", code, rep)
		}
		return out
	}
}

// sendComm sends a comm_msg of the frontend to the widget with model id
// and waits for the kernel to have handled it.
func sendComm(t *testing.T, s *kerneltest.Server, id string, data map[string]any) {
	t.Helper()
	req, err := s.Send(kerneltest.Shell, "comm_msg", map[string]any{"comm_id": id, "data": data})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.IOPub(req, 30*time.Second); err != nil {
		t.Fatal(err)
	}
}

// Callbacks written in a cell run when the frontend changes a widget: a
// slider's OnChange prints into an Output widget, a panic of it is shown
// there too, and Interact calls a cell's function again with the new
// value, its output replacing the old.
func TestInterpretedWidgetCallbacks(t *testing.T) {
	s, execute := startWidgetKernel(t)
	execute(`import "github.com/gokernel/gokernel/widgets"
units := widgets.NewIntSlider("units", 8, 1, 32)
out := widgets.NewOutput()
units.SetOutput(out)
units.OnChange(func(n int) {
	fmt.Println("units:", n*2)
	if n == 13 {
		panic("unlucky")
	}
})`)
	id := execute(`fmt.Print(units.ModelID())`)
	sendComm(t, s, id, map[string]any{"method": "update", "state": map[string]any{"value": 5}, "buffer_paths": []any{}})
	if got := execute(`fmt.Print(units.Value(), out.Outputs())`); got != "5 [map[name:stdout output_type:stream text:units: 10\n]]" {
		t.Errorf("after the update: %q", got)
	}
	sendComm(t, s, id, map[string]any{"method": "update", "state": map[string]any{"value": 13}, "buffer_paths": []any{}})
	if got := execute(`fmt.Print(out.Outputs())`); !strings.Contains(got, "units: 26") || !strings.Contains(got, "panicked: unlucky") {
		t.Errorf("after a panicking callback: %q", got)
	}

	execute(`box, err := widgets.Interact(func(n int, name string) { fmt.Println(name, n*n) },
	widgets.Arg{"n", 3}, widgets.Arg{"name", "square"})
if err != nil {
	panic(err)
}
kids := box.Children()
show := kids[2].(*widgets.Output)`)
	if got := execute(`fmt.Print(show.Outputs())`); got != "[map[name:stdout output_type:stream text:square 9\n]]" {
		t.Errorf("Interact's first call: %q", got)
	}
	sendComm(t, s, execute(`fmt.Print(kids[0].ModelID())`), map[string]any{"method": "update", "state": map[string]any{"value": 4}, "buffer_paths": []any{}})
	if got := execute(`fmt.Print(show.Outputs())`); got != "[map[name:stdout output_type:stream text:square 16\n]]" {
		t.Errorf("Interact after a change: %q", got)
	}
	want := "widgets: Interact: parameter 1 is int but its control gives string"
	if got := execute(`_, err = widgets.Interact(func(n int) {}, "text")
fmt.Print(err)`); got != want {
		t.Errorf("bad Interact: %q, want %q", got, want)
	}
}

// A button clicked while a cell runs calls its OnClick at once: the cell
// waiting for the click ends.
func TestClickWhileACellRuns(t *testing.T) {
	s, execute := startWidgetKernel(t)
	execute(`import "github.com/gokernel/gokernel/widgets"
stop := widgets.NewButton("Stop")
stopped := make(chan bool)
stop.OnClick(func() { close(stopped) })`)
	id := execute(`fmt.Print(stop.ModelID())`)
	req, err := s.Send(kerneltest.Shell, "execute_request", map[string]any{"code": `fmt.Println("waiting")
<-stopped
fmt.Println("stopped")`})
	if err != nil {
		t.Fatal(err)
	}
	// Once the cell prints, it waits for the click.
	for {
		m, err := s.NextIOPub(30 * time.Second)
		if err != nil {
			t.Fatal(err)
		}
		if m.Header.MsgType == "stream" && kerneltest.ParentID(m) == req.Header.MsgID {
			break
		}
	}
	if _, err := s.Send(kerneltest.Shell, "comm_msg", map[string]any{"comm_id": id,
		"data": map[string]any{"method": "custom", "content": map[string]any{"event": "click"}}}); err != nil {
		t.Fatal(err)
	}
	rep, err := s.Reply(kerneltest.Shell, req, 30*time.Second)
	if err != nil || kerneltest.Content(rep)["status"] != "ok" {
		t.Fatalf("the waiting cell: %v %v", err, rep)
	}
}

// gokernel run keeps the state of the notebook's widgets in its metadata,
// as nbclient's store_widget_state does: the output's widget view refers
// to a saved model, and a cell's Output widget holds what Interact's
// function printed.
func TestRunStoresWidgetState(t *testing.T) {
	dir := t.TempDir()
	src := `{"cells": [{"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": [
"import \"github.com/gokernel/gokernel/widgets\"\n",
"box, _ := widgets.Interact(func(n int) { fmt.Println(\"n is\", n) }, widgets.Arg{\"n\", 4})\n",
"box"]}],
 "metadata": {}, "nbformat": 4, "nbformat_minor": 5}`
	in, out := filepath.Join(dir, "w.ipynb"), filepath.Join(dir, "w.out.ipynb")
	if err := os.WriteFile(in, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := runNotebook([]string{"-q", in, "-o", out}); err != nil {
		t.Fatal(err)
	}
	nb, err := notebook.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	ws, _ := nb.Metadata["widgets"].(map[string]any)
	state, _ := ws[widgets.StateMIMEType].(map[string]any)
	models, _ := state["state"].(map[string]any)
	if fmt.Sprint(state["version_major"]) != "2" || len(models) == 0 {
		t.Fatalf("metadata.widgets = %v", nb.Metadata["widgets"])
	}
	view := nb.Cells[0].Outputs[0].Data["application/vnd.jupyter.widget-view+json"].(map[string]any)
	box := models[view["model_id"].(string)].(map[string]any)
	if box["model_name"] != "VBoxModel" {
		t.Errorf("the view's model %v", box)
	}
	printed := false
	for _, m := range models {
		s := m.(map[string]any)["state"].(map[string]any)
		if outs, ok := s["outputs"].([]any); ok && len(outs) == 1 &&
			outs[0].(map[string]any)["text"] == "n is 4\n" {
			printed = true
		}
	}
	if !printed {
		t.Errorf("no Output widget holds Interact's output: %v", models)
	}
}
