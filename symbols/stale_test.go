package symbols

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

// goPackage is what `go list -json` says about a package.
type goPackage struct {
	ImportPath string
	Dir        string
	GoFiles    []string
}

// listPackages runs `go list -json` on import paths.
func listPackages(t *testing.T, paths []string) []goPackage {
	t.Helper()
	out, err := exec.Command("go", append([]string{"list", "-json"}, paths...)...).Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	var pkgs []goPackage
	for dec.More() {
		var p goPackage
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

// exportedNames lists the package-level exported names that yaegi
// extract puts into a symbol table: functions, types, variables and
// constants, without generic functions and types (yaegi skips them).
func exportedNames(t *testing.T, p goPackage) []string {
	t.Helper()
	fset := token.NewFileSet()
	var names []string
	for _, name := range p.GoFiles {
		f, err := parser.ParseFile(fset, filepath.Join(p.Dir, name), nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil && d.Name.IsExported() && d.Type.TypeParams == nil {
					names = append(names, d.Name.Name)
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						if s.Name.IsExported() && s.TypeParams == nil {
							names = append(names, s.Name.Name)
						}
					case *ast.ValueSpec:
						for _, n := range s.Names {
							if n.IsExported() {
								names = append(names, n.Name)
							}
						}
					}
				}
			}
		}
	}
	sort.Strings(names)
	return names
}

// TestTablesMatchSources fails when a generated symbol table or doc table
// no longer lists exactly the exported API of its package: run
// `go generate ./symbols` (make generate) after changing a preloaded
// package's API. (make check-generate compares the files byte for byte.)
func TestTablesMatchSources(t *testing.T) {
	byPath := map[string]map[string]bool{}
	var paths []string
	for key, syms := range Symbols {
		path := key[:strings.LastIndex(key, "/")]
		names := map[string]bool{}
		for n := range syms {
			if !strings.HasPrefix(n, "_") {
				names[n] = true
			}
		}
		byPath[path] = names
		paths = append(paths, path)
	}
	sort.Strings(paths)
	for _, p := range listPackages(t, paths) {
		want := exportedNames(t, p)
		var got []string
		for n := range byPath[p.ImportPath] {
			got = append(got, n)
		}
		sort.Strings(got)
		if !slices.Equal(got, want) {
			t.Errorf("symbols of %s are stale: table has %d names, source %d; run go generate ./symbols\nonly in table: %v\nonly in source: %v",
				p.ImportPath, len(got), len(want), diff(got, want), diff(want, got))
		}
		if _, ok := Docs[p.ImportPath]; !ok {
			t.Errorf("no documentation table for %s", p.ImportPath)
			continue
		}
		for _, n := range want {
			if _, ok := Docs[p.ImportPath+"."+n]; !ok {
				t.Errorf("documentation of %s is stale: %s is missing; run go generate ./symbols", p.ImportPath, n)
				break
			}
		}
	}
}

// diff lists the elements of a that b lacks.
func diff(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}
