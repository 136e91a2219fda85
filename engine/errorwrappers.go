package engine

import (
	"reflect"

	"github.com/gokernel/gokernel/engine/internal/yaegix"
	"github.com/gokernel/gokernel/symbols/stdlib"
	"github.com/traefik/yaegi/interp"
)

// useErrorWrappers makes yaegi wrap a value of a cell-defined error type
// that is handed to a compiled parameter of type error (errors.Is(err,
// io.EOF), errors.Unwrap, a compiled function's error argument) with the
// wrappers fmt gets (symbols/stdlib's ErrorWrappers), which carry its
// Unwrap, String and GoString methods and format by Go's rules.
//
// Gap: yaegi v0.16.1's own wrapper of error has only Error, so errors.Is
// did not look through the Unwrap of a cell-defined error, and
// errors.Unwrap returned nil.
func useErrorWrappers(in *interp.Interpreter) error {
	w, err := yaegix.ErrorWrapper(in)
	if err != nil {
		return err
	}
	mapTypes := map[reflect.Value][]reflect.Type{w: stdlib.ErrorWrappers()}
	return in.Use(interp.Exports{".": {"MapTypes": reflect.ValueOf(mapTypes)}})
}
