package engine

import (
	"fmt"
	"reflect"

	"github.com/gokernel/gokernel/engine/typecheck"
)

// goCheck type-checks a cell as Go against the model of the session
// (package typecheck) before the interpreter compiles it, so that a cell
// Go rejects fails with the Go compiler's errors, as a CompileError. When
// the model cannot decide, the cell goes on to the interpreter as it is.
// The result is committed with commitCheck once the cell ran.
func (e *Engine) goCheck(code string, count int) (*typecheck.Result, *cellError) {
	if e.types == nil {
		e.types = typecheck.NewSession()
	}
	label := ""
	if count > 0 {
		label = fmt.Sprintf("In [%d]", count)
	}
	r := e.types.Check(code, typecheck.Env{
		Label:   label,
		Imports: e.pkgNames,
		AutoImport: func(name string) (string, bool) {
			if paths := packagesNamed()[name]; len(paths) == 1 {
				return paths[0], true
			}
			return "", false
		},
		Symbol: func(path, name string) bool {
			pn, ok := packageNames()[path]
			if !ok {
				return false
			}
			for _, m := range []map[string]map[string]reflect.Value{stdlibSymbols(), preloadedSymbols()} {
				if _, ok := m[path+"/"+pn][name]; ok {
					return true
				}
			}
			return false
		},
		Known: func(name string) bool {
			_, def := e.defs[name]
			_, pkg := e.pkgNames[name]
			return def || pkg
		},
	})
	if len(r.Errors) == 0 {
		return r, nil
	}
	first := r.Errors[0]
	c := errorAt(kindCompile, first.Line, first.Col, first.Msg)
	for _, err := range r.Errors[1:] {
		c.lines = append(c.lines, tbLine{text: err.String(), line: err.Line, col: err.Col})
	}
	return r, c
}

// commitCheck records in the session model what the cell declared, up to
// the byte offset ranTo of the cell (the end of the part that ran).
func (e *Engine) commitCheck(r *typecheck.Result, ranTo int) {
	if e.types != nil {
		e.types.Commit(r, ranTo)
	}
}
