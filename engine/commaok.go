package engine

import (
	"go/ast"
	"go/token"
)

// yaegi v0.16.1 fails ("nil type") on a comma-ok definition at a cell's
// top level: v, ok := m[k], x, ok := y.(T), v, ok := <-ch (and var v, ok =
// m[k]). Its global type analysis reads the type of the map index, the
// assertion or the receive before any pass has computed it. Go defines v
// with the element or asserted type and ok as a bool. The engine declares
// the two variables with those types and assigns them (var v T; var ok
// bool; v, ok = m[k]; see typeGenericDefines): the asserted type is in
// the source, the element type of a map or channel a probe compile learns.

// commaOk reports whether x is an expression with a comma-ok form: a map
// index, a type assertion (not a type switch's) or a channel receive.
func commaOk(x ast.Expr) bool {
	switch x := ast.Unparen(x).(type) {
	case *ast.IndexExpr:
		return true
	case *ast.TypeAssertExpr:
		return x.Type != nil
	case *ast.UnaryExpr:
		return x.Op == token.ARROW
	}
	return false
}

// assertedTypes returns the types of the two values of the type
// assertion x.(T), T and bool, or nil when x is not a type assertion.
func assertedTypes(x ast.Expr) []ast.Expr {
	ta, ok := ast.Unparen(x).(*ast.TypeAssertExpr)
	if !ok || ta.Type == nil {
		return nil
	}
	return []ast.Expr{ta.Type, &ast.Ident{NamePos: ta.Rparen, Name: "bool"}}
}

// definedNames returns the names a top-level statement defines: those on
// the left of :=, and those of a var declaration.
func definedNames(s ast.Stmt) []string {
	var names []string
	switch s := s.(type) {
	case *ast.AssignStmt:
		if s.Tok == token.DEFINE {
			for _, l := range s.Lhs {
				if id, ok := l.(*ast.Ident); ok {
					names = append(names, id.Name)
				}
			}
		}
	case *ast.DeclStmt:
		if gd, ok := s.Decl.(*ast.GenDecl); ok && gd.Tok == token.VAR {
			for _, spec := range gd.Specs {
				for _, id := range spec.(*ast.ValueSpec).Names {
					names = append(names, id.Name)
				}
			}
		}
	}
	return names
}
