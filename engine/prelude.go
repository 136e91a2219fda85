package engine

import (
	"fmt"
	"reflect"
	"time"

	"github.com/gokernel/gokernel/cell"
	"github.com/gokernel/gokernel/engine/generic"
	"github.com/traefik/yaegi/interp"
)

// rtPath is the import path of the engine's runtime package, which the
// prelude and rewritten cells call; rtName is the name the prelude imports
// it under.
const (
	rtPath = "gokernel.internal/rt"
	rtName = "__gkrt"
)

// prelude is interpreted once when the engine starts. It fills yaegi's
// gaps (min, max, clear are missing from v0.16.1) and defines the function
// that receives a cell's final expression.
const prelude = `package main

import (
	` + rtName + ` "` + rtPath + `"
	` + generic.ExtName + ` "stdext"
)

type __gkOrdered interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr | ~float32 | ~float64 | ~string
}

// min returns the smallest of its arguments, like Go's built-in min.
func min[T __gkOrdered](x T, ys ...T) T {
	for _, y := range ys {
		if y < x {
			x = y
		}
	}
	return x
}

// max returns the largest of its arguments, like Go's built-in max.
func max[T __gkOrdered](x T, ys ...T) T {
	for _, y := range ys {
		if y > x {
			x = y
		}
	}
	return x
}

// clear deletes all entries of a map or zeroes all elements of a slice,
// like Go's built-in clear.
func clear(x any) { ` + rtName + `.Clear(x) }

// __gk_last holds the values of the cell's final expression, so that the
// engine can call methods of cell-defined types on them.
var __gk_last []any

// __gk_defers are the deferred calls of the running cell's top level.
var __gk_defers []func()

func __gk_defer(f func()) {
	__gk_defers = append(__gk_defers, f)
	` + rtName + `.Deferred()
}

// __gk_rundefer runs the last deferred call of the cell.
func __gk_rundefer() {
	f := __gk_defers[len(__gk_defers)-1]
	__gk_defers = __gk_defers[:len(__gk_defers)-1]
	f()
}

// __gk_pull1 and __gk_pull2 run an iterator in a goroutine and hand out
// its values one by one (see pullRangeFuncs): each call of next asks for
// one value (req <- true), stop tells the iterator to end (req <- false).
// They use no select statement: yaegi v0.16.1 shares a select's cases
// between the goroutines that run it. A panic of the iterator ends the
// cell as a goroutine's panic does.
func __gk_pull1[V any](seq func(func(V) bool)) (func() (V, bool), func()) {
	req := make(chan bool)
	vals := make(chan V)
	finished := false
	go func() {
		defer close(vals)
		defer func() {
			if r := recover(); r != nil {
				` + rtName + `.GoPanic(r)
			}
		}()
		if start := <-req; start {
			seq(func(v V) bool {
				vals <- v
				more := <-req
				return more
			})
		}
	}()
	next := func() (V, bool) {
		var v V
		if finished {
			return v, false
		}
		req <- true
		v, ok := <-vals
		finished = !ok
		return v, ok
	}
	return next, func() {
		if !finished {
			finished = true
			req <- false
		}
	}
}

func __gk_pull2[K, V any](seq func(func(K, V) bool)) (func() (K, V, bool), func()) {
	req := make(chan bool)
	keys := make(chan K)
	vals := make(chan V)
	finished := false
	go func() {
		defer close(keys)
		defer func() {
			if r := recover(); r != nil {
				` + rtName + `.GoPanic(r)
			}
		}()
		if start := <-req; start {
			seq(func(k K, v V) bool {
				keys <- k
				vals <- v
				more := <-req
				return more
			})
		}
	}()
	next := func() (K, V, bool) {
		var k K
		var v V
		if finished {
			return k, v, false
		}
		req <- true
		k, ok := <-keys
		if ok {
			v = <-vals
		}
		finished = !ok
		return k, v, ok
	}
	return next, func() {
		if !finished {
			finished = true
			req <- false
		}
	}
}

func __gk_show(vs ...any) {
	if len(vs) == 2 && vs[1] == nil {
		vs = vs[:1]
	}
	__gk_last = vs
	` + rtName + `.Show(vs...)
}
` + errorsAsSource

// runtimeSymbols are the compiled functions of the runtime package, bound
// to e.
func (e *Engine) runtimeSymbols() interp.Exports {
	return interp.Exports{
		rtPath + "/rt": {
			"Show":         reflect.ValueOf(e.show),
			"Text":         reflect.ValueOf(e.showText),
			"Bundle":       reflect.ValueOf(e.showBundle),
			"DisplayErr":   reflect.ValueOf(e.showErr),
			"GoPanic":      reflect.ValueOf(e.goPanic),
			"Deferred":     reflect.ValueOf(func() { e.deferred++ }),
			"Enter":        reflect.ValueOf(e.enterCall),
			"Leave":        reflect.ValueOf(e.leaveCall),
			"Clear":        reflect.ValueOf(clearValue),
			"Return":       reflect.ValueOf(endCell),
			"At":           reflect.ValueOf(e.setLine),
			"PanicText":    reflect.ValueOf(e.notePanicText),
			"Make":         reflect.ValueOf(e.mem.Make), // see memguard.go
			"Grow":         reflect.ValueOf(e.mem.Grow),
			"RepeatString": reflect.ValueOf(e.mem.RepeatString),
			"RepeatBytes":  reflect.ValueOf(e.mem.RepeatBytes),
			"Recover":      reflect.ValueOf(e.recoverValue), // see deferred.go
			"Unwrap":       reflect.ValueOf(unwrapError),    // see errorsas.go
			"Describe":     reflect.ValueOf(describePanic),  // see errorwrappers.go
			"ErrorCycle":   reflect.ValueOf(errorCycle),     // see errorsis.go
		},
	}
}

// clearValue implements the built-in clear for interpreted code.
func clearValue(x any) {
	v := reflect.ValueOf(x)
	switch v.Kind() {
	case reflect.Map:
		v.Clear()
	case reflect.Slice:
		v.Clear()
	}
}

// sleep replaces time.Sleep for interpreted code: it returns early when
// the running cell is interrupted, so that the interpreter can stop.
func sleep(d time.Duration) {
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-cell.Context().Done():
	}
}

// maxDepth is the number of nested calls of declared interpreted
// functions (summed over goroutines) at which the cell is stopped:
// infinite recursion would otherwise overflow the Go stack, which is
// fatal. The cell is stopped the way an interrupt stops it, because
// unwinding thousands of interpreted frames with a panic takes yaegi
// quadratic time.
const maxDepth = 100000

// enterCall counts a call of an interpreted function; see maxDepth.
func (e *Engine) enterCall() {
	if e.depth.Add(1) <= maxDepth {
		return
	}
	e.resMu.Lock()
	e.overflow = true
	cancel := e.cancelRun
	e.resMu.Unlock()
	if cancel == nil {
		// No cell runs (a goroutine of an earlier cell recurses): a panic
		// is slow to unwind, but not fatal.
		panic(stackOverflow().value)
	}
	cancel()
	// Wait until the interpreter has been told to stop; the frames then
	// return one by one, each through its deferred Leave (see
	// rewrite.guard), this one included.
	<-cell.Context().Done()
}

// leaveCall counts the return of an interpreted function.
func (e *Engine) leaveCall() { e.depth.Add(-1) }

// stackOverflow is the error of a cell stopped by maxDepth.
func stackOverflow() *cellError {
	msg := fmt.Sprintf("stack overflow: more than %d nested calls of interpreted functions (infinite recursion?)", maxDepth)
	return newError(kindPanic, msg, "panic: "+msg, "The cell was stopped; variables defined before keep their values.")
}
