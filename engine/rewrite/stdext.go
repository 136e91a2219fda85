package rewrite

import (
	"go/ast"

	genericpkg "github.com/gokernel/gokernel/engine/generic"
)

// StdExtensions replaces each use of a generic function of a compiled
// standard library package (sync.OnceValue, sync.OnceValues; see
// generic.Extensions) by the interpreted function of package stdext that
// stands for it: sync.OnceValue(f) -> __gkstd.SyncOnceValue(f). pkgOf
// returns the import path of the package a name refers to ("" for none).
//
// Gap: yaegi v0.16.1 takes no generic functions from compiled code, so
// sync.OnceValue was "undefined selector"; a package is either compiled
// or interpreted, so the compiled sync cannot gain them. In Go they are
// ordinary functions of the package.
func StdExtensions(root ast.Node, pkgOf func(name string) string) {
	replaceExprs(root, func(x ast.Expr) ast.Expr {
		sel, ok := x.(*ast.SelectorExpr)
		if !ok {
			return x
		}
		pkg, ok := sel.X.(*ast.Ident)
		if !ok {
			return x
		}
		path := pkgOf(pkg.Name)
		if path == "" {
			return x
		}
		name, ok := genericpkg.Extensions[path+"."+sel.Sel.Name]
		if !ok {
			return x
		}
		return &ast.SelectorExpr{X: &ast.Ident{NamePos: pkg.Pos(), Name: genericpkg.ExtName}, Sel: &ast.Ident{NamePos: sel.Sel.Pos(), Name: name}}
	})
}
