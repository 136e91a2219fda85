package engine

import (
	"reflect"

	"github.com/gokernel/gokernel/engine/internal/yaegix"
)

// dropDebugState forgets what yaegi v0.16.1 keeps of every compilation
// for its debugger only: the list of compiled roots and each scope's list
// of child scopes. Without this every executed cell leaks its syntax tree
// (a few KB per execute). Nothing outside yaegi's debugger reads these
// fields; the engine does not use the debugger.
func (e *Engine) dropDebugState() {
	v := yaegix.Interpreter(e.interp)
	if roots := v.FieldByName("roots"); roots.IsValid() && roots.Kind() == reflect.Slice {
		yaegix.ClearField(roots)
	}
	dropChildren := func(sc reflect.Value) {
		if sc.Kind() != reflect.Pointer || sc.IsNil() {
			return
		}
		if child := sc.Elem().FieldByName("child"); child.IsValid() && child.Kind() == reflect.Slice {
			yaegix.ClearField(child)
		}
	}
	if u := v.FieldByName("universe"); u.IsValid() {
		dropChildren(u)
	}
	if scopes := v.FieldByName("scopes"); scopes.IsValid() && scopes.Kind() == reflect.Map {
		it := scopes.MapRange()
		for it.Next() {
			dropChildren(it.Value())
		}
	}
}
