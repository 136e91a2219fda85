package engine

import (
	"reflect"
	"regexp"
	"strings"
)

// runtimeError is a run-time panic of interpreted code as Go reports it:
// a runtime.Error whose Error is the Go runtime's text.
type runtimeError struct{ msg string }

func (e runtimeError) Error() string { return e.msg }

// RuntimeError marks runtimeError as a runtime.Error.
func (runtimeError) RuntimeError() {}

// goRuntimeError translates the value of a panic that yaegi v0.16.1
// raises where the Go runtime would (it runs interpreted code with
// package reflect, whose panics say "reflect: ..."; its type assertions
// prefix their message with a position) into the runtime.Error Go
// raises there, and reports whether it did. The translation goes by the
// panic's text: that is all yaegi leaves.
func goRuntimeError(v any) (error, bool) {
	if _, ok := v.(runtimeError); ok {
		return nil, false
	}
	var msg string
	switch v := v.(type) {
	case string:
		msg = v
	case *reflect.ValueError:
		msg = v.Error()
	case error:
		msg = v.Error()
	default:
		return nil, false
	}
	switch {
	case nilDeref(msg):
		return runtimeError{"runtime error: invalid memory address or nil pointer dereference"}, true
	case strings.HasPrefix(msg, "hash of unhashable type: "):
		return runtimeError{"runtime error: hash of unhashable type " + strings.TrimPrefix(msg, "hash of unhashable type: ")}, true
	case msg == "reflect.MakeSlice: negative len" || msg == "reflect.MakeSlice: len > cap":
		return runtimeError{"runtime error: makeslice: len out of range"}, true
	case msg == "reflect.MakeSlice: negative cap":
		return runtimeError{"runtime error: makeslice: cap out of range"}, true
	case msg == "reflect: slice index out of range" || msg == "reflect: array index out of range" ||
		msg == "reflect: string index out of range":
		// Go's message adds "[i] with length n", which yaegi's panic
		// has lost.
		return runtimeError{"runtime error: index out of range"}, true
	case strings.HasPrefix(msg, "reflect.Value.Slice: slice index out of bounds") ||
		strings.HasPrefix(msg, "reflect.Value.Slice3: slice index out of bounds"):
		return runtimeError{"runtime error: slice bounds out of range"}, true
	}
	if m := sliceToArray.FindStringSubmatch(msg); m != nil {
		return runtimeError{"runtime error: cannot convert slice with length " + m[1] + " to array or pointer to array with length " + m[2]}, true
	}
	if m := positionedConversion.FindStringSubmatch(msg); m != nil {
		return runtimeError{m[1]}, true
	}
	return nil, false
}

// nilDeref reports whether msg is one of reflect's panics on the zero
// Value that an interpreted nil pointer dereference, nil map write or
// nil function call raises.
func nilDeref(msg string) bool {
	switch {
	case strings.HasPrefix(msg, "reflect: call of reflect.Value.") && strings.HasSuffix(msg, " on zero Value"),
		msg == "reflect.Value.Call: call of nil function",
		msg == "reflect: call of nil function",
		strings.Contains(msg, "invalid memory address or nil pointer dereference"):
		return true
	}
	return false
}

var (
	// sliceToArray matches reflect's panic on a conversion of a slice to
	// a longer array.
	sliceToArray = regexp.MustCompile(`^reflect: cannot convert slice with length (\d+) to (?:array|pointer to array) with length (\d+)$`)
	// positionedConversion matches yaegi's failed type assertion: Go's
	// message behind a position, "3:6: interface conversion: ...".
	positionedConversion = regexp.MustCompile(`^(?:[\w./-]+\.go:)?\d+:\d+: (interface conversion: .*)$`)
)
