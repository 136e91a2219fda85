// Package stdlib is the standard library as gokernel's cells see it:
// yaegi v0.16.1's own tables (Go 1.22's API, with the restricted os.Exit
// and log.Fatal that panic, the virtualised standard streams and the
// interface wrappers fmt needs), completed with the symbols that the Go
// release building gokernel adds (package extracted: Go 1.24's
// strings.SplitSeq, strings.Lines, math/rand/v2, sync.OnceValue,
// os.Root, crypto/sha3, ...). Symbols that yaegi's tables already have
// are kept as yaegi defines them.
//
// Symbols has the form and role of yaegi's stdlib.Symbols: pass it to
// interp.Use. Generic functions and types (iter.Pull, slices.Sorted, ...)
// cannot come from compiled code; the engine interprets them from source
// (engine/generic). api_test.go lists the release's API and the explained
// exceptions.
package stdlib

import (
	"reflect"

	"github.com/gokernel/gokernel/symbols/stdlib/extracted"
	yaegi "github.com/traefik/yaegi/stdlib"
)

// Symbols maps "import/path/name" to the exported symbols of a standard
// library package, plus yaegi's "." entry (its MapTypes).
var Symbols = withFmtMethods(merge(yaegi.Symbols, extracted.Symbols))

// merge returns base completed with the symbols of more that base lacks.
// Neither map is modified.
func merge(base, more map[string]map[string]reflect.Value) map[string]map[string]reflect.Value {
	out := make(map[string]map[string]reflect.Value, len(base)+len(more))
	for k, syms := range base {
		out[k] = syms
	}
	for k, syms := range more {
		have, ok := out[k]
		if !ok {
			out[k] = syms
			continue
		}
		var added map[string]reflect.Value
		for name, v := range syms {
			if _, ok := have[name]; ok {
				continue
			}
			if added == nil {
				added = make(map[string]reflect.Value, len(have)+len(syms))
				for n, hv := range have {
					added[n] = hv
				}
			}
			added[name] = v
		}
		if added != nil {
			out[k] = added
		}
	}
	return out
}
