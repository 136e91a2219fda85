package engine

// errorsAsSource is the prelude's errors.As for the calls that show their
// target's type, errors.As(err, &target): rewrite's errorsAs turns them
// into calls of __gk_errorsAs. It walks err's chain depth first, as
// errors.As does, and tests each error with a type assertion in
// interpreted code, where a cell-defined type is known: compiled
// errors.As sees such a target without its methods and panics ("*target
// must be interface or implement error"). The chain itself is unwrapped
// by compiled code (__gkrt.Unwrap), which sees the Unwrap methods of
// cell-defined types through fmt's wrappers (symbols/stdlib). Unlike
// errors.As, it does not panic for a target that is neither an interface
// nor an error (yaegi cannot tell an interface type parameter from the
// others): it reports false. Like errors.Is in cells (errorsis.go), it
// panics after maxErrorChain errors, a cycle.
const errorsAsSource = `
func __gk_errorsAs[T any](err error, target *T) bool {
	stack := []error{err}
	for visited := 0; len(stack) > 0; visited++ {
		if visited > 65536 { // maxErrorChain
			panic(` + rtName + `.ErrorCycle())
		}
		e := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if e == nil {
			continue
		}
		if t, ok := e.(T); ok {
			*target = t
			return true
		}
		next := ` + rtName + `.Unwrap(e)
		for i := len(next) - 1; i >= 0; i-- {
			stack = append(stack, next[i])
		}
	}
	return false
}
`

// unwrapError is __gkrt.Unwrap: the errors err wraps, by its Unwrap
// method (either form), or none.
func unwrapError(err error) []error {
	switch u := err.(type) {
	case interface{ Unwrap() []error }:
		return u.Unwrap()
	case interface{ Unwrap() error }:
		if next := u.Unwrap(); next != nil {
			return []error{next}
		}
	}
	return nil
}

// isErrorsPackage is rewrite.Options.IsErrors: whether name, used as
// name.As, is the package errors (imported under that name, or its own
// name when no cell declares something else called errors).
func (e *Engine) isErrorsPackage(name string) bool {
	if _, ok := e.imports[name+" errors"]; ok {
		return true
	}
	_, defined := e.defs[name]
	return name == "errors" && !defined
}
