package rewrite

import "go/ast"

// A Pass is one rewrite of a chunk's syntax tree: it brings a construct
// that yaegi v0.16.1 does not run as Go does into a form it does. Every
// pass of this package is a variable of type Pass in its own file, whose
// doc comment names the yaegi gap and the Go behaviour it restores; the
// engine runs them, with its own passes, in the order of the one list in
// engine/passes.go.
type Pass struct {
	// Name says in a few words what the pass rewrites ("range-int"). The
	// engine names the pass in its internal errors.
	Name string
	// Rewrite changes root in place. Root is an *ast.File (a chunk of
	// package-level declarations) or an *ast.BlockStmt (the statements of
	// a cell's top level); a pass that only concerns one of them leaves
	// the other alone. Options binds the pass to the kernel's runtime
	// functions; a pass whose option is empty does nothing.
	Rewrite func(root ast.Node, opts Options)
}

// Run applies passes to root, in order.
func Run(root ast.Node, opts Options, passes ...Pass) {
	for _, p := range passes {
		p.Rewrite(root, opts)
	}
}

// replaceStmts replaces every statement under root that sits in a
// statement list (a block, a case or a select clause) or under a label by
// f's result (the statement itself when nothing changes); the walk then
// goes on inside the replacement. With funcLits false, the walk does not
// enter function literals.
func replaceStmts(root ast.Node, funcLits bool, f func(ast.Stmt) ast.Stmt) {
	list := func(stmts []ast.Stmt) {
		for i, s := range stmts {
			stmts[i] = f(s)
		}
	}
	ast.Inspect(root, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return funcLits
		case *ast.BlockStmt:
			list(n.List)
		case *ast.CaseClause:
			list(n.Body)
		case *ast.CommClause:
			list(n.Body)
		case *ast.LabeledStmt:
			n.Stmt = f(n.Stmt)
		}
		return true
	})
}
