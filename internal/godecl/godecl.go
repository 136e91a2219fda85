// Package godecl prints Go declarations as documentation shows them: a
// function's signature without its body, a type's definition, a constant's
// or variable's declaration (without a value too long to read). The
// kernel's inspect answers use it twice: for the preloaded packages at
// generate time (symbols/internal/gendocs) and for fetched modules at run
// time (package gomod).
package godecl

import (
	"bytes"
	"go/ast"
	"go/printer"
	"go/token"
)

// MaxValueDecl bounds a constant's or variable's declaration; a longer one
// is shown without its value.
const MaxValueDecl = 300

// Value returns the declaration of the constant or variable name of the
// group d ("const Pi = 3.14", or "var Big T" when the value is too long).
func Value(fset *token.FileSet, d *ast.GenDecl, name string) string {
	for _, s := range d.Specs {
		vs, ok := s.(*ast.ValueSpec)
		if !ok {
			continue
		}
		for _, id := range vs.Names {
			if id.Name != name {
				continue
			}
			c := *vs
			c.Doc, c.Comment = nil, nil
			if decl := d.Tok.String() + " " + Print(fset, &c); len(decl) <= MaxValueDecl {
				return decl
			}
			decl := d.Tok.String() + " " + name
			if vs.Type != nil {
				decl += " " + Print(fset, vs.Type)
			}
			return decl
		}
	}
	return d.Tok.String() + " " + name
}

// Print prints a declaration without its body and doc comment; "" when
// the node cannot be printed.
func Print(fset *token.FileSet, n ast.Node) string {
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
