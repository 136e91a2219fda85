package engine

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path"
	"strconv"

	"github.com/gokernel/gokernel/engine/cellsplit"
)

// compileImports imports the packages not imported yet; importing a
// package again under the same name does nothing.
func (e *Engine) compileImports(code string, ch cellsplit.Chunk) ([]compiled, *cellError) {
	if e.imported(code, ch) {
		return nil, nil
	}
	f, kerr := e.parseFile(code, ch)
	if kerr != nil {
		return nil, kerr
	}
	var specs []ast.Spec
	for _, imp := range f.Imports {
		p, err := strconv.Unquote(imp.Path.Value)
		if err != nil {
			continue
		}
		name := path.Base(p)
		if imp.Name != nil {
			name = imp.Name.Name
		}
		key := name + " " + p
		if _, done := e.imports[key]; done {
			continue
		}
		specs = append(specs, imp)
	}
	if len(specs) == 0 {
		return nil, nil
	}
	for _, s := range specs {
		imp := s.(*ast.ImportSpec)
		p, _ := strconv.Unquote(imp.Path.Value)
		if imp.Name != nil {
			e.pendingImports[imp.Name.Name] = p
		} else {
			e.pendingImports[e.packageName(p)] = p
		}
	}
	f.Decls = []ast.Decl{&ast.GenDecl{Tok: token.IMPORT, TokPos: specs[0].Pos(), Specs: specs}}
	prog, kerr := e.compile(f)
	if kerr != nil {
		return nil, kerr
	}
	return []compiled{{prog: prog, done: func() { e.recordImports(specs) }}}, nil
}

// recordImports remembers imports that ran.
func (e *Engine) recordImports(specs []ast.Spec) {
	for _, s := range specs {
		imp := s.(*ast.ImportSpec)
		p, _ := strconv.Unquote(imp.Path.Value)
		name := e.packageName(p)
		if imp.Name != nil {
			name = imp.Name.Name
		}
		e.imports[path.Base(p)+" "+p] = name
		if imp.Name != nil {
			e.imports[imp.Name.Name+" "+p] = name
		}
		e.pkgNames[name] = p
	}
}

// imported reports whether every import of the chunk was done before. It
// parses with a throwaway file set, so that re-running an import cell
// does not grow the interpreter's.
func (e *Engine) imported(code string, ch cellsplit.Chunk) bool {
	f, err := parser.ParseFile(token.NewFileSet(), srcName, fileHeader+blank(code, ch.Start, ch.End), parser.ImportsOnly)
	if err != nil {
		return false
	}
	for _, imp := range f.Imports {
		p, err := strconv.Unquote(imp.Path.Value)
		if err != nil {
			return false
		}
		name := path.Base(p)
		if imp.Name != nil {
			name = imp.Name.Name
		}
		if _, done := e.imports[name+" "+p]; !done {
			return false
		}
	}
	return true
}

// packageName is the name a compiled package declares (the last element
// of the key under which its symbols were loaded).
func (e *Engine) packageName(importPath string) string {
	if name, ok := packageNames()[importPath]; ok {
		return name
	}
	return path.Base(importPath)
}
