// Package stdext is the interpreter's source of the generic functions
// that standard library packages otherwise compiled for cells have
// (sync.OnceValue, sync.OnceValues): yaegi v0.16.1 takes
// no generics from compiled code, and a package is either compiled or
// interpreted. The engine rewrites a cell's sync.OnceValue into
// a call of the function here (see generic.Extensions and
// rewrite.StdExtensions).
package stdext

import "sync"

// SyncOnceValue is sync.OnceValue: a function that calls f once and
// returns its value on every call; if f panics, every call panics with
// that value.
func SyncOnceValue[T any](f func() T) func() T {
	var (
		once   sync.Once
		valid  bool
		failed any
		result T
	)
	g := func() {
		defer func() {
			if !valid {
				failed = recover()
			}
		}()
		result = f()
		f = nil
		valid = true
	}
	return func() T {
		once.Do(g)
		if !valid {
			panic(failed)
		}
		return result
	}
}

// SyncOnceValues is sync.OnceValues: SyncOnceValue for a function of two
// results.
func SyncOnceValues[T1, T2 any](f func() (T1, T2)) func() (T1, T2) {
	var (
		once   sync.Once
		valid  bool
		failed any
		r1     T1
		r2     T2
	)
	g := func() {
		defer func() {
			if !valid {
				failed = recover()
			}
		}()
		r1, r2 = f()
		f = nil
		valid = true
	}
	return func() (T1, T2) {
		once.Do(g)
		if !valid {
			panic(failed)
		}
		return r1, r2
	}
}
