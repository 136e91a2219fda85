package engine

import (
	"go/token"
	"reflect"

	"github.com/gokernel/gokernel/display"
)

// A cell's final value whose rich representation failed (display.Table
// with rows of the wrong shape, an nnplot figure of bad data: a
// display.Renderer whose Err method reports an error, as display
// documents) ends the cell with a DisplayError rather than showing the
// error's text as the cell's result, so that the failure is visible to
// frontends, `gokernel run` and stop_on_error. The cell's state stays.

// renderErr returns the error that v, a display.Renderer with a method
// Err() error, carries instead of its representation; nil for other
// values, nil pointers and an Err that panics.
func renderErr(v any) (err error) {
	r, ok := v.(display.Renderer)
	if !ok {
		return nil
	}
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer && rv.IsNil() {
		return nil
	}
	failed, ok := r.(interface{ Err() error })
	if !ok {
		return nil
	}
	defer func() {
		if recover() != nil {
			err = nil
		}
	}()
	return failed.Err()
}

// showErr receives the error the cell's final value carries.
func (e *Engine) showErr(err error) {
	e.resMu.Lock()
	e.displayErr = err
	e.resMu.Unlock()
}

// displayError returns the DisplayError of the final expression at pos,
// if its value carried an error.
func (e *Engine) displayError(pos token.Pos) *cellError {
	e.resMu.Lock()
	err := e.displayErr
	e.displayErr = nil
	e.resMu.Unlock()
	if err == nil {
		return nil
	}
	c := newError(kindDisplay, err.Error(), kindDisplay.String()+": "+err.Error())
	if p := e.interp.FileSet().Position(pos); p.Line > headerLines {
		c.lines = append(c.lines, tbLine{"    at cell:" + cellPos(p.Line, p.Column), p.Line - headerLines, p.Column})
	}
	return c
}
