package nnlib

import (
	"fmt"
	"reflect"
)

// errNilModel is what every method of a nil *Sequential returns: in a
// notebook, `m, _ := nnlib.NewSequential(nnlib.Dense(0))` leaves m nil.
func errNilModel(method string) error {
	return fmt.Errorf("nnlib: %s: the model is nil: it was never created. Check the error NewSequential (or Load) returned: model, err := nnlib.NewSequential(...); if err != nil { ... }", method)
}

// nilModelText is what Summary, String and MIMEBundle show for a nil model.
const nilModelText = "nnlib: nil model (never created; check the error NewSequential or Load returned)"

// isNilPointer reports whether v holds a nil pointer (a typed nil in an
// interface, such as a (*DenseLayer)(nil) passed as a Layer).
func isNilPointer(v any) bool {
	rv := reflect.ValueOf(v)
	return rv.Kind() == reflect.Pointer && rv.IsNil()
}
