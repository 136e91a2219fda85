package gomod

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/doc"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"path/filepath"
	"strings"
)

// Doc is the documentation of a fetched package or of one of its
// exported members, read from its source.
type Doc struct {
	Name string // "" for the package itself, "F", "T" or "T.M"
	Kind string // "package", "function", "type", "method", "constant" or "variable"
	Decl string // the declaration: a signature, a type definition, "const Pi = 3.14"
	Text string // the doc comment, as text
}

// maxValueDecl bounds a constant's or variable's declaration; a longer
// one is shown without its value.
const maxValueDecl = 300

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
			docs = append(docs, Doc{Name: prefix + f.Name, Kind: kind, Decl: declText(fset, f.Decl), Text: text(f.Doc)})
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
					docs = append(docs, Doc{Name: name, Kind: kind, Decl: valueDecl(fset, v.Decl, name), Text: text(v.Doc)})
				}
			}
		}
	}
	funcs("", "function", p.Funcs)
	values(p.Consts)
	values(p.Vars)
	for _, t := range p.Types {
		docs = append(docs, Doc{Name: t.Name, Kind: "type", Decl: declText(fset, t.Decl), Text: text(t.Doc)})
		funcs("", "function", t.Funcs)
		funcs(t.Name+".", "method", t.Methods)
		values(t.Consts)
		values(t.Vars)
	}
	return docs, nil
}

// valueDecl is the declaration of the constant or variable name of the
// group d.
func valueDecl(fset *token.FileSet, d *ast.GenDecl, name string) string {
	for _, s := range d.Specs {
		vs := s.(*ast.ValueSpec)
		for _, id := range vs.Names {
			if id.Name != name {
				continue
			}
			c := *vs
			c.Doc, c.Comment = nil, nil
			if decl := d.Tok.String() + " " + declText(fset, &c); len(decl) <= maxValueDecl {
				return decl
			}
			decl := d.Tok.String() + " " + name
			if vs.Type != nil {
				decl += " " + declText(fset, vs.Type)
			}
			return decl
		}
	}
	return d.Tok.String() + " " + name
}

// declText prints a declaration without its body and doc comment.
func declText(fset *token.FileSet, n ast.Node) string {
	switch d := n.(type) {
	case *ast.FuncDecl:
		c := *d
		c.Body, c.Doc = nil, nil
		n = &c
	case *ast.GenDecl:
		c := *d
		c.Doc = nil
		n = &c
	}
	var b bytes.Buffer
	cfg := printer.Config{Mode: printer.UseSpaces | printer.TabIndent, Tabwidth: 8}
	if err := cfg.Fprint(&b, fset, n); err != nil {
		return ""
	}
	return b.String()
}
