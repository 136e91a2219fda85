package gomod

import (
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
)

// BuildTags are the build tags under which fetched packages are read:
// the interpreter must be given the same (interp.Options.BuildTags).
// "purego" selects the pure Go variant of packages that also have an
// assembly one; "unix" is a tag the go command sets on Unix systems.
func BuildTags() []string {
	tags := []string{"purego"}
	switch runtime.GOOS {
	case "aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "linux", "netbsd", "openbsd", "solaris":
		tags = append(tags, "unix")
	}
	return tags
}

// context is the build context that selects a package's files as the
// interpreter does: no cgo, BuildTags.
func buildContext() *build.Context {
	c := build.Default
	c.CgoEnabled = false
	c.BuildTags = BuildTags()
	return &c
}

// CannotInterpretError is the error for a package the interpreter cannot
// run from source: cgo, assembly, //go:linkname.
type CannotInterpretError struct {
	ImportPath string // the package
	File       string // module@version/path of the file, with its line
	Reason     string
}

func (e *CannotInterpretError) Error() string {
	return fmt.Sprintf("package %s cannot be interpreted: %s: %s", e.ImportPath, e.File, e.Reason)
}

// sourcePackage is a package read from its files.
type sourcePackage struct {
	name    string
	imports []string
	order   []string // its files, in the order the interpreter must read them (see fileOrder)
	extra   string   // source of BuiltinsFile, if the package needs it
}

// readPackage reads the Go files of the package in dir that the
// interpreter would read, and fails on what it cannot run. where names
// dir in messages (module@version/subdir).
func readPackage(importPath, dir, where string) (*sourcePackage, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("package %s: %w", importPath, err)
	}
	ctx := buildContext()
	pkg := &sourcePackage{}
	seen := map[string]bool{}
	fset := token.NewFileSet()
	var names []string
	var files []*ast.File
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		if ok, err := ctx.MatchFile(dir, name); err != nil || !ok {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil, fmt.Errorf("package %s: %w", importPath, err)
		}
		if f.Name.Name == "main" || strings.HasSuffix(f.Name.Name, "_test") {
			continue
		}
		pkg.name = f.Name.Name
		names, files = append(names, name), append(files, f)
		at := func(p token.Pos) string {
			return where + "/" + name + ":" + strconv.Itoa(fset.Position(p).Line)
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if p == "C" {
				return nil, &CannotInterpretError{importPath, at(imp.Pos()), `uses cgo (import "C")`}
			}
			if !seen[p] {
				seen[p] = true
				pkg.imports = append(pkg.imports, p)
			}
		}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body == nil {
				return nil, &CannotInterpretError{importPath, at(fd.Pos()), "func " + fd.Name.Name + " has no Go body (it is written in assembly)"}
			}
		}
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				if strings.HasPrefix(c.Text, "//go:linkname ") {
					return nil, &CannotInterpretError{importPath, at(c.Pos()), "uses //go:linkname"}
				}
			}
		}
	}
	if pkg.name == "" {
		return nil, fmt.Errorf("package %s: no Go files in %s", importPath, where)
	}
	sort.Strings(pkg.imports)
	pkg.order = fileOrder(names, files)
	pkg.extra = builtinsFile(pkg.name, files)
	return pkg, nil
}
