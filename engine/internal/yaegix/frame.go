package yaegix

import (
	"fmt"
	"reflect"
	"unsafe"

	"github.com/traefik/yaegi/interp"
)

// GlobalSlots returns how many slots yaegi's global frame has been given
// so far: top-level code keeps its variables and its intermediate values
// (results of calls, operands) there, one slot per node, for the
// interpreter's lifetime.
func GlobalSlots(in *interp.Interpreter) int {
	return Field(Field(Interpreter(in), "universe").Elem(), "types").Len()
}

// ReleaseTemporaries clears the slots of the global frame, from the
// index from on, that no package-level name refers to, and returns how
// many it cleared. Yaegi v0.16.1 never reuses nor clears the slots of
// intermediate values of top-level code: a cell that printed
// strings.Repeat("x", 100<<20) at its top level kept the 100 MB string
// alive for the rest of the session.
//
// What later code can still read stays: the slots of package-level
// symbols (variables, functions). The variables of top-level blocks and
// loops are only read by the code of their cell, and by the closures it
// created, which hold a copy of the frame (yaegi clones it when it makes
// a closure). It must only be called once the code that was given the
// slots from on has returned: running code reads its intermediate values.
func ReleaseTemporaries(in *interp.Interpreter, from int) int {
	iv := Interpreter(in)
	fr := Field(iv, "frame")
	if fr.IsNil() {
		return 0
	}
	data := frameData(Field(fr.Elem(), "data"))
	if from >= len(*data) {
		return 0
	}
	kept := map[int]bool{}
	scopes := Field(iv, "scopes").MapRange()
	for scopes.Next() {
		syms := Field(scopes.Value().Elem(), "sym").MapRange()
		for syms.Next() {
			if sym := syms.Value(); !sym.IsNil() {
				kept[int(Field(sym.Elem(), "index").Int())] = true
			}
		}
	}
	cleared := 0
	for i := from; i < len(*data); i++ {
		if !kept[i] && (*data)[i].IsValid() {
			(*data)[i] = reflect.Value{}
			cleared++
		}
	}
	return cleared
}

// frameData views yaegi's frame.data, a settable []reflect.Value.
func frameData(f reflect.Value) *[]reflect.Value {
	if f.Type() != reflect.TypeOf([]reflect.Value(nil)) {
		panic(fmt.Sprintf("yaegix: yaegi's frame data is a %v", f.Type()))
	}
	return (*[]reflect.Value)(unsafe.Pointer(f.UnsafeAddr()))
}
