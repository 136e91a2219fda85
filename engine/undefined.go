package engine

import (
	"go/ast"
	"go/token"
	"slices"
	"strings"
)

// betterCompileError replaces yaegi's "definition loop" message, which it
// gives for a definition that uses an undefined name, with "undefined:
// name" at the name's position when the chunk uses a name that nothing
// defines.
func (e *Engine) betterCompileError(kerr *cellError, n ast.Node) *cellError {
	if pkg := e.undefinedPackage(kerr, n); pkg != nil {
		return pkg
	}
	if kerr != nil && kerr.kind == kindCompile && strings.Contains(kerr.value, "undefined type for ") {
		return withHint(kerr, variadicHint)
	}
	if kerr != nil && kerr.kind == kindInternal && hasRange(n) {
		return withHint(kerr, rangeFuncHint)
	}
	if kerr == nil || kerr.kind != kindCompile || !strings.Contains(kerr.value, "definition loop") {
		return kerr
	}
	id := e.firstUndefined(n, false)
	if id == nil {
		return kerr
	}
	return e.undefinedError(id)
}

// undefinedPackage turns the interpreter's crash on a package-level
// definition of several values from a call into a package that is not
// imported (m, err := strconv.Atoi(s) or var m, err = ... without import
// "strconv": yaegi v0.16.1 dereferences the missing package's nil type)
// into the compile error it should have been, "undefined: strconv", which
// also lets the engine import the package automatically. It returns nil
// when kerr is no such crash.
func (e *Engine) undefinedPackage(kerr *cellError, n ast.Node) *cellError {
	if kerr == nil || kerr.kind != kindInternal {
		return nil
	}
	if id := e.firstUndefined(n, true); id != nil {
		return e.undefinedError(id)
	}
	return nil
}

// undefinedError is the compile error "undefined: name" at id.
func (e *Engine) undefinedError(id *ast.Ident) *cellError {
	pos := e.interp.FileSet().Position(id.Pos())
	return errorAt(kindCompile, pos.Line-headerLines, pos.Column, "undefined: "+id.Name)
}

// Hints for errors of yaegi v0.16.1 that name no construct.
const (
	variadicHint = "the interpreter cannot infer a type parameter from variadic arguments alone " +
		"(func Sum[T Number](xs ...T)): give it explicitly, Sum[int](1, 2, 3), or add a non-variadic parameter"
	blockDefineHint = "the interpreter cannot define several values from one call, map index, type assertion or receive " +
		"(a, b := f()) inside a block of a cell's top-level statement that jumps to a label outside it: " +
		"declare the variables first (var a, b int; a, b = f()), or move the code into a function"
	rangeFuncHint = "if a range loop here ranges over a function (a Go 1.23 iterator), the interpreter runs it only as a cell's " +
		"top-level loop, or inside a function over a call of a function declared to return an iterator: elsewhere, call the " +
		"iterator with a yield function, seq(func(v T) bool { ...; return true }), or collect it with slices.Collect"
)

// withHint adds hint to an error's message and traceback.
func withHint(kerr *cellError, hint string) *cellError {
	out := *kerr
	out.value += " (" + hint + ")"
	out.lines = append(slices.Clone(kerr.lines), tbLine{text: "hint: " + hint})
	return &out
}

// hasRange reports whether n holds a range statement.
func hasRange(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if _, ok := n.(*ast.RangeStmt); ok {
			found = true
		}
		return !found
	})
	return found
}

// firstUndefined returns the first identifier used in n that neither n,
// an earlier cell, the prelude, an import nor the universe defines; with
// qualifiers set, only one used as the left side of a selector (pkg.Name).
func (e *Engine) firstUndefined(n ast.Node, qualifiers bool) *ast.Ident {
	declared := map[string]bool{}
	skip := map[*ast.Ident]bool{}
	qualifier := map[*ast.Ident]bool{}
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE {
				for _, l := range n.Lhs {
					if id, ok := l.(*ast.Ident); ok {
						declared[id.Name] = true
					}
				}
			}
		case *ast.RangeStmt:
			for _, x := range []ast.Expr{n.Key, n.Value} {
				if id, ok := x.(*ast.Ident); ok {
					declared[id.Name] = true
				}
			}
		case *ast.ValueSpec:
			for _, id := range n.Names {
				declared[id.Name] = true
			}
		case *ast.TypeSpec:
			declared[n.Name.Name] = true
		case *ast.FuncDecl:
			declared[n.Name.Name] = true
		case *ast.Field:
			for _, id := range n.Names {
				declared[id.Name] = true
			}
		case *ast.SelectorExpr:
			skip[n.Sel] = true
			if id, ok := n.X.(*ast.Ident); ok {
				qualifier[id] = true
			}
		case *ast.KeyValueExpr:
			if id, ok := n.Key.(*ast.Ident); ok {
				skip[id] = true
			}
		case *ast.LabeledStmt:
			skip[n.Label] = true
		case *ast.BranchStmt:
			if n.Label != nil {
				skip[n.Label] = true
			}
		}
		return true
	})
	var found *ast.Ident
	ast.Inspect(n, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok || found != nil {
			return found == nil
		}
		if skip[id] || qualifiers && !qualifier[id] || declared[id.Name] || id.Name == "_" || e.known(id.Name) {
			return true
		}
		found = id
		return false
	})
	return found
}

// known reports whether name is defined outside the chunk being compiled.
func (e *Engine) known(name string) bool {
	if _, ok := e.defs[name]; ok {
		return true
	}
	if _, ok := e.pkgNames[name]; ok {
		return true
	}
	if strings.HasPrefix(name, "__gk") {
		return true
	}
	for _, b := range builtins {
		if b == name {
			return true
		}
	}
	_, ok := e.globals()[name]
	return ok
}
