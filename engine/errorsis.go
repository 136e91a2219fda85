package engine

import (
	"errors"
	"reflect"
)

// maxErrorChain bounds the errors errors.Is and the prelude's errors.As
// visit in one chain (Go's own have no bound; no real chain comes near).
const maxErrorChain = 1 << 16

// errErrorCycle is the panic of errors.Is and errors.As in a cell when a
// chain exceeds maxErrorChain.
var errErrorCycle = errors.New("errors: more than 65536 wrapped errors: the chain has a cycle " +
	"(a wrapper of a cell-defined error made in a loop reads the loop's latest value when it is unwrapped later)")

// errorsIs is errors.Is for cells (the engine's errors.Is symbol): the
// same walk (Is methods, Unwrap() error, Unwrap() []error depth first),
// but it panics with errErrorCycle instead of looping for ever.
//
// Gap: yaegi v0.16.1 builds the wrapper of a cell-defined value handed to
// compiled code with methods that read the argument's variable when they
// are called, not when the wrapper was made. Errors wrapped in a loop
// (err = fmt.Errorf("step %d: %w", i, &StepErr{i, err})) therefore
// unwrap to the loop's last value, a cycle, and Go's errors.Is, compiled
// code that an interrupt cannot stop, never returned.
func errorsIs(err, target error) bool {
	if err == nil || target == nil {
		return err == target
	}
	budget := maxErrorChain
	return errorsIsFrom(err, target, reflect.TypeOf(target).Comparable(), &budget)
}

func errorsIsFrom(err, target error, comparable bool, budget *int) bool {
	for err != nil {
		if *budget--; *budget < 0 {
			panic(errErrorCycle)
		}
		if comparable && err == target {
			return true
		}
		if x, ok := err.(interface{ Is(error) bool }); ok && x.Is(target) {
			return true
		}
		switch u := err.(type) {
		case interface{ Unwrap() error }:
			err = u.Unwrap()
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				if errorsIsFrom(e, target, comparable, budget) {
					return true
				}
			}
			return false
		default:
			return false
		}
	}
	return false
}

// errorCycle is __gkrt.ErrorCycle: the prelude's errors.As panics with it
// after maxErrorChain errors.
func errorCycle() error { return errErrorCycle }
