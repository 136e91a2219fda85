package engine

import (
	"fmt"
	"reflect"

	"github.com/gokernel/gokernel/engine/internal/yaegix"
	"github.com/gokernel/gokernel/symbols/stdlib"
	"github.com/traefik/yaegi/interp"
)

// useMethodWrappers makes yaegi wrap a value of a cell-defined error type
// that is handed to a compiled parameter of type error (errors.Is(err,
// io.EOF), errors.Unwrap, a compiled function's error argument) with the
// wrappers fmt gets (symbols/stdlib's ErrorWrappers), which carry its
// Unwrap, String and GoString methods and format by Go's rules.
//
// Gap: yaegi v0.16.1's own wrapper of error has only Error, so errors.Is
// did not look through the Unwrap of a cell-defined error, and
// errors.Unwrap returned nil.
//
// It also makes yaegi hand describePanic its argument as it hands fmt's,
// and gives cells the errors.Is of errorsis.go.
func useMethodWrappers(in *interp.Interpreter) error {
	w, err := yaegix.ErrorWrapper(in)
	if err != nil {
		return err
	}
	mapTypes := map[reflect.Value][]reflect.Type{
		w:                              stdlib.ErrorWrappers(),
		reflect.ValueOf(describePanic): stdlib.FmtInterfaces(),
	}
	return in.Use(interp.Exports{
		".":             {"MapTypes": reflect.ValueOf(mapTypes)},
		"errors/errors": {"Is": reflect.ValueOf(errorsIs)}, // see errorsis.go
	})
}

// describePanic is __gkrt.Describe (see rewrite's describedPanic): the
// text Go's panic prints for v, an error or a Stringer, and true; false
// for other values, and when the method itself panics.
func describePanic(v any) (text string, ok bool) {
	defer func() {
		if recover() != nil {
			text, ok = "", false
		}
	}()
	switch x := v.(type) {
	case error:
		return x.Error(), true
	case fmt.Stringer:
		return x.String(), true
	}
	return "", false
}
