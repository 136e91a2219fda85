package generic

import (
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"strings"
	"sync"
)

// Member is an exported function or type of one of the packages, for
// completion and inspection.
type Member struct {
	Name string
	Kind string // "function" or "type"
	Decl string // its declaration, without body
	Doc  string // its doc comment
}

var (
	membersOnce sync.Once
	members     map[string][]Member
)

// Members returns the exported functions and types of package pkg (nil
// when pkg is not one of Packages).
func Members(pkg string) []Member {
	membersOnce.Do(func() {
		members = map[string][]Member{}
		for _, p := range Packages {
			name, src, err := Source(p)
			if err != nil {
				continue
			}
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
			if err != nil {
				continue
			}
			members[p] = fileMembers(fset, f)
		}
	})
	return members[pkg]
}

func fileMembers(fset *token.FileSet, f *ast.File) []Member {
	var out []Member
	print := func(n ast.Node) string {
		var b strings.Builder
		printer.Fprint(&b, fset, n)
		return b.String()
	}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil && d.Name.IsExported() {
				out = append(out, Member{Name: d.Name.Name, Kind: "function", Decl: print(&ast.FuncDecl{Name: d.Name, Type: d.Type}), Doc: d.Doc.Text()})
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				if ts, ok := s.(*ast.TypeSpec); ok && ts.Name.IsExported() {
					out = append(out, Member{Name: ts.Name.Name, Kind: "type", Decl: "type " + print(ts), Doc: d.Doc.Text()})
				}
			}
		}
	}
	return out
}
