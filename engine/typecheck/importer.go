package typecheck

import (
	"bytes"
	"fmt"
	"go/token"
	"go/types"
	"path"

	"github.com/gokernel/gokernel/symbols/exportdata"
	"golang.org/x/tools/go/gcexportdata"
)

// importer reads packages from the embedded export data (package
// symbols/exportdata), each once: every package it returns shares one map
// of packages, so that a type reached through two packages (io.Writer
// through fmt and through io) is one type.
type importer struct {
	fset     *token.FileSet
	packages map[string]*types.Package // every package read so far, complete or not
	loaded   map[string]*types.Package // the packages imported themselves
}

func newImporter(fset *token.FileSet) *importer {
	return &importer{fset: fset, packages: map[string]*types.Package{}, loaded: map[string]*types.Package{}}
}

// Import implements types.Importer.
func (imp *importer) Import(p string) (*types.Package, error) {
	if p == "unsafe" {
		return types.Unsafe, nil
	}
	if pkg, ok := imp.loaded[p]; ok {
		return pkg, nil
	}
	data, err := exportdata.Read(p)
	if err != nil {
		return nil, err
	}
	pkg, err := gcexportdata.Read(bytes.NewReader(data), imp.fset, imp.packages, p)
	if err != nil {
		return nil, fmt.Errorf("reading the type information of %q: %w", p, err)
	}
	imp.loaded[p] = pkg
	return pkg, nil
}

// name is the name of the package at import path p (its last element
// when the package cannot be read).
func (imp *importer) name(p string) string {
	if pkg, err := imp.Import(p); err == nil {
		return pkg.Name()
	}
	return path.Base(p)
}
