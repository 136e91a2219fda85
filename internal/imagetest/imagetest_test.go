package imagetest

import (
	"image"
	"image/color"
	"testing"
)

func TestInkFraction(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	if got := InkFraction(img); got != 0 {
		t.Fatalf("blank picture: InkFraction = %v, want 0", got)
	}
	img.Set(1, 1, color.White)
	img.Set(2, 2, color.White)
	if got := InkFraction(img); got != 2.0/16 {
		t.Fatalf("two inked pixels of 16: InkFraction = %v, want 0.125", got)
	}
}
