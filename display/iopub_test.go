package display_test

import (
	"testing"

	"github.com/gokernel/gokernel/engine"
	"github.com/gokernel/gokernel/kernel/kerneltest"
	"github.com/gokernel/gokernel/kernel/wire"
)

// runCell executes code in a real kernel (the yaegi engine behind the
// ZeroMQ protocol core) and returns the IOPub messages of the request,
// without the status messages and execute_input.
func runCell(t *testing.T, s *kerneltest.Server, code string) []*wire.Message {
	t.Helper()
	req, err := s.Send(kerneltest.Shell, "execute_request", map[string]any{"code": code})
	if err != nil {
		t.Fatal(err)
	}
	reply, err := s.Reply(kerneltest.Shell, req, kerneltest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	msgs, err := s.IOPub(req, kerneltest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	if status := kerneltest.Content(reply)["status"]; status != "ok" {
		t.Fatalf("cell failed: %v\n%s", kerneltest.Content(reply), code)
	}
	var out []*wire.Message
	for _, m := range msgs {
		if typ := m.Header.MsgType; typ != "status" && typ != "execute_input" {
			out = append(out, m)
		}
	}
	return out
}

func startKernel(t *testing.T) *kerneltest.Server {
	t.Helper()
	if testing.Short() {
		t.Skip("starts a kernel")
	}
	e, err := engine.New()
	if err != nil {
		t.Fatal(err)
	}
	s := kerneltest.Start(t, e)
	runCell(t, s, `import "github.com/gokernel/gokernel/display"`)
	return s
}

// displayID is transient.display_id of a display message.
func displayID(m *wire.Message) string {
	tr, _ := kerneltest.Content(m)["transient"].(map[string]any)
	id, _ := tr["display_id"].(string)
	return id
}

// TestIOPubMessages checks, over real sockets, that a cell's displays,
// updates and clears become display_data, update_display_data with the
// same display_id, and clear_output, in order, and that a cell's last
// value shows up as execute_result.
func TestIOPubMessages(t *testing.T) {
	s := startKernel(t)
	msgs := runCell(t, s, `
display.Show(display.HTML("<b>hello</b>"))
h := display.NewHandle()
h.Update(display.Text("step 1"))
h.Update(display.Text("step 2"))
display.Clear(true)
display.Markdown("*done*")`)
	want := []string{"display_data", "display_data", "update_display_data", "clear_output", "execute_result"}
	if len(msgs) != len(want) {
		var got []string
		for _, m := range msgs {
			got = append(got, m.Header.MsgType)
		}
		t.Fatalf("IOPub messages %v, want %v", got, want)
	}
	for i, m := range msgs {
		if m.Header.MsgType != want[i] {
			t.Errorf("message %d is %s, want %s", i, m.Header.MsgType, want[i])
		}
	}
	data := func(i int) map[string]any { d, _ := kerneltest.Content(msgs[i])["data"].(map[string]any); return d }
	if data(0)["text/html"] != "<b>hello</b>" || data(0)["text/plain"] != "hello" {
		t.Errorf("display_data: %v", data(0))
	}
	if displayID(msgs[0]) != "" {
		t.Errorf("a plain Show carries display id %q", displayID(msgs[0]))
	}
	id := displayID(msgs[1])
	if id == "" || displayID(msgs[2]) != id {
		t.Errorf("handle display ids %q and %q, want the same non-empty id", id, displayID(msgs[2]))
	}
	if data(2)["text/plain"] != "step 2" {
		t.Errorf("update_display_data: %v", data(2))
	}
	if wait := kerneltest.Content(msgs[3])["wait"]; wait != true {
		t.Errorf("clear_output wait = %v", wait)
	}
	if data(4)["text/markdown"] != "*done*" {
		t.Errorf("execute_result: %v", data(4))
	}
}

// TestIOPubPlot checks that a gonum plot shown from a cell arrives as a
// PNG with its display size in the metadata, and as SVG on request.
func TestIOPubPlot(t *testing.T) {
	s := startKernel(t)
	runCell(t, s, `import (
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)`)
	msgs := runCell(t, s, `
p := plot.New()
line, _ := plotter.NewLine(plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 1}})
p.Add(line)
display.Show(display.Plot(p, display.Size(400, 300), display.AsSVG()))
p`)
	if len(msgs) != 2 || msgs[0].Header.MsgType != "display_data" || msgs[1].Header.MsgType != "execute_result" {
		t.Fatalf("got %d messages", len(msgs))
	}
	svg, _ := kerneltest.Content(msgs[0])["data"].(map[string]any)
	if _, ok := svg["image/svg+xml"].(string); !ok {
		t.Errorf("AsSVG display has %v", svg)
	}
	content := kerneltest.Content(msgs[1])
	data, _ := content["data"].(map[string]any)
	if _, ok := data["image/png"].(string); !ok {
		t.Fatalf("a plot as the cell's value has no image/png: %v", data["text/plain"])
	}
	md, _ := content["metadata"].(map[string]any)
	size, _ := md["image/png"].(map[string]any)
	if size["width"] != 600.0 || size["height"] != 400.0 {
		t.Errorf("image/png metadata %v, want width 600 height 400", md)
	}
}

// TestIOPubCellDefinedRenderer checks that a type defined in a cell shows
// itself mid-cell through display.Render, and that goroutines of a cell
// can show output.
func TestIOPubCellDefinedRenderer(t *testing.T) {
	s := startKernel(t)
	runCell(t, s, `type card struct{ title string }

func (c card) MIMEBundle() (map[string]any, map[string]any) {
	return map[string]any{"text/html": "<h3>" + c.title + "</h3>"}, nil
}`)
	msgs := runCell(t, s, `
display.Show(display.Render(card{"XOR"}))
done := make(chan bool)
go func() {
	display.Show(display.Text("from a goroutine"))
	done <- true
}()
ok := <-done
_ = ok`)
	if len(msgs) != 2 {
		for _, m := range msgs {
			t.Logf("%s %v", m.Header.MsgType, kerneltest.Content(m))
		}
		t.Fatalf("got %d messages, want 2 display_data", len(msgs))
	}
	first, _ := kerneltest.Content(msgs[0])["data"].(map[string]any)
	if first["text/html"] != "<h3>XOR</h3>" || first["text/plain"] != "<text/html>" {
		t.Errorf("cell-defined Renderer shows %v", first)
	}
	second, _ := kerneltest.Content(msgs[1])["data"].(map[string]any)
	if second["text/plain"] != "from a goroutine" {
		t.Errorf("goroutine display %v", second)
	}
}
