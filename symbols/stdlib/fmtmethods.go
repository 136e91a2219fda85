package stdlib

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
)

// fmt and the methods of cell-defined types.
//
// yaegi hands a value of a cell-defined type to a compiled fmt function
// (Println, Sprintf, Errorf, ...) as a wrapper struct: its first field is
// the bare value (IValue), the others are the type's methods as
// functions, and the wrapper's own methods call them. yaegi picks the
// wrapper from the first interface of the function's MapTypes list that
// the type implements. Its list for fmt is Formatter and Stringer, and
// its Stringer wrapper has only String, so that fmt printed the wrapper
// struct itself for every verb String does not serve ("%d" of a Weekday
// printed "{1 5349408}"), and Error and GoString were never seen.
//
// The wrappers here apply Go's rules (fmt's handleMethods) instead: each
// implements fmt.Formatter, calls Error (before String) for %v %s %x %X
// %q and %w, GoString for %#v, and otherwise formats the bare value with
// the same verb, flags, width and precision. The list for fmt's functions
// becomes Formatter, Error, Stringer, GoStringer; composed wrappers cover
// the types that have more than one of these methods.

// errorer is the interface of a type with an Error method: yaegi finds
// the wrapper of an interface in the package of its path, so the builtin
// error, whose package yaegi's own, is named here again.
type errorer interface{ Error() string }

// methodsPath is the import path under which yaegi finds _errorer.
const methodsPath = "github.com/gokernel/gokernel/symbols/stdlib"

// formatMethods prints v for verb as fmt prints a value whose Error,
// String and GoString methods (nil when it has none) are given.
func formatMethods(f fmt.State, verb rune, v any, errorFn, stringFn, goStringFn func() string) {
	if verb == 'v' && f.Flag('#') {
		if goStringFn != nil {
			printMethod(f, verb, v, "GoString", goStringFn, func(s string) { io.WriteString(f, s) })
			return
		}
		fmt.Fprintf(f, fmt.FormatString(f, verb), v)
		return
	}
	switch verb {
	case 'v', 's', 'x', 'X', 'q':
		show := func(s string) { fmt.Fprintf(f, fmt.FormatString(f, verb), s) }
		if errorFn != nil {
			printMethod(f, verb, v, "Error", errorFn, show)
			return
		}
		if stringFn != nil {
			printMethod(f, verb, v, "String", stringFn, show)
			return
		}
	}
	fmt.Fprintf(f, fmt.FormatString(f, verb), v)
}

// printMethod shows the result of the method name of v; a panic in it is
// printed as fmt prints it: "<nil>" for a nil pointer receiver, else
// %!v(PANIC=String method: ...).
func printMethod(f fmt.State, verb rune, v any, name string, method func() string, show func(string)) {
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer && rv.IsNil() {
			io.WriteString(f, "<nil>")
			return
		}
		fmt.Fprintf(f, "%%!%c(PANIC=%s method: %v)", verb, name, r)
	}()
	show(method())
}

// errorWrappers are the composed wrappers of a value with an Error
// method, stringWrappers those of a value with a String method (see
// fmtwrappers.go); fmtError and fmtString are the plain ones.
var (
	errorWrappers = typesOf(
		(*fmtErrorStringGoStringUnwrap)(nil), (*fmtErrorStringGoString)(nil),
		(*fmtErrorStringUnwrap)(nil), (*fmtErrorString)(nil),
		(*fmtErrorGoStringUnwrap)(nil), (*fmtErrorGoString)(nil),
		(*fmtErrorUnwrap)(nil))
	stringWrappers = typesOf((*fmtStringGoString)(nil))
)

// ErrorWrappers returns the wrappers of a value with an Error method,
// from the most methods to the fewest (the last is fmtError, Error
// alone): registered in MapTypes under yaegi's wrapper of the builtin
// error interface (which the engine finds), they give a value of a
// cell-defined error type handed to a compiled parameter of type error
// (errors.Is, errors.Unwrap, ...) its Unwrap, String and GoString methods
// and fmt's rules.
func ErrorWrappers() []reflect.Type {
	return append(errorWrappers[:len(errorWrappers):len(errorWrappers)], typesOf((*fmtError)(nil))...)
}

// FmtInterfaces returns the interfaces yaegi wraps the arguments of fmt's
// functions for (Formatter, Error, Stringer, GoStringer): listed in
// MapTypes for another compiled function, they make yaegi hand it its
// arguments as it hands them to fmt.
func FmtInterfaces() []reflect.Type {
	return typesOf((*fmt.Formatter)(nil), (*errorer)(nil), (*fmt.Stringer)(nil), (*fmt.GoStringer)(nil))
}

// typesOf returns the types the pointers point to.
func typesOf(ptrs ...any) []reflect.Type {
	ts := make([]reflect.Type, len(ptrs))
	for i, p := range ptrs {
		ts[i] = reflect.TypeOf(p).Elem()
	}
	return ts
}

// unwrapMethod calls a wrapper's Unwrap method. The interpreter may fail
// in it with a reflect error: yaegi's wrapper reads its receiver from the
// argument's variable when the method is called, and that variable may
// be gone (a cell's loop that made the wrapper has ended). Such an error
// unwraps to nil, as a wrapper without Unwrap did; a panic of the method
// itself goes on.
func unwrapMethod(method func() error) (next error) {
	defer func() {
		if r := recover(); r != nil {
			if _, isReflect := r.(*reflect.ValueError); isReflect {
				next = nil
				return
			}
			if s, ok := r.(string); ok && strings.HasPrefix(s, "reflect") {
				next = nil
				return
			}
			panic(r)
		}
	}()
	return method()
}

// withFmtMethods returns syms with fmt's Stringer and GoStringer wrappers
// replaced by the ones above, the errorer wrapper added, and MapTypes
// completed: fmt's functions list Formatter, Error, Stringer, GoStringer,
// and the composed wrappers are registered. syms is not modified.
func withFmtMethods(syms map[string]map[string]reflect.Value) map[string]map[string]reflect.Value {
	out := make(map[string]map[string]reflect.Value, len(syms)+1)
	for k, v := range syms {
		out[k] = v
	}
	fmtSyms := make(map[string]reflect.Value, len(syms["fmt/fmt"]))
	for k, v := range syms["fmt/fmt"] {
		fmtSyms[k] = v
	}
	stringer := reflect.ValueOf((*fmtString)(nil))
	goStringer := reflect.ValueOf((*fmtGoString)(nil))
	errorWrapper := reflect.ValueOf((*fmtError)(nil))
	fmtSyms["_Stringer"] = stringer
	fmtSyms["_GoStringer"] = goStringer
	out["fmt/fmt"] = fmtSyms
	out[methodsPath+"/stdlib"] = map[string]reflect.Value{"_errorer": errorWrapper}

	fmtList := FmtInterfaces()
	stringerType := fmtList[2]
	base := syms["."]["MapTypes"].Interface().(map[reflect.Value][]reflect.Type)
	mapTypes := make(map[reflect.Value][]reflect.Type, len(base)+3)
	for fn, list := range base {
		mapTypes[fn] = list
		for _, t := range list {
			if t == stringerType {
				mapTypes[fn] = fmtList
				break
			}
		}
	}
	// errors.Join(errs ...error): yaegi wraps a variadic argument for the
	// slice type []error, that is not at all, and reflect refuses a bare
	// value of a cell-defined error type; listing errorer makes it wrap.
	mapTypes[reflect.ValueOf(errors.Join)] = fmtList[1:2]
	mapTypes[errorWrapper] = errorWrappers
	mapTypes[stringer] = stringWrappers
	dot := make(map[string]reflect.Value, len(syms["."]))
	for k, v := range syms["."] {
		dot[k] = v
	}
	dot["MapTypes"] = reflect.ValueOf(mapTypes)
	out["."] = dot
	return out
}
