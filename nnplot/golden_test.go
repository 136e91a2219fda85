package nnplot

import (
	"bytes"
	"encoding/base64"
	"flag"
	"github.com/gokernel/gokernel/internal/imagetest"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/gokernel/gokernel/display"
)

// Regenerate the golden images with
//
//	go test ./nnplot -run Golden -update
//
// (or NNPLOT_UPDATE_GOLDEN=1), then look at testdata/*_golden.png before
// committing them.
var update = flag.Bool("update", os.Getenv("NNPLOT_UPDATE_GOLDEN") != "", "rewrite testdata/*_golden.png")

// Tolerances of the golden comparison: a pixel differs when a channel moves
// by more than pixelTolerance; a picture matches when at most
// maxDifferentPixels of its pixels differ (anti-aliasing and font
// rasterisation may vary slightly between Go versions).
const (
	pixelTolerance     = 24
	maxDifferentPixels = 0.002
)

// pngOf renders f at one image pixel per CSS pixel (small golden files) and
// decodes the result.
func pngOf(t *testing.T, f *Figure) (image.Image, []byte) {
	t.Helper()
	b := f.Bundle(display.Scale(1))
	if b.Err() != nil {
		t.Fatal(b.Err())
	}
	raw, err := base64.StdEncoding.DecodeString(b.Data[display.MIMEPNG].(string))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	return img, raw
}

// checkGolden compares the rendering of f with testdata/name_golden.png.
func checkGolden(t *testing.T, name string, f *Figure) {
	t.Helper()
	got, raw := pngOf(t, f)
	if got.Bounds().Dx() != f.Width || got.Bounds().Dy() != f.Height {
		t.Errorf("%s: PNG is %v, want %dx%d", name, got.Bounds().Size(), f.Width, f.Height)
	}
	if ink := imagetest.InkFraction(got); ink < 0.01 {
		t.Errorf("%s: only %.4f of the pixels are drawn; the picture is blank", name, ink)
	}
	path := filepath.Join("testdata", name+"_golden.png")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, raw, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	wantRaw, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	want, err := png.Decode(bytes.NewReader(wantRaw))
	if err != nil {
		t.Fatal(err)
	}
	if frac := differentPixels(got, want); frac > maxDifferentPixels {
		out := filepath.Join(t.TempDir(), name+"_got.png")
		_ = os.WriteFile(out, raw, 0o644)
		t.Errorf("%s: %.4f of the pixels differ from %s (limit %.4f); got %s", name, frac, path, maxDifferentPixels, out)
	}
}

// differentPixels is the share of pixels whose colour differs by more than
// pixelTolerance in some channel; 1 when the sizes differ.
func differentPixels(a, b image.Image) float64 {
	if a.Bounds().Size() != b.Bounds().Size() {
		return 1
	}
	ra, rb := a.Bounds(), b.Bounds()
	diff := 0
	for y := 0; y < ra.Dy(); y++ {
		for x := 0; x < ra.Dx(); x++ {
			ca := color.RGBAModel.Convert(a.At(ra.Min.X+x, ra.Min.Y+y)).(color.RGBA)
			cb := color.RGBAModel.Convert(b.At(rb.Min.X+x, rb.Min.Y+y)).(color.RGBA)
			if far(ca.R, cb.R) || far(ca.G, cb.G) || far(ca.B, cb.B) {
				diff++
			}
		}
	}
	return float64(diff) / float64(ra.Dx()*ra.Dy())
}

func far(a, b uint8) bool { return int(a)-int(b) > pixelTolerance || int(b)-int(a) > pixelTolerance }

// unpack splits a Figure into the figure and its error, the form tests
// check.
func unpack(f *Figure) (*Figure, error) { return f, f.Err() }
