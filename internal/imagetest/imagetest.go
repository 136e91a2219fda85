// Package imagetest holds checks that the picture tests of several packages
// share.
package imagetest

import (
	"image"
	"image/color"
)

// InkFraction is the share of pixels that are not the background colour of
// the top-left corner: 0 for a blank picture.
func InkFraction(img image.Image) float64 {
	r := img.Bounds()
	bg := color.RGBAModel.Convert(img.At(r.Min.X, r.Min.Y))
	ink := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if color.RGBAModel.Convert(img.At(x, y)) != bg {
				ink++
			}
		}
	}
	return float64(ink) / float64(r.Dx()*r.Dy())
}
