package stdlib

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"testing"
)

// TestFormatMethods checks the wrappers against fmt's rules for a value
// with the same methods: the compiled type day (a Stringer) and others
// below are what a cell-defined type is to compiled Go.
func TestFormatMethods(t *testing.T) {
	str := fmtString{IValue: 1, WString: func() string { return "Mon" }}
	errStr := fmtErrorString{IValue: 2, WError: func() string { return "bad" }, WString: func() string { return "str" }}
	gostr := fmtStringGoString{IValue: struct{ A int }{3}, WString: func() string { return "s" }, WGoString: func() string { return "T(3)" }}
	panics := fmtString{IValue: 4, WString: func() string { panic("boom") }}
	var nilPtr *int
	nilRecv := fmtError{IValue: nilPtr, WError: func() string { return fmt.Sprint(*nilPtr) }}
	for _, c := range []struct {
		format string
		arg    any
		want   string
	}{
		{"%v %s %d %x %q", str, `Mon Mon 1 4d6f6e "Mon"`},
		{"%5d|%-5v|%05d|%.2s|%+v", str, "    1|Mon  |00001|Mo|Mon"},
		{"%v %d", errStr, "bad 2"},
		{"%#v %v %+v", gostr, "T(3) s s"},
		{"%#v", str, "1"},
		{"%v|%d", panics, "%!v(PANIC=String method: boom)|4"},
		{"%v", nilRecv, "<nil>"},
	} {
		args := []any{}
		for range countVerbs(c.format) {
			args = append(args, c.arg)
		}
		if got := fmt.Sprintf(c.format, args...); got != c.want {
			t.Errorf("Sprintf(%q, %T) = %q, want %q", c.format, c.arg, got, c.want)
		}
	}
}

func countVerbs(format string) int {
	n := 0
	for i := 0; i < len(format); i++ {
		if format[i] == '%' {
			n++
		}
	}
	return n
}

// TestErrorWrappers checks that a wrapped error is printed with its Error
// method by fmt.Errorf's %w and that errors.Is looks through its Unwrap.
func TestErrorWrappers(t *testing.T) {
	w := fmtErrorUnwrap{IValue: 0, WError: func() string { return "step 1" }, WUnwrap: func() error { return io.EOF }}
	err := fmt.Errorf("run: %w", w)
	if got := err.Error(); got != "run: step 1" {
		t.Errorf("Errorf %%w = %q", got)
	}
	if !errors.Is(err, io.EOF) {
		t.Error("errors.Is does not see io.EOF through the wrapper's Unwrap")
	}
}

// TestFmtMapTypes checks that fmt's functions list Error and GoString
// besides Formatter and Stringer, and that fmt's wrappers are the ones
// here.
func TestFmtMapTypes(t *testing.T) {
	mt := Symbols["."]["MapTypes"].Interface().(map[reflect.Value][]reflect.Type)
	list := mt[reflect.ValueOf(fmt.Println)]
	var names []string
	for _, t := range list {
		names = append(names, t.String())
	}
	if want := "[fmt.Formatter stdlib.errorer fmt.Stringer fmt.GoStringer]"; fmt.Sprint(names) != want {
		t.Errorf("fmt.Println's list = %v, want %s", names, want)
	}
	if Symbols["fmt/fmt"]["_Stringer"] != reflect.ValueOf((*fmtString)(nil)) {
		t.Error("fmt's Stringer wrapper is not fmtString")
	}
	if len(mt[reflect.ValueOf((*fmtError)(nil))]) != len(errorWrappers) {
		t.Error("the composed error wrappers are not registered")
	}
}

// TestUnwrapMethod checks that an interpreter failure (a reflect panic)
// in a wrapper's Unwrap unwraps to nil and that the method's own panic
// goes on.
func TestUnwrapMethod(t *testing.T) {
	var zero reflect.Value
	failing := fmtErrorUnwrap{WError: func() string { return "e" }, WUnwrap: func() error { zero.Interface(); return nil }}
	if got := failing.Unwrap(); got != nil {
		t.Errorf("Unwrap after a reflect panic = %v, want nil", got)
	}
	defer func() {
		if r := recover(); r != "mine" {
			t.Errorf("recovered %v, want the method's own panic", r)
		}
	}()
	fmtErrorUnwrap{WUnwrap: func() error { panic("mine") }}.Unwrap()
}
