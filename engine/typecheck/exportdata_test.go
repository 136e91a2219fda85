package typecheck

import (
	"go/token"
	"path"
	"reflect"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/symbols"
	"github.com/gokernel/gokernel/symbols/stdlib"
)

// TestExportDataCurrent: every symbol the interpreter has from compiled
// code is in the type information the check reads. It fails when a
// package's API changed and symbols/exportdata was not generated again
// (`make generate`): the check would reject cells that use the new API.
func TestExportDataCurrent(t *testing.T) {
	imp := newImporter(token.NewFileSet())
	for _, tables := range []map[string]map[string]reflect.Value{symbols.Symbols, stdlib.Symbols} {
		for key, names := range tables {
			p := path.Dir(key)
			if key == "." || strings.Contains(p, "internal") || strings.HasPrefix(p, "github.com/traefik/") || onlyWrappers(names) {
				continue
			}
			pkg, err := imp.Import(p)
			if err != nil {
				t.Errorf("%s: %v", p, err)
				continue
			}
			for name := range names {
				if strings.HasPrefix(name, "_") {
					continue // the interpreter's interface wrappers
				}
				if pkg.Scope().Lookup(name) == nil {
					t.Errorf("%s.%s is in the symbol table but not in symbols/exportdata: run make generate", p, name)
				}
			}
		}
	}
}

// onlyWrappers reports whether a symbol table holds nothing but the
// interpreter's interface wrappers (names starting with "_"), as
// symbols/stdlib's own table does: no cell imports it.
func onlyWrappers(names map[string]reflect.Value) bool {
	for name := range names {
		if !strings.HasPrefix(name, "_") {
			return false
		}
	}
	return true
}
