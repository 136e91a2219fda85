package gomod

import (
	"fmt"
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"

	"github.com/gokernel/gokernel/internal/godecl"
)

// Doc is the documentation of a fetched package or of one of its
// exported members, read from its source.
type Doc struct {
	Name string // "" for the package itself, "F", "T" or "T.M"
	Kind string // "package", "function", "type", "method", "constant" or "variable"
	Decl string // the declaration: a signature, a type definition, "const Pi = 3.14"
	Text string // the doc comment, as text
}

// Docs returns the documentation of the package at importPath, which
// Import returned.
func (r *Resolver) Docs(importPath string) ([]Doc, error) {
	r.mu.Lock()
	pkg, ok := r.packages[importPath]
	r.mu.Unlock()
	if !ok {
		return nil, fmt.Errorf("package %s was not imported", importPath)
	}
	entries, err := os.ReadDir(pkg.Dir)
	if err != nil {
		return nil, err
	}
	ctx := buildContext()
	fset := token.NewFileSet()
	var files []*ast.File
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		if ok, err := ctx.MatchFile(pkg.Dir, name); err != nil || !ok {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(pkg.Dir, name), nil, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	p, err := doc.NewFromFiles(fset, files, importPath)
	if err != nil {
		return nil, err
	}
	text := func(s string) string { return strings.TrimSpace(string(p.Text(s))) }
	docs := []Doc{{Kind: "package", Decl: "package " + p.Name, Text: text(p.Doc)}}
	funcs := func(prefix, kind string, fs []*doc.Func) {
		for _, f := range fs {
			docs = append(docs, Doc{Name: prefix + f.Name, Kind: kind, Decl: godecl.Print(fset, f.Decl), Text: text(f.Doc)})
		}
	}
	values := func(vs []*doc.Value) {
		for _, v := range vs {
			kind := "variable"
			if v.Decl.Tok == token.CONST {
				kind = "constant"
			}
			for _, name := range v.Names {
				if token.IsExported(name) {
					docs = append(docs, Doc{Name: name, Kind: kind, Decl: godecl.Value(fset, v.Decl, name), Text: text(v.Doc)})
				}
			}
		}
	}
	funcs("", "function", p.Funcs)
	values(p.Consts)
	values(p.Vars)
	for _, t := range p.Types {
		docs = append(docs, Doc{Name: t.Name, Kind: "type", Decl: godecl.Print(fset, t.Decl), Text: text(t.Doc)})
		funcs("", "function", t.Funcs)
		funcs(t.Name+".", "method", t.Methods)
		values(t.Consts)
		values(t.Vars)
	}
	return docs, nil
}
