package godecl

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"
)

func TestDeclarations(t *testing.T) {
	src := `package p

// F does things.
func F(a int, b string) (bool, error) { return false, nil }

// T is a type.
type T struct{ X int }

const Pi = 3.14

var Table = []int{` + strings.Repeat("1, ", 200) + `}

var Typed []int = []int{` + strings.Repeat("2, ", 200) + `}
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			got[d.Name.Name] = Print(fset, d)
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					got[s.Name.Name] = Print(fset, d)
				case *ast.ValueSpec:
					got[s.Names[0].Name] = Value(fset, d, s.Names[0].Name)
				}
			}
		}
	}
	want := map[string]string{
		"F":     "func F(a int, b string) (bool, error)",
		"T":     "type T struct{ X int }",
		"Pi":    "const Pi = 3.14",
		"Table": "var Table",
		"Typed": "var Typed []int",
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s: got %q, want %q", name, got[name], w)
		}
	}
	if v := Value(fset, f.Decls[2].(*ast.GenDecl), "Missing"); v != "const Missing" {
		t.Errorf("a name the group lacks: got %q", v)
	}
}
