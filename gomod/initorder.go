package gomod

import (
	"go/ast"
	"go/token"
)

// fileOrder orders a package's files for yaegi v0.16.1, which
// initialises package variables in file order, waiting only for the
// variables an initialiser names itself: a variable whose initialiser
// calls a function that reads a variable of a later file would be
// computed from that variable's zero value (uuid.NameSpaceURL =
// Must(Parse(…)) in hash.go, Parse reading xvalues of util.go). Go
// orders by all references, through function bodies too. fileOrder puts
// the files whose variables others need first, keeping the alphabetical
// order otherwise (and for cycles). Methods are matched by name.
func fileOrder(names []string, files []*ast.File) []string {
	varFile := map[string]int{}       // package variable with an initialiser -> its file
	funcRefs := map[string][]string{} // function "f" or method ".m" -> names its body uses
	for i, f := range files {
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				key := d.Name.Name
				if d.Recv != nil {
					key = "." + key
				}
				if d.Body != nil {
					funcRefs[key] = append(funcRefs[key], refs(d.Body)...)
				}
			case *ast.GenDecl:
				if d.Tok != token.VAR {
					continue
				}
				for _, s := range d.Specs {
					if vs := s.(*ast.ValueSpec); len(vs.Values) > 0 {
						for _, n := range vs.Names {
							varFile[n.Name] = i
						}
					}
				}
			}
		}
	}
	deps := make([]map[int]bool, len(files))
	for i, f := range files {
		deps[i] = map[int]bool{}
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.VAR {
				continue
			}
			for _, s := range g.Specs {
				vs := s.(*ast.ValueSpec)
				var todo []string
				for _, v := range vs.Values {
					todo = append(todo, refs(v)...)
				}
				seen := map[string]bool{}
				for len(todo) > 0 {
					r := todo[len(todo)-1]
					todo = todo[:len(todo)-1]
					if seen[r] {
						continue
					}
					seen[r] = true
					if j, ok := varFile[r]; ok && j != i {
						deps[i][j] = true
					}
					todo = append(todo, funcRefs[r]...)
				}
			}
		}
	}
	placed := make([]bool, len(files))
	order := make([]string, 0, len(files))
	for len(order) < len(files) {
		next := -1
		for i := range files {
			if placed[i] {
				continue
			}
			ready := true
			for j := range deps[i] {
				if !placed[j] {
					ready = false
					break
				}
			}
			if ready {
				next = i
				break
			}
		}
		if next < 0 { // a cycle: the first file left
			for i := range files {
				if !placed[i] {
					next = i
					break
				}
			}
		}
		placed[next] = true
		order = append(order, names[next])
	}
	return order
}

// refs lists the names a node uses: identifiers, and ".m" for each
// selector m (a method, or a field or another package's name).
func refs(n ast.Node) []string {
	var out []string
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Ident:
			out = append(out, n.Name)
		case *ast.SelectorExpr:
			out = append(out, "."+n.Sel.Name)
			out = append(out, refs(n.X)...)
			return false
		}
		return true
	})
	return out
}
