package display

import (
	"maps"
	"slices"
	"strings"
)

// MIME types that Jupyter frontends render.
const (
	MIMEText     = "text/plain"
	MIMEHTML     = "text/html"
	MIMEMarkdown = "text/markdown"
	MIMELaTeX    = "text/latex"
	MIMEJSON     = "application/json"
	MIMEPNG      = "image/png"
	MIMEJPEG     = "image/jpeg"
	MIMESVG      = "image/svg+xml"
)

// Bundle is a MIME bundle ready to be shown: the same content in one or more
// representations, keyed by MIME type, with per-type metadata (for images,
// {"image/png": {"width": 600, "height": 400}} sets the displayed size in
// CSS pixels). A Bundle shows up richly when it is the last expression of a
// cell, or anywhere with [Show].
//
// The constructors (HTML, PNG, Plot, ...) never fail on the spot: when the
// content is invalid they return a Bundle that carries the error, which
// [Show] and [Handle.Update] return and [Bundle.Err] reports, in the manner
// of bufio.Scanner. That keeps one-liners such as
// display.Show(display.PNG(b)) possible without hiding mistakes.
type Bundle struct {
	// Data maps a MIME type to its content: a string for text types and
	// SVG, base64 text for PNG and JPEG, a JSON value for application/json.
	Data map[string]any
	// Metadata maps a MIME type to its metadata (a map); it may be nil.
	Metadata map[string]any

	err error
}

// Failed returns a Bundle that carries err instead of content: [Show]
// returns err, and as a cell's value it fails the cell (the kernel reports
// a DisplayError with err's text); its MIMEBundle is err's text. Libraries
// whose constructors return a Bundle-like value use it to report failure.
func Failed(err error) Bundle { return Bundle{err: err} }

// Err reports why the Bundle could not be built, or nil.
func (b Bundle) Err() error { return b.err }

// MIMEBundle implements [Renderer]. A Bundle without a text/plain entry gets
// one naming its richest type; a failed Bundle renders as its error text.
func (b Bundle) MIMEBundle() (data, metadata map[string]any) {
	if b.err != nil {
		return map[string]any{MIMEText: b.err.Error()}, map[string]any{}
	}
	data = maps.Clone(b.Data)
	if data == nil {
		data = map[string]any{}
	}
	if _, ok := data[MIMEText]; !ok {
		data[MIMEText] = fallbackText(data)
	}
	metadata = maps.Clone(b.Metadata)
	if metadata == nil {
		metadata = map[string]any{}
	}
	return data, metadata
}

// WithSize returns a copy of b whose images (PNG, JPEG, SVG) are displayed
// width×height CSS pixels, whatever their pixel size. Rendering an image at
// twice that size and showing it WithSize keeps it sharp on high-DPI screens.
func (b Bundle) WithSize(width, height int) Bundle {
	if b.err != nil {
		return b
	}
	out := Bundle{Data: b.Data, Metadata: maps.Clone(b.Metadata)}
	if out.Metadata == nil {
		out.Metadata = map[string]any{}
	}
	for _, mime := range []string{MIMEPNG, MIMEJPEG, MIMESVG} {
		if _, ok := b.Data[mime]; ok {
			out.Metadata[mime] = map[string]any{"width": width, "height": height}
		}
	}
	return out
}

// richness orders the MIME types from richest to plainest; it decides the
// fallback text and the file written outside a kernel.
var richness = []string{MIMEPNG, MIMEJPEG, MIMESVG, MIMEHTML, MIMEMarkdown, MIMELaTeX, MIMEJSON, MIMEText}

// fallbackText describes a bundle that has no text/plain entry.
func fallbackText(data map[string]any) string {
	for _, mime := range richness {
		if _, ok := data[mime]; ok {
			return "<" + mime + ">"
		}
	}
	names := slices.Sorted(maps.Keys(data))
	if len(names) == 0 {
		return "<empty display>"
	}
	return "<" + strings.Join(names, ", ") + ">"
}
