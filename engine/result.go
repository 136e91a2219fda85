package engine

import (
	"fmt"
	"reflect"
	"strings"
	"sync"

	"github.com/gokernel/gokernel/display"
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
// (an untyped nil, a nil error) shows nothing, like Python's None.
func (e *Engine) show(vs ...any) {
	switch {
	case len(vs) == 0:
		return
	case len(vs) == 1:
		if vs[0] == nil {
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
			parts[i] = formatValue(v)
		}
		e.setResult(map[string]any{"text/plain": "(" + strings.Join(parts, ", ") + ")"}, nil)
	}
}

// showText receives a final value whose String or Error method the
// interpreter called; compiled values may still have a richer form.
func (e *Engine) showText(v any, text string) {
	if data, meta, ok := display.MIMEBundle(v); ok {
		e.setResult(data, meta)
		return
	}
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
