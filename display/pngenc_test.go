package display

import (
	"bytes"
	"compress/zlib"
	"hash/adler32"
	"image"
	"image/png"
	"io"
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

// TestCompressRowsIsOneZlibStream checks the parallel bands' output as a
// whole: a zlib reader must inflate it to the filtered rows and accept its
// checksum, for heights below, at and above the band size.
func TestCompressRowsIsOneZlibStream(t *testing.T) {
	for _, h := range []int{1, rowsPerBand - 1, rowsPerBand * 2, rowsPerBand*3 + 7, 1000} {
		img := image.NewRGBA(image.Rect(0, 0, 37, h))
		for i := range img.Pix {
			img.Pix[i] = byte(i*7 + i/131)
		}
		stream, err := compressRows(img)
		if err != nil {
			t.Fatal(err)
		}
		zr, err := zlib.NewReader(bytes.NewReader(stream))
		if err != nil {
			t.Fatalf("height %d: %v", h, err)
		}
		got, err := io.ReadAll(zr) // verifies the Adler-32 checksum at the end
		if err != nil {
			t.Fatalf("height %d: %v", h, err)
		}
		want := make([]byte, 0, h*(1+3*37))
		row := make([]byte, 1+3*37)
		for y := range h {
			filterUp(row, img, y)
			want = append(want, row...)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("height %d: inflated %d bytes differ from the %d filtered bytes", h, len(got), len(want))
		}
		if _, err := png.Decode(bytes.NewReader(mustEncode(t, img))); err != nil {
			t.Errorf("height %d: %v", h, err)
		}
	}
}

func mustEncode(t *testing.T, img *image.RGBA) []byte {
	t.Helper()
	raw, err := encodeOpaqueRGBA(img)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func TestCombineAdler32(t *testing.T) {
	data := make([]byte, 200000)
	for i := range data {
		data[i] = byte(i * 31 / 7)
	}
	for _, cut := range []int{0, 1, 5552, 65521, 100000, len(data)} {
		a, b := data[:cut], data[cut:]
		got := combineAdler32(adler32.Checksum(a), adler32.Checksum(b), len(b))
		if want := adler32.Checksum(data); got != want {
			t.Errorf("cut at %d: %08x, want %08x", cut, got, want)
		}
	}
}
