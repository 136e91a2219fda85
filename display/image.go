package display

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"reflect"
)

// PNG returns a bundle that shows the PNG-encoded image b at its pixel size.
// b must be a decodable PNG.
func PNG(b []byte) Bundle {
	cfg, err := png.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return Failed(fmt.Errorf("display: PNG: %w", err))
	}
	return imageBundle(MIMEPNG, b, cfg.Width, cfg.Height)
}

// JPEG returns a bundle that shows the JPEG-encoded image b at its pixel
// size. b must be a decodable JPEG.
func JPEG(b []byte) Bundle {
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return Failed(fmt.Errorf("display: JPEG: %w", err))
	}
	return imageBundle(MIMEJPEG, b, cfg.Width, cfg.Height)
}

// Image returns a bundle that shows img as a PNG at its pixel size (one
// image pixel per CSS pixel; use [Bundle.WithSize] to show it smaller and
// sharper on high-DPI screens).
func Image(img image.Image) Bundle {
	if isNil(img) {
		return Failed(errors.New("display: Image: nil image"))
	}
	b, err := encodePNG(img)
	if err != nil {
		return Failed(fmt.Errorf("display: Image: %w", err))
	}
	r := img.Bounds()
	return imageBundle(MIMEPNG, b, r.Dx(), r.Dy())
}

// encodePNG encodes img favouring speed over size: pictures are shown
// once, often many times a second while they update.
func encodePNG(img image.Image) ([]byte, error) {
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// imageBundle builds the bundle of an encoded image.
func imageBundle(mime string, b []byte, width, height int) Bundle {
	return Bundle{Data: map[string]any{
		mime:     base64.StdEncoding.EncodeToString(b),
		MIMEText: fmt.Sprintf("<image %dx%d>", width, height),
	}}
}

// isNil reports whether v is nil or a nil pointer, map, slice, func or
// interface wrapped in an interface.
func isNil(v any) bool {
	if v == nil {
		return true
	}
	switch rv := reflect.ValueOf(v); rv.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Func, reflect.Interface, reflect.Chan:
		return rv.IsNil()
	}
	return false
}
