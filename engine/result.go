package engine

import (
	"fmt"
	"reflect"
	"strings"
	"sync"

	"github.com/gokernel/gokernel/display"
	"github.com/gokernel/gokernel/engine/internal/yaegix"
	"github.com/gokernel/gokernel/kernel"
	"github.com/gokernel/gokernel/symbols"
)

// setResult records the bundle of the cell's final expression.
func (e *Engine) setResult(data, metadata map[string]any) {
	if _, ok := data["text/plain"]; !ok {
		data["text/plain"] = ""
	}
	if metadata == nil {
		metadata = map[string]any{}
	}
	e.resMu.Lock()
	e.result = &kernel.ExecuteResult{Data: data, Metadata: metadata}
	e.resMu.Unlock()
}

// show receives the values of the cell's final expression. A single nil
// (an untyped nil, a nil error) shows nothing, like Python's None; a value
// with a nil error (v, err := f()) shows as the value alone.
func (e *Engine) show(vs ...any) {
	if len(vs) == 2 && vs[1] == nil {
		vs = vs[:1]
	}
	switch {
	case len(vs) == 0:
		return
	case len(vs) == 1:
		e.resMu.Lock()
		e.lastType = cellTypeName(vs[0])
		e.resMu.Unlock()
		vs[0] = unwrap(vs[0])
		if vs[0] == nil {
			return
		}
		if err := renderErr(vs[0]); err != nil {
			e.showErr(err)
			return
		}
		if data, meta, ok := display.MIMEBundle(vs[0]); ok {
			e.setResult(data, meta)
			return
		}
		e.setResult(map[string]any{"text/plain": formatValue(vs[0])}, nil)
	default:
		parts := make([]string, len(vs))
		for i, v := range vs {
			parts[i] = formatValue(unwrap(v))
		}
		e.setResult(map[string]any{"text/plain": "(" + strings.Join(parts, ", ") + ")"}, nil)
	}
}

// showText receives the result of a final value's String or Error
// method, which the interpreter called.
func (e *Engine) showText(text string) {
	e.setResult(map[string]any{"text/plain": text}, nil)
}

// showBundle receives the bundle of a final value that implements
// display.Renderer (cell-defined types included).
func (e *Engine) showBundle(data, metadata map[string]any) {
	if data == nil {
		data = map[string]any{}
	}
	e.setResult(data, metadata)
}

// unwrap returns the value that yaegi boxed when passing a value of a
// cell-defined type with methods to compiled code as an interface (an
// unexported struct holding the interpreter's node and the value).
func unwrap(v any) any {
	rv := reflect.ValueOf(v)
	if !rv.IsValid() {
		return v
	}
	t := rv.Type()
	if rv.Kind() != reflect.Struct || t.Name() != "valueInterface" || !strings.HasSuffix(t.PkgPath(), "yaegi/interp") {
		return v
	}
	f, ok := t.FieldByName("value")
	if !ok || f.Type != reflect.TypeOf(reflect.Value{}) {
		return v
	}
	box := reflect.New(t).Elem()
	box.Set(rv)
	inner := yaegix.ReflectValueField(box.Field(f.Index[0]))
	if !inner.IsValid() || !inner.CanInterface() {
		return nil
	}
	return inner.Interface()
}

// cellTypeName returns the name of the cell-defined type of a value that
// yaegi boxed (as "T" or "*T"), or "" for other values. The box keeps the
// interpreter's node of the value, whose type knows its name.
func cellTypeName(v any) string {
	rv := reflect.ValueOf(v)
	if !rv.IsValid() || rv.Kind() != reflect.Struct || rv.Type().Name() != "valueInterface" {
		return ""
	}
	n := rv.FieldByName("node")
	if !n.IsValid() || n.Kind() != reflect.Pointer || n.IsNil() {
		return ""
	}
	typ := n.Elem().FieldByName("typ")
	if !typ.IsValid() || typ.Kind() != reflect.Pointer || typ.IsNil() {
		return ""
	}
	str := typ.Elem().FieldByName("str")
	if !str.IsValid() || str.Kind() != reflect.String {
		return ""
	}
	name := str.String()
	ptr := strings.HasPrefix(name, "*")
	name = strings.TrimPrefix(strings.TrimPrefix(name, "*"), "main.")
	if name == "" || strings.ContainsAny(name, " .{(") {
		return ""
	}
	if ptr {
		return "*" + name
	}
	return name
}

// formatValue is the text/plain form of a value: %v, with field names for
// structs.
func formatValue(v any) string {
	if v == nil {
		return "<nil>"
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Struct || (rv.Kind() == reflect.Pointer && rv.Type().Elem().Kind() == reflect.Struct) {
		if _, ok := v.(fmt.Formatter); !ok {
			return fmt.Sprintf("%+v", v)
		}
	}
	return fmt.Sprintf("%v", v)
}

var (
	pkgNamesOnce sync.Once
	pkgNames     map[string]string
)

// packageNames maps the import path of every preloaded package to its
// name.
func packageNames() map[string]string {
	pkgNamesOnce.Do(func() {
		pkgNames = map[string]string{}
		for _, m := range []map[string]map[string]reflect.Value{stdlibSymbols(), symbols.Symbols} {
			for key := range m {
				if i := strings.LastIndex(key, "/"); i > 0 {
					pkgNames[key[:i]] = key[i+1:]
				}
			}
		}
	})
	return pkgNames
}
