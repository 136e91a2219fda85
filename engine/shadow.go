package engine

import (
	"go/ast"
	"go/token"
)

// yaegi v0.16.1 binds a definition inside a block of a cell's top-level
// statement ({ x := 3 }, if true { x := 4 }, for _, x := range xs, if x
// := 8; ...) to the package-level variable of the same name when there is
// one: the statement overwrote the cell's x, where Go defines a new x
// local to the block and leaves the outer one alone. Inside a function
// literal the definition is local, so wrapBlockDefines also runs such a
// statement as one (see shadows).

// topNames returns the names that the top-level statements of body
// define.
func topNames(body *ast.BlockStmt) map[string]bool {
	names := map[string]bool{}
	for _, s := range body.List {
		for _, n := range definedNames(s) {
			names[n] = true
		}
	}
	return names
}

// shadows reports whether the compound statement s defines, in a block of
// its own and outside function literals, a name that the cell's top level
// (top) or an earlier cell defines.
func (e *Engine) shadows(s ast.Stmt, top map[string]bool) bool {
	switch s.(type) {
	case *ast.ForStmt, *ast.RangeStmt, *ast.IfStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt,
		*ast.SelectStmt, *ast.BlockStmt, *ast.LabeledStmt:
	default:
		return false
	}
	outer := func(id *ast.Ident) bool {
		if id == nil || id.Name == "_" {
			return false
		}
		_, earlier := e.defs[id.Name]
		return top[id.Name] || earlier
	}
	found := false
	ast.Inspect(s, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE {
				for _, l := range n.Lhs {
					id, _ := l.(*ast.Ident)
					found = found || outer(id)
				}
			}
		case *ast.RangeStmt:
			if n.Tok == token.DEFINE {
				k, _ := n.Key.(*ast.Ident)
				v, _ := n.Value.(*ast.Ident)
				found = found || outer(k) || outer(v)
			}
		case *ast.ValueSpec:
			for _, id := range n.Names {
				found = found || outer(id)
			}
		case *ast.TypeSpec:
			found = found || outer(n.Name)
		}
		return !found
	})
	return found
}
