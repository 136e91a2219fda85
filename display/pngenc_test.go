package display

import (
	"bytes"
	"image"
	"image/png"
	"testing"

	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// renderedPlot rasterises the sample plot at the default 2x scale.
func renderedPlot(t testing.TB) *image.RGBA {
	c := vgimg.NewWith(vgimg.UseWH(DefaultWidth*cssPixel, DefaultHeight*cssPixel), vgimg.UseDPI(192))
	samplePlot(t).Draw(draw.New(c))
	return c.Image().(*image.RGBA)
}

func TestOpaquePNGRoundTrips(t *testing.T) {
	src := renderedPlot(t)
	raw, err := encodeOpaqueRGBA(src)
	if err != nil {
		t.Fatal(err)
	}
	got, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if got.Bounds() != src.Bounds() {
		t.Fatalf("decoded %v, want %v", got.Bounds(), src.Bounds())
	}
	for y := 0; y < src.Rect.Dy(); y++ {
		for x := 0; x < src.Rect.Dx(); x++ {
			r, g, b, _ := got.At(x, y).RGBA()
			want := src.RGBAAt(x, y)
			if uint8(r>>8) != want.R || uint8(g>>8) != want.G || uint8(b>>8) != want.B {
				t.Fatalf("pixel (%d,%d) = %v %v %v, want %v", x, y, r>>8, g>>8, b>>8, want)
			}
		}
	}
	var std bytes.Buffer
	if err := png.Encode(&std, src); err != nil {
		t.Fatal(err)
	}
	t.Logf("PNG size: %d bytes (standard encoder: %d)", len(raw), std.Len())
}

func BenchmarkEncodeOpaqueRGBA(b *testing.B) {
	img := renderedPlot(b)
	for b.Loop() {
		if _, err := encodeOpaqueRGBA(img); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEncodeStandardPNG(b *testing.B) {
	img := renderedPlot(b)
	for b.Loop() {
		if _, err := encodePNG(img); err != nil {
			b.Fatal(err)
		}
	}
}
