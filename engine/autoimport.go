package engine

import (
	"context"
	"fmt"
	"github.com/gokernel/gokernel/engine/generic"
	"go/ast"
	"go/parser"
	"go/token"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// undefinedName matches a compile error about an undefined name.
var undefinedName = regexp.MustCompile(`undefined: ([\p{L}_][\p{L}\p{N}_]*)$`)

// missingImport looks at a compile error for a name that is undefined
// because the package of that name was not imported. It returns the
// import path when exactly one preloaded package (standard library
// included) has that name, and otherwise a copy of kerr that lists the
// candidates, if any.
func (e *Engine) missingImport(kerr *cellError) (path string, hinted *cellError) {
	if kerr.kind != kindCompile {
		return "", kerr
	}
	m := undefinedName.FindStringSubmatch(kerr.value)
	if m == nil {
		return "", kerr
	}
	if _, imported := e.pkgNames[m[1]]; imported {
		return "", kerr
	}
	if failed := e.notSubstituted(m[1], kerr); failed != nil {
		return "", failed
	}
	paths := packagesNamed()[m[1]]
	switch len(paths) {
	case 0:
		return "", kerr
	case 1:
		return paths[0], nil
	}
	quoted := make([]string, len(paths))
	for i, p := range paths {
		quoted[i] = strconv.Quote(p)
	}
	hint := fmt.Sprintf(" (add import %s)", strings.Join(quoted, " or "))
	return "", kerr.withSuffix(hint)
}

var (
	byNameOnce sync.Once
	byName     map[string][]string
)

// packagesNamed maps a package name to the import paths of the preloaded
// packages of that name (internal packages left out), sorted.
func packagesNamed() map[string][]string {
	byNameOnce.Do(func() {
		byName = map[string][]string{}
		for p, name := range packageNames() {
			if strings.Contains(p, "internal") || strings.HasPrefix(p, rtPath) {
				continue
			}
			byName[name] = append(byName[name], p)
		}
		for _, p := range generic.Packages {
			if !slices.Contains(byName[p], p) {
				byName[p] = append(byName[p], p)
			}
		}
		for _, ps := range byName {
			sort.Strings(ps)
		}
	})
	return byName
}

// importNow imports the package at path as a cell of its own that only
// imports it: the automatic import of a package that the running cell
// uses without importing it.
func (e *Engine) importNow(ctx context.Context, path string) *cellError {
	src := fmt.Sprintf("%simport %q\n", fileHeader, path)
	f, err := parser.ParseFile(e.interp.FileSet(), srcName, src, parser.SkipObjectResolution)
	if err != nil {
		return syntaxError(err, src)
	}
	specs := []ast.Spec{f.Imports[0]}
	f.Decls = []ast.Decl{&ast.GenDecl{Tok: token.IMPORT, Specs: specs}}
	prog, kerr := e.compile(f)
	if kerr != nil {
		return kerr
	}
	return e.runStep(ctx, compiled{prog: prog, done: func() { e.recordImports(specs) }})
}
