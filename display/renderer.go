package display

import (
	"fmt"
	"image"
	"maps"
)

// Renderer is implemented by values that know how to show themselves: the
// method returns a MIME bundle (MIME type to content) and its metadata, as
// in [Bundle]. Types defined in a notebook cell can implement it too; pass
// such a value through [Render] (compiled code cannot see the methods of a
// cell's types when it receives them as any).
//
// A Renderer that also has a method Err() error reporting a failure (as
// [Bundle] and nnplot's figures do) is shown as that error: [Show] returns
// it, and as a cell's value it fails the cell with a DisplayError.
type Renderer interface {
	MIMEBundle() (data, metadata map[string]any)
}

// MIMEBundle returns the rich representation of v and reports whether it
// has one. It knows [Renderer]s (including [Bundle]), image.Image, and
// [Drawer]s such as *plot.Plot (rendered with [Plot]'s defaults). Every
// bundle it returns has a text/plain entry. The kernel shows the last
// expression of a cell with it; for other values ok is false.
func MIMEBundle(v any) (data, metadata map[string]any, ok bool) {
	b, ok := toBundle(v)
	if !ok {
		return nil, nil, false
	}
	data, metadata = b.MIMEBundle()
	return data, metadata, true
}

// toBundle converts a value with a rich representation to a Bundle.
func toBundle(v any) (Bundle, bool) {
	if isNil(v) {
		return Bundle{}, false
	}
	if r, ok := v.(Renderer); ok {
		if e, ok := r.(interface{ Err() error }); ok && e.Err() != nil {
			return Failed(e.Err()), true
		}
	}
	switch v := v.(type) {
	case Bundle:
		return v, true
	case *Bundle:
		return *v, true
	case Renderer:
		b := Render(v)
		return b, b.Data != nil
	case image.Image:
		return Image(v), true
	case Drawer:
		return Plot(v), true
	}
	return Bundle{}, false
}

// Render returns r's representation as a Bundle. It exists for types
// defined in a notebook cell: display.Show(display.Render(v)) reaches their
// MIMEBundle method where display.Show(v) cannot.
func Render(r Renderer) Bundle {
	if isNil(r) {
		return Bundle{}
	}
	data, metadata, _ := fromRenderer(r)
	return Bundle{Data: data, Metadata: metadata}
}

// fromRenderer calls r's method, recovering from a panic in it, and adds a
// text/plain fallback when r gave none.
func fromRenderer(r Renderer) (data, metadata map[string]any, ok bool) {
	defer func() {
		if p := recover(); p != nil {
			data = map[string]any{MIMEText: fmt.Sprintf("display: %T.MIMEBundle panicked: %v", r, p)}
			metadata, ok = map[string]any{}, true
		}
	}()
	d, m := r.MIMEBundle()
	if len(d) == 0 {
		return nil, nil, false
	}
	data = maps.Clone(d)
	if _, has := data[MIMEText]; !has {
		data[MIMEText] = fallbackText(data)
	}
	metadata = maps.Clone(m)
	if metadata == nil {
		metadata = map[string]any{}
	}
	return data, metadata, true
}
