// Package yaegix is the engine's one door into the unexported internals of
// yaegi v0.16.1 (github.com/traefik/yaegi/interp): the fields it reads and
// writes through reflect and unsafe, and the magic numbers of yaegi's
// enumerations. It is the only package of the project that imports
// unsafe.
//
// Check verifies, against the yaegi version the binary is built with,
// that every field the engine relies on exists with the expected kind and
// that the enumeration values are right, so that a yaegi upgrade fails
// one named test (TestLayout) and engine.New, not a user's cell.
package yaegix

import (
	"fmt"
	"reflect"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/traefik/yaegi/interp"
)

// Enumerations of yaegi v0.16.1 (checked by Check).
const (
	// TypeSym is the symbol kind (sKind) of a type.
	TypeSym = 7
	// ValueT is the type category (tcat) of a compiled (reflect) type.
	ValueT = 37
)

// Pointer is an untyped pointer: yaegi's *symbol or *node, held without
// its (unexported) type.
type Pointer = unsafe.Pointer

// Field returns the (unexported) field name of the addressable struct v
// as a settable value. Lookups by name are cached. It panics when the
// field does not exist: Check finds that first.
func Field(v reflect.Value, name string) reflect.Value {
	key := fieldKey{v.Type(), name}
	f, ok := fieldCache.Load(key)
	if !ok {
		sf, found := v.Type().FieldByName(name)
		if !found {
			panic(fmt.Sprintf("yaegix: yaegi's %v has no field %s", v.Type(), name))
		}
		f, _ = fieldCache.LoadOrStore(key, sf)
	}
	sf := f.(reflect.StructField)
	return reflect.NewAt(sf.Type, unsafe.Add(unsafe.Pointer(v.UnsafeAddr()), sf.Offset)).Elem()
}

type fieldKey struct {
	t    reflect.Type
	name string
}

var fieldCache sync.Map // fieldKey -> reflect.StructField

// Interpreter is the struct in points to, addressable.
func Interpreter(in *interp.Interpreter) reflect.Value { return reflect.ValueOf(in).Elem() }

// PointerMap views a settable map[string]*T (a symbol table, the cache of
// generic instantiations) as a map of pointers: same layout; the engine
// only copies, compares and stores the pointers.
func PointerMap(f reflect.Value) *map[string]Pointer {
	if t := f.Type(); t.Kind() != reflect.Map || t.Key().Kind() != reflect.String || t.Elem().Kind() != reflect.Pointer {
		panic(fmt.Sprintf("yaegix: yaegi's table is a %v", t))
	}
	return (*map[string]Pointer)(unsafe.Pointer(f.UnsafeAddr()))
}

// Mutex is the interpreter's own lock, which guards its run state.
func Mutex(in *interp.Interpreter) *sync.RWMutex {
	return (*sync.RWMutex)(unsafe.Pointer(Field(Interpreter(in), "mutex").UnsafeAddr()))
}

// PrepareRun sets, under the interpreter's lock, the channel that
// cancellable channel operations of the next run also wait on, and makes
// them cancellable (yaegi's default).
func PrepareRun(in *interp.Interpreter, done chan struct{}) {
	mu := Mutex(in)
	mu.Lock()
	defer mu.Unlock()
	v := Interpreter(in)
	Field(v, "done").Set(reflect.ValueOf(done))
	Field(v, "cancelChan").SetBool(true)
}

// StopRun gives the interpreter a new run id, as yaegi's stop does: every
// interpreted frame of the running code ends at its next step.
func StopRun(in *interp.Interpreter) {
	atomic.AddUint64((*uint64)(unsafe.Pointer(Field(Interpreter(in), "id").UnsafeAddr())), 1)
}

// ClearField sets an (unexported, addressable) field to its zero value.
func ClearField(f reflect.Value) {
	reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem().SetZero()
}

// ReflectValueField reads an (unexported, addressable) field of type
// reflect.Value, such as the value of yaegi's valueInterface box.
func ReflectValueField(f reflect.Value) reflect.Value {
	if f.Type() != reflect.TypeOf(reflect.Value{}) {
		panic(fmt.Sprintf("yaegix: field of type %v, not reflect.Value", f.Type()))
	}
	return *(*reflect.Value)(unsafe.Pointer(f.UnsafeAddr()))
}
