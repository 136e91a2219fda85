package display

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"github.com/gokernel/gokernel/internal/imagetest"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/gokernel/gokernel/cell"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

// call is one message the recording frontend received.
type call struct {
	data, metadata map[string]any
	id             string
	update, clear  bool
	wait           bool
}

// recorder is a cell.Displayer that records what it receives.
type recorder struct {
	mu    sync.Mutex
	calls []call
}

func (r *recorder) Display(data, metadata map[string]any, id string, update bool) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls = append(r.calls, call{data: data, metadata: metadata, id: id, update: update})
	return nil
}

func (r *recorder) ClearOutput(wait bool) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls = append(r.calls, call{clear: true, wait: wait})
	return nil
}

// inCell installs a recording frontend for the duration of the test.
func inCell(t *testing.T) *recorder {
	t.Helper()
	rec := &recorder{}
	leave := cell.Enter(cell.Env{Display: rec, Stdout: io.Discard})
	t.Cleanup(leave)
	return rec
}

// samplePlot is a small line plot with a title.
func samplePlot(t testing.TB) *plot.Plot {
	t.Helper()
	p := plot.New()
	p.Title.Text = "squares"
	pts := make(plotter.XYs, 20)
	for i := range pts {
		pts[i].X, pts[i].Y = float64(i), float64(i*i)
	}
	line, err := plotter.NewLine(pts)
	if err != nil {
		t.Fatal(err)
	}
	p.Add(line)
	return p
}

// decodePNG decodes the base64 PNG of a bundle.
func decodePNG(t *testing.T, data map[string]any) image.Image {
	t.Helper()
	s, ok := data[MIMEPNG].(string)
	if !ok {
		t.Fatalf("bundle has no image/png string: %v", keys(data))
	}
	raw, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestShowSendsDisplayData(t *testing.T) {
	rec := inCell(t)
	if err := Show(HTML("<b>bold</b> &amp; plain")); err != nil {
		t.Fatal(err)
	}
	if len(rec.calls) != 1 {
		t.Fatalf("got %d calls, want 1", len(rec.calls))
	}
	c := rec.calls[0]
	if c.update || c.id != "" || c.clear {
		t.Errorf("Show sent id=%q update=%v clear=%v, want a plain display_data", c.id, c.update, c.clear)
	}
	if c.data[MIMEHTML] != "<b>bold</b> &amp; plain" {
		t.Errorf("text/html = %q", c.data[MIMEHTML])
	}
	if c.data[MIMEText] != "bold & plain" {
		t.Errorf("text/plain fallback = %q, want %q", c.data[MIMEText], "bold & plain")
	}
}

func TestHandleUpdatesTheSameDisplay(t *testing.T) {
	rec := inCell(t)
	h := NewHandle()
	if len(h.ID()) != 32 || NewHandle().ID() == h.ID() {
		t.Fatalf("handle ids are not fresh 128-bit hex strings: %q", h.ID())
	}
	for i := range 3 {
		if err := h.Update(Text(fmt.Sprint("step ", i))); err != nil {
			t.Fatal(err)
		}
	}
	if err := Clear(true); err != nil {
		t.Fatal(err)
	}
	if len(rec.calls) != 4 {
		t.Fatalf("got %d calls, want 4", len(rec.calls))
	}
	for i, c := range rec.calls[:3] {
		if c.id != h.ID() {
			t.Errorf("call %d has display id %q, want %q", i, c.id, h.ID())
		}
		if want := i > 0; c.update != want {
			t.Errorf("call %d update = %v, want %v (first display_data, then update_display_data)", i, c.update, want)
		}
		if c.data[MIMEText] != fmt.Sprint("step ", i) {
			t.Errorf("call %d text = %q", i, c.data[MIMEText])
		}
	}
	if last := rec.calls[3]; !last.clear || !last.wait {
		t.Errorf("Clear(true) sent %+v, want clear_output(wait=true)", last)
	}
}

func TestHandleShowAddsAnotherOutputWithTheSameID(t *testing.T) {
	rec := inCell(t)
	h := NewHandle()
	if err := h.Show(Text("a")); err != nil {
		t.Fatal(err)
	}
	if err := h.Show(Text("b")); err != nil {
		t.Fatal(err)
	}
	if err := h.Update(Text("c")); err != nil {
		t.Fatal(err)
	}
	want := []bool{false, false, true}
	for i, c := range rec.calls {
		if c.id != h.ID() || c.update != want[i] {
			t.Errorf("call %d: id %q update %v, want %q %v", i, c.id, c.update, h.ID(), want[i])
		}
	}
}

func TestPlotIsASharpPNG(t *testing.T) {
	data, metadata, ok := MIMEBundle(samplePlot(t))
	if !ok {
		t.Fatal("MIMEBundle(*plot.Plot) not ok")
	}
	img := decodePNG(t, data)
	if got := img.Bounds().Size(); got != image.Pt(2*DefaultWidth, 2*DefaultHeight) {
		t.Errorf("PNG is %v pixels, want twice %dx%d", got, DefaultWidth, DefaultHeight)
	}
	md, _ := metadata[MIMEPNG].(map[string]any)
	if md["width"] != DefaultWidth || md["height"] != DefaultHeight {
		t.Errorf("image/png metadata = %v, want width %d height %d", md, DefaultWidth, DefaultHeight)
	}
	if f := imagetest.InkFraction(img); f < 0.01 || f > 0.5 {
		t.Errorf("%.3f of the pixels are drawn: the picture looks blank or broken", f)
	}
	if data[MIMEText] != `<plot "squares" 600x400>` {
		t.Errorf("text/plain = %q", data[MIMEText])
	}
}

func TestPlotSizeAndScale(t *testing.T) {
	b := Plot(samplePlot(t), Size(300, 200), Scale(1))
	if b.Err() != nil {
		t.Fatal(b.Err())
	}
	img := decodePNG(t, b.Data)
	if got := img.Bounds().Size(); got != image.Pt(300, 200) {
		t.Errorf("PNG is %v, want 300x200", got)
	}
}

func TestPlotAsSVGParsesAsXML(t *testing.T) {
	b := Plot(samplePlot(t), AsSVG(), Size(400, 300))
	if b.Err() != nil {
		t.Fatal(b.Err())
	}
	svg, ok := b.Data[MIMESVG].(string)
	if !ok {
		t.Fatalf("no image/svg+xml in %v", keys(b.Data))
	}
	var doc struct {
		XMLName xml.Name
		Width   string `xml:"width,attr"`
	}
	if err := xml.Unmarshal([]byte(svg), &doc); err != nil {
		t.Fatalf("SVG does not parse: %v", err)
	}
	if doc.XMLName.Local != "svg" || doc.Width != "300pt" {
		t.Errorf("root <%s width=%q>, want <svg width=\"300pt\"> (400 CSS pixels)", doc.XMLName.Local, doc.Width)
	}
	if !strings.Contains(svg, "squares") {
		t.Error("the SVG does not contain the title text")
	}
}

func TestImageAndEncodedImages(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 30, 20))
	img.Set(3, 4, color.RGBA{255, 0, 0, 255})
	b := Image(img)
	if b.Err() != nil {
		t.Fatal(b.Err())
	}
	got := decodePNG(t, b.Data)
	if got.Bounds().Size() != image.Pt(30, 20) || color.RGBAModel.Convert(got.At(3, 4)) != (color.RGBA{255, 0, 0, 255}) {
		t.Error("Image does not round-trip through PNG")
	}
	raw, _ := base64.StdEncoding.DecodeString(b.Data[MIMEPNG].(string))
	sized := PNG(raw).WithSize(15, 10)
	if sized.Err() != nil || sized.Metadata[MIMEPNG].(map[string]any)["width"] != 15 {
		t.Errorf("PNG(...).WithSize: err %v metadata %v", sized.Err(), sized.Metadata)
	}
	if sized.Data[MIMEText] != "<image 30x20>" {
		t.Errorf("PNG text fallback = %q", sized.Data[MIMEText])
	}
}

func TestTextBundles(t *testing.T) {
	cases := []struct {
		b          Bundle
		mime, want string
	}{
		{Text("hi"), MIMEText, "hi"},
		{Markdown("# Title"), MIMEMarkdown, "# Title"},
		{LaTeX(`\sigma(x)`), MIMELaTeX, `$$\sigma(x)$$`},
		{LaTeX(`$x^2$`), MIMELaTeX, `$x^2$`},
		{SVG(`<svg xmlns="http://www.w3.org/2000/svg"/>`), MIMESVG, `<svg xmlns="http://www.w3.org/2000/svg"/>`},
	}
	for _, c := range cases {
		data, _ := c.b.MIMEBundle()
		if data[c.mime] != c.want {
			t.Errorf("%s = %q, want %q", c.mime, data[c.mime], c.want)
		}
		if _, ok := data[MIMEText].(string); !ok {
			t.Errorf("%s bundle has no text/plain", c.mime)
		}
	}
	j := JSON(map[string]int{"epochs": 500})
	if j.Err() != nil {
		t.Fatal(j.Err())
	}
	if tree := j.Data[MIMEJSON].(map[string]any); tree["epochs"] != 500.0 {
		t.Errorf("application/json = %v", tree)
	}
}

func TestBadInputGivesErrorsNotOutput(t *testing.T) {
	rec := inCell(t)
	h := NewHandle()
	bad := map[string]Bundle{
		"PNG of text":     PNG([]byte("not a png")),
		"JPEG of nothing": JPEG(nil),
		"SVG of HTML":     SVG("<html></html>"),
		"SVG of garbage":  SVG("<svg"),
		"JSON of a func":  JSON(func() {}),
		"nil image":       Image(nil),
		"nil plot":        Plot((*plot.Plot)(nil)),
		"zero size":       Plot(samplePlot(t), Size(0, 10)),
		"huge size":       Plot(samplePlot(t), Size(100000, 10)),
		"bad scale":       Plot(samplePlot(t), Scale(-1)),
	}
	for name, b := range bad {
		if b.Err() == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		if err := Show(b); !errors.Is(err, b.Err()) {
			t.Errorf("%s: Show returned %v, want %v", name, err, b.Err())
		}
		if err := h.Update(b); err == nil {
			t.Errorf("%s: Update returned no error", name)
		}
		if data, _, ok := MIMEBundle(b); !ok || !strings.HasPrefix(data[MIMEText].(string), "display:") {
			t.Errorf("%s: as a cell's value it shows %v, want its error text", name, data)
		}
	}
	if err := Show(nil); err == nil {
		t.Error("Show(nil) returned no error")
	}
	if len(rec.calls) != 0 {
		t.Errorf("failed bundles reached the frontend: %d calls", len(rec.calls))
	}
}

// badAxis is a plot whose logarithmic axis covers negative numbers, which
// makes gonum/plot panic while drawing.
func badAxis(t *testing.T) *plot.Plot {
	p := samplePlot(t)
	p.Y.Scale = plot.LogScale{}
	p.Y.Min = -1
	return p
}

func TestDrawingPanicBecomesError(t *testing.T) {
	for _, opt := range []PlotOption{nil, AsSVG()} {
		b := Plot(badAxis(t), opt)
		if b.Err() == nil || !strings.Contains(b.Err().Error(), "drawing failed") {
			t.Errorf("Plot of a failing plot: err %v", b.Err())
		}
	}
}

type panicky struct{}

func (panicky) MIMEBundle() (data, metadata map[string]any) { panic("boom") }

type htmlCard struct{ title string }

func (c htmlCard) MIMEBundle() (data, metadata map[string]any) {
	return map[string]any{MIMEHTML: "<h3>" + c.title + "</h3>"}, nil
}

func TestMIMEBundleOfValues(t *testing.T) {
	if _, _, ok := MIMEBundle(42); ok {
		t.Error("an int has a rich representation")
	}
	if _, _, ok := MIMEBundle(nil); ok {
		t.Error("nil has a rich representation")
	}
	if _, _, ok := MIMEBundle((*plot.Plot)(nil)); ok {
		t.Error("a nil *plot.Plot has a rich representation")
	}
	data, metadata, ok := MIMEBundle(htmlCard{"XOR"})
	if !ok || data[MIMEHTML] != "<h3>XOR</h3>" || data[MIMEText] != "<text/html>" || metadata == nil {
		t.Errorf("Renderer: ok %v data %v metadata %v", ok, data, metadata)
	}
	data, _, ok = MIMEBundle(panicky{})
	if !ok || !strings.Contains(data[MIMEText].(string), "panicked: boom") {
		t.Errorf("a panicking Renderer gives %v", data)
	}
	if _, _, ok := MIMEBundle(image.NewGray(image.Rect(0, 0, 2, 2))); !ok {
		t.Error("an image.Image has no rich representation")
	}
}

func TestOutsideAKernel(t *testing.T) {
	var out bytes.Buffer
	leave := cell.Enter(cell.Env{Stdout: &out})
	defer leave()
	if err := Show(Markdown("# Hello")); err != nil {
		t.Fatal(err)
	}
	if err := Show(3.5); err != nil {
		t.Fatal(err)
	}
	if err := Clear(false); err != nil {
		t.Fatal(err)
	}
	if out.String() != "# Hello\n3.5\n" {
		t.Errorf("stdout = %q", out.String())
	}

	dir := filepath.Join(t.TempDir(), "out")
	SaveOutputsTo(dir)
	defer SaveOutputsTo("")
	out.Reset()
	h := NewHandle()
	if err := h.Update(samplePlot(t)); err != nil {
		t.Fatal(err)
	}
	if err := h.Update(samplePlot(t)); err != nil {
		t.Fatal(err)
	}
	if err := Show(HTML("<p>x</p>")); err != nil {
		t.Fatal(err)
	}
	pngPath := filepath.Join(dir, h.ID()+".png")
	raw, err := os.ReadFile(pngPath)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := png.Decode(bytes.NewReader(raw)); err != nil {
		t.Errorf("saved picture is not a PNG: %v", err)
	}
	if html, err := os.ReadFile(filepath.Join(dir, "output-001.html")); err != nil || string(html) != "<p>x</p>" {
		t.Errorf("saved HTML: %q, %v", html, err)
	}
	if n := strings.Count(out.String(), pngPath); n != 2 {
		t.Errorf("stdout names the picture's file %d times, want 2:\n%s", n, out.String())
	}
}

func TestConcurrentShows(t *testing.T) {
	rec := inCell(t)
	h := NewHandle()
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 20 {
				_ = Show(Text(fmt.Sprint(g, i)))
				_ = h.Update(Text(fmt.Sprint(g, i)))
			}
		}()
	}
	wg.Wait()
	if len(rec.calls) != 8*20*2 {
		t.Errorf("got %d calls, want %d", len(rec.calls), 8*20*2)
	}
	first := 0
	for _, c := range rec.calls {
		if c.id == h.ID() && !c.update {
			first++
		}
	}
	if first != 1 {
		t.Errorf("the handle was shown %d times without update, want exactly once", first)
	}
}

func TestFailedBundle(t *testing.T) {
	rec := inCell(t)
	cause := errors.New("mylib: no data")
	b := Failed(cause)
	if err := Show(b); err != cause {
		t.Errorf("Show(Failed(err)) = %v", err)
	}
	if data, _, ok := MIMEBundle(b); !ok || data[MIMEText] != "mylib: no data" {
		t.Errorf("a failed bundle as a cell value shows %v", data)
	}
	if len(rec.calls) != 0 {
		t.Error("a failed bundle reached the frontend")
	}
}

// failing is a Renderer whose value could not be made.
type failing struct{}

func (failing) MIMEBundle() (data, metadata map[string]any) {
	return map[string]any{MIMEText: "should not be shown"}, nil
}
func (failing) Err() error { return errors.New("mylib: could not draw") }

func TestRendererWithErr(t *testing.T) {
	rec := inCell(t)
	if err := Show(failing{}); err == nil || err.Error() != "mylib: could not draw" {
		t.Errorf("Show of a failed Renderer returned %v", err)
	}
	if data, _, _ := MIMEBundle(failing{}); data[MIMEText] != "mylib: could not draw" {
		t.Errorf("a failed Renderer as a cell value shows %v", data)
	}
	if len(rec.calls) != 0 {
		t.Error("a failed Renderer reached the frontend")
	}
}

func TestPlotBackgroundColour(t *testing.T) {
	p := samplePlot(t)
	p.BackgroundColor = color.RGBA{40, 40, 40, 255}
	img := decodePNG(t, Plot(p, Scale(1)).Data)
	if got := color.RGBAModel.Convert(img.At(1, 1)); got != (color.RGBA{40, 40, 40, 255}) {
		t.Errorf("a dark background renders as %v", got)
	}
	if p.BackgroundColor != (color.RGBA{40, 40, 40, 255}) {
		t.Error("Plot changed the plot's background colour")
	}
}
