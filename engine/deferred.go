package engine

import (
	"context"
	"go/ast"
	"go/parser"
	"reflect"
)

// runDeferred runs the calls the cell's top level deferred, last first,
// after the cell's code ended with err (nil, or what stopped it), and
// returns the error the cell ends with. As in Go, a deferred call that
// recovers a panic of the cell's code (its recover() returns the panic's
// value, see recoverValue) ends the cell without error; otherwise the
// first error stays.
func (e *Engine) runDeferred(ctx context.Context, err *cellError) *cellError {
	defer func() { e.panicking = nil }()
	for ; e.deferred > 0; e.deferred-- {
		e.panicking = nil
		if err != nil && err.recoverable {
			e.panicking = &pendingPanic{value: err.panicValue}
		}
		f, perr := parser.ParseFile(e.interp.FileSet(), srcName, blockHeader+"__gk_rundefer()"+blockFooter, parser.SkipObjectResolution)
		if perr != nil {
			return internalError(perr)
		}
		body := f.Decls[0].(*ast.FuncDecl).Body
		kerr := e.compileRun(context.WithoutCancel(ctx), body)
		e.interp.FileSet().RemoveFile(e.interp.FileSet().File(f.Pos()))
		if p := e.panicking; p != nil && p.recovered {
			err = nil
		}
		if err == nil {
			err = kerr
		}
	}
	return err
}

// pendingPanic is the panic of a cell's code while the cell's top-level
// deferred calls run.
type pendingPanic struct {
	value     any
	recovered bool
}

// recoverValue is rt.Recover, which every recover() of interpreted code
// calls with its value (see rewrite.RecoverValue): a run-time panic of
// yaegi becomes the runtime.Error Go recovers; a nil value, in a
// top-level deferred call of a cell whose code panicked, is that panic,
// which is then recovered.
func (e *Engine) recoverValue(v any) any {
	if v != nil {
		if re, ok := goRuntimeError(v); ok {
			return re
		}
		return v
	}
	e.resMu.Lock()
	defer e.resMu.Unlock()
	p := e.panicking
	if p == nil || p.recovered {
		return nil
	}
	p.recovered = true
	v = p.value
	if rv, ok := v.(reflect.Value); ok {
		// yaegi hands over the value of a panic statement as a
		// reflect.Value.
		v = nil
		if rv.IsValid() && rv.CanInterface() {
			v = rv.Interface()
		}
	}
	if re, ok := goRuntimeError(v); ok {
		return re
	}
	return v
}
