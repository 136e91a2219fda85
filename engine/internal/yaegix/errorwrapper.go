package yaegix

import (
	"fmt"
	"reflect"

	"github.com/traefik/yaegi/interp"
)

// ErrorWrapper returns yaegi's wrapper of the builtin error interface
// (interp's _error, the one symbol of the empty package path), as the
// (*_error)(nil) value under which the "." entry's MapTypes lists the
// composed wrappers to use instead of it.
func ErrorWrapper(in *interp.Interpreter) (reflect.Value, error) {
	pkgs, ok := Field(Interpreter(in), "binPkg").Interface().(interp.Exports)
	if !ok {
		return reflect.Value{}, fmt.Errorf("yaegix: yaegi's binPkg is not an interp.Exports")
	}
	w, ok := pkgs[""]["_error"]
	if !ok || w.Kind() != reflect.Pointer || w.Type().Elem().Kind() != reflect.Struct {
		return reflect.Value{}, fmt.Errorf("yaegix: yaegi has no wrapper _error of the error interface")
	}
	return w, nil
}
