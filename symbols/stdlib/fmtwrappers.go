package stdlib

import "fmt"

// The wrappers yaegi builds for a value of a cell-defined type handed to
// fmt (see fmtmethods.go): one struct per combination of the methods fmt
// and errors look for. The first field holds the bare value; each W field
// is the method of that name, which yaegi fills in; yaegi takes the first
// wrapper of a list (errorWrappers, stringWrappers) whose methods the
// type has all, so the lists go from the most methods to the fewest.
// Every wrapper formats itself by Go's rules (formatMethods), and those
// with Unwrap let errors.Is and errors.As look through them.

// fmtErrorStringGoStringUnwrap wraps a value with the methods its name lists.
type fmtErrorStringGoStringUnwrap struct {
	IValue    any
	WError    func() string
	WString   func() string
	WGoString func() string
	WUnwrap   func() error
}

func (w fmtErrorStringGoStringUnwrap) Error() string    { return w.WError() }
func (w fmtErrorStringGoStringUnwrap) String() string   { return w.WString() }
func (w fmtErrorStringGoStringUnwrap) GoString() string { return w.WGoString() }
func (w fmtErrorStringGoStringUnwrap) Unwrap() error    { return unwrapMethod(w.WUnwrap) }
func (w fmtErrorStringGoStringUnwrap) Format(f fmt.State, verb rune) {
	formatMethods(f, verb, w.IValue, w.WError, w.WString, w.WGoString)
}

// fmtErrorStringGoString wraps a value with the methods its name lists.
type fmtErrorStringGoString struct {
	IValue    any
	WError    func() string
	WString   func() string
	WGoString func() string
}

func (w fmtErrorStringGoString) Error() string    { return w.WError() }
func (w fmtErrorStringGoString) String() string   { return w.WString() }
func (w fmtErrorStringGoString) GoString() string { return w.WGoString() }
func (w fmtErrorStringGoString) Format(f fmt.State, verb rune) {
	formatMethods(f, verb, w.IValue, w.WError, w.WString, w.WGoString)
}

// fmtErrorStringUnwrap wraps a value with the methods its name lists.
type fmtErrorStringUnwrap struct {
	IValue  any
	WError  func() string
	WString func() string
	WUnwrap func() error
}

func (w fmtErrorStringUnwrap) Error() string  { return w.WError() }
func (w fmtErrorStringUnwrap) String() string { return w.WString() }
func (w fmtErrorStringUnwrap) Unwrap() error  { return unwrapMethod(w.WUnwrap) }
func (w fmtErrorStringUnwrap) Format(f fmt.State, verb rune) {
	formatMethods(f, verb, w.IValue, w.WError, w.WString, nil)
}

// fmtErrorString wraps a value with the methods its name lists.
type fmtErrorString struct {
	IValue  any
	WError  func() string
	WString func() string
}

func (w fmtErrorString) Error() string  { return w.WError() }
func (w fmtErrorString) String() string { return w.WString() }
func (w fmtErrorString) Format(f fmt.State, verb rune) {
	formatMethods(f, verb, w.IValue, w.WError, w.WString, nil)
}

// fmtErrorGoStringUnwrap wraps a value with the methods its name lists.
type fmtErrorGoStringUnwrap struct {
	IValue    any
	WError    func() string
	WGoString func() string
	WUnwrap   func() error
}

func (w fmtErrorGoStringUnwrap) Error() string    { return w.WError() }
func (w fmtErrorGoStringUnwrap) GoString() string { return w.WGoString() }
func (w fmtErrorGoStringUnwrap) Unwrap() error    { return unwrapMethod(w.WUnwrap) }
func (w fmtErrorGoStringUnwrap) Format(f fmt.State, verb rune) {
	formatMethods(f, verb, w.IValue, w.WError, nil, w.WGoString)
}

// fmtErrorGoString wraps a value with the methods its name lists.
type fmtErrorGoString struct {
	IValue    any
	WError    func() string
	WGoString func() string
}

func (w fmtErrorGoString) Error() string    { return w.WError() }
func (w fmtErrorGoString) GoString() string { return w.WGoString() }
func (w fmtErrorGoString) Format(f fmt.State, verb rune) {
	formatMethods(f, verb, w.IValue, w.WError, nil, w.WGoString)
}

// fmtErrorUnwrap wraps a value with the methods its name lists.
type fmtErrorUnwrap struct {
	IValue  any
	WError  func() string
	WUnwrap func() error
}

func (w fmtErrorUnwrap) Error() string { return w.WError() }
func (w fmtErrorUnwrap) Unwrap() error { return unwrapMethod(w.WUnwrap) }
func (w fmtErrorUnwrap) Format(f fmt.State, verb rune) {
	formatMethods(f, verb, w.IValue, w.WError, nil, nil)
}

// fmtError wraps a value with the methods its name lists.
type fmtError struct {
	IValue any
	WError func() string
}

func (w fmtError) Error() string { return w.WError() }
func (w fmtError) Format(f fmt.State, verb rune) {
	formatMethods(f, verb, w.IValue, w.WError, nil, nil)
}

// fmtStringGoString wraps a value with the methods its name lists.
type fmtStringGoString struct {
	IValue    any
	WString   func() string
	WGoString func() string
}

func (w fmtStringGoString) String() string   { return w.WString() }
func (w fmtStringGoString) GoString() string { return w.WGoString() }
func (w fmtStringGoString) Format(f fmt.State, verb rune) {
	formatMethods(f, verb, w.IValue, nil, w.WString, w.WGoString)
}

// fmtString wraps a value with the methods its name lists.
type fmtString struct {
	IValue  any
	WString func() string
}

func (w fmtString) String() string {
	if w.WString == nil {
		return ""
	}
	return w.WString()
}
func (w fmtString) Format(f fmt.State, verb rune) {
	formatMethods(f, verb, w.IValue, nil, w.WString, nil)
}

// fmtGoString wraps a value with the methods its name lists.
type fmtGoString struct {
	IValue    any
	WGoString func() string
}

func (w fmtGoString) GoString() string { return w.WGoString() }
func (w fmtGoString) Format(f fmt.State, verb rune) {
	formatMethods(f, verb, w.IValue, nil, nil, w.WGoString)
}
