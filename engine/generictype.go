package engine

import (
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/gokernel/gokernel/engine/internal/yaegix"
)

// yaegi v0.16.1 fails (a nil reflect type) on a package-level definition
// whose value is the result of a generic function, x := slices.Max(xs):
// its global type analysis takes the uninstantiated result type. A
// definition whose value is a conversion, x := int(slices.Max(xs)), works.
// So when statements fail to compile that way, the engine learns the type
// of each such value by compiling it inside a block (where yaegi
// instantiates correctly), writes the conversion and compiles again.

// probeName is the variable a probe defines.
const probeName = "__gk_probe"

// typeGenericDefines rewrites the top-level definitions of body whose
// value is a single call into conversions to the call's type, and reports
// whether it rewrote any. With likely set, it only looks at calls that
// probably are generic (see likelyGeneric): the engine does so before
// compiling, which spares the failed compilation; the other calls are
// looked at after a failed compilation. cp is restored after each probe.
func (e *Engine) typeGenericDefines(body *ast.BlockStmt, cp *checkpoint, likely bool) bool {
	changed := false
	split := map[int][]ast.Stmt{}
	defined := map[string]bool{} // by the statements before body.List[i]
	for i, s := range body.List {
		if i > 0 {
			for _, name := range definedNames(body.List[i-1]) {
				defined[name] = true
			}
		}
		if names, x := multiDefine(s); x != nil {
			call, isCall := x.(*ast.CallExpr)
			if likely && !commaOk(x) && !(isCall && e.likelyGeneric(call)) {
				continue
			}
			types := assertedTypes(x)
			if types == nil {
				types = e.probeTypes(body.List[:i], x, len(names))
				e.restoreScope(cp)
			}
			if types != nil {
				split[i] = declareThenAssign(names, types, x, defined)
				changed = true
			}
			continue
		}
		for _, v := range definedValues(s) {
			call, ok := (*v).(*ast.CallExpr)
			if !ok || likely && !e.likelyGeneric(call) {
				continue
			}
			typ := e.probeType(body.List[:i], call)
			e.restoreScope(cp)
			if typ == nil {
				continue
			}
			*v = &ast.CallExpr{Fun: &ast.ParenExpr{Lparen: call.Pos(), X: typ, Rparen: call.Pos()}, Lparen: call.Pos(), Args: []ast.Expr{call}, Rparen: call.End()}
			changed = true
		}
	}
	if len(split) > 0 {
		var out []ast.Stmt
		for i, s := range body.List {
			if repl, ok := split[i]; ok {
				out = append(out, repl...)
			} else {
				out = append(out, s)
			}
		}
		body.List = out
	}
	return changed
}

// multiDefine returns the names and the value of a definition of several
// variables from one call (a, b := f(), var a, b = f()) or one comma-ok
// expression (see commaok.go), or a nil value. Yaegi v0.16.1 cannot
// define package-level variables that way from a generic function's
// results ("nil reflect type"), but can assign them: the engine declares
// the variables with the types a probe compile learns, then assigns
// (var a T1; var b T2; a, b = f()).
func multiDefine(s ast.Stmt) ([]*ast.Ident, ast.Expr) {
	var lhs []ast.Expr
	var rhs []ast.Expr
	switch s := s.(type) {
	case *ast.AssignStmt:
		if s.Tok != token.DEFINE {
			return nil, nil
		}
		lhs, rhs = s.Lhs, s.Rhs
	case *ast.DeclStmt:
		gd, ok := s.Decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR || len(gd.Specs) != 1 {
			return nil, nil
		}
		vs := gd.Specs[0].(*ast.ValueSpec)
		if vs.Type != nil {
			return nil, nil
		}
		for _, n := range vs.Names {
			lhs = append(lhs, n)
		}
		rhs = vs.Values
	default:
		return nil, nil
	}
	if len(lhs) < 2 || len(rhs) != 1 {
		return nil, nil
	}
	if _, call := rhs[0].(*ast.CallExpr); !call && !(len(lhs) == 2 && commaOk(rhs[0])) {
		return nil, nil
	}
	names := make([]*ast.Ident, len(lhs))
	for i, l := range lhs {
		var ok bool
		if names[i], ok = l.(*ast.Ident); !ok {
			return nil, nil
		}
	}
	return names, rhs[0]
}

// declareThenAssign is `var a T1; var b T2; a, b = x`, without the
// declarations of the names already defined (as := reuses them).
func declareThenAssign(names []*ast.Ident, types []ast.Expr, x ast.Expr, defined map[string]bool) []ast.Stmt {
	pos := x.Pos()
	var out []ast.Stmt
	lhs := make([]ast.Expr, len(names))
	for i, n := range names {
		lhs[i] = &ast.Ident{NamePos: n.Pos(), Name: n.Name}
		if n.Name == "_" || defined[n.Name] {
			continue
		}
		spec := &ast.ValueSpec{Names: []*ast.Ident{{NamePos: n.Pos(), Name: n.Name}}, Type: types[i]}
		out = append(out, &ast.DeclStmt{Decl: &ast.GenDecl{TokPos: n.Pos(), Tok: token.VAR, Specs: []ast.Spec{spec}}})
	}
	return append(out, &ast.AssignStmt{Lhs: lhs, TokPos: pos, Tok: token.ASSIGN, Rhs: []ast.Expr{x}})
}

// definedValues returns pointers to the values that statement s defines
// one for one (x := v, var x = v).
func definedValues(s ast.Stmt) []*ast.Expr {
	var out []*ast.Expr
	switch s := s.(type) {
	case *ast.AssignStmt:
		if s.Tok == token.DEFINE && len(s.Lhs) == len(s.Rhs) {
			for i := range s.Rhs {
				out = append(out, &s.Rhs[i])
			}
		}
	case *ast.DeclStmt:
		if gd, ok := s.Decl.(*ast.GenDecl); ok && gd.Tok == token.VAR {
			for _, spec := range gd.Specs {
				if vs, ok := spec.(*ast.ValueSpec); ok && vs.Type == nil && len(vs.Names) == len(vs.Values) {
					for i := range vs.Values {
						out = append(out, &vs.Values[i])
					}
				}
			}
		}
	}
	return out
}

// mainQualifier matches the package qualifier yaegi gives types of the
// cells.
var mainQualifier = regexp.MustCompile(`\bmain\.`)

// probeType compiles `{ { before; __gk_probe := x } }` (before: the
// statements that precede x's) and returns the type yaegi gives the
// variable, as an expression, or nil.
func (e *Engine) probeType(before []ast.Stmt, x ast.Expr) ast.Expr {
	types := e.probeTypes(before, x, 1)
	if types == nil {
		return nil
	}
	return types[0]
}

// probeTypes is probeType for n variables defined from x (a call of n
// results): `__gk_probe, __gk_probe1 := x`.
func (e *Engine) probeTypes(before []ast.Stmt, x ast.Expr, n int) (types []ast.Expr) {
	defer func() {
		if recover() != nil {
			types = nil
		}
	}()
	// Positions in the cell's file: yaegi resolves imports by file.
	pos := x.Pos()
	id := func(name string) *ast.Ident { return &ast.Ident{NamePos: pos, Name: name} }
	names := make([]string, n)
	lhs := make([]ast.Expr, n)
	use := make([]ast.Expr, n)
	blanks := make([]ast.Expr, n)
	for i := range names {
		names[i] = probeName
		if i > 0 {
			names[i] += strconv.Itoa(i)
		}
		lhs[i], use[i], blanks[i] = id(names[i]), id(names[i]), id("_")
	}
	var inner ast.Stmt = &ast.BlockStmt{Lbrace: pos, Rbrace: pos, List: append(append([]ast.Stmt(nil), before...),
		&ast.AssignStmt{Lhs: lhs, TokPos: pos, Tok: token.DEFINE, Rhs: []ast.Expr{x}},
		&ast.AssignStmt{Lhs: blanks, TokPos: pos, Tok: token.ASSIGN, Rhs: use},
	)}
	if n > 1 {
		// Yaegi defines several values from one call in a function only
		// (see blockdefine.go).
		inner = calledFuncLit(inner)
	}
	prog, kerr := e.compile(&ast.BlockStmt{Lbrace: pos, Rbrace: pos, List: []ast.Stmt{inner}})
	if kerr != nil {
		return nil
	}
	for _, name := range names {
		str := probedType(reflect.ValueOf(prog).Elem(), name)
		if str == "" {
			return nil
		}
		// Parsed as part of a file named like the cells', so that package
		// names resolve to the cells' imports.
		if def, ok := untypedDefaults[str]; ok {
			str = def
		}
		t, err := parser.ParseExprFrom(e.interp.FileSet(), srcName, mainQualifier.ReplaceAllString(str, ""), parser.SkipObjectResolution)
		if err != nil {
			return nil
		}
		types = append(types, t)
	}
	return types
}

// untypedDefaults are the default types of the untyped constant types
// yaegi gives a type parameter inferred from a constant (G(2.5)).
var untypedDefaults = map[string]string{
	"untyped bool": "bool", "untyped int": "int", "untyped rune": "rune",
	"untyped float": "float64", "untyped complex": "complex128", "untyped string": "string",
}

// probedType finds the type string of the probe variable name in a
// compiled program (yaegi's Program and node, read by reflection).
func probedType(prog reflect.Value, name string) string {
	var walk func(n reflect.Value, depth int) string
	walk = func(n reflect.Value, depth int) string {
		if n.IsNil() || depth > 12 {
			return ""
		}
		if yaegix.Field(n.Elem(), "ident").String() == name {
			if t := yaegix.Field(n.Elem(), "typ"); !t.IsNil() {
				return typeString(t.Elem())
			}
		}
		children := yaegix.Field(n.Elem(), "child")
		for i := range children.Len() {
			if s := walk(children.Index(i), depth+1); s != "" {
				return s
			}
		}
		return ""
	}
	return walk(yaegix.Field(prog, "root"), 0)
}

// typeString is yaegi's itype.id(): the string of a type.
func typeString(t reflect.Value) string {
	if yaegix.Field(t, "cat").Uint() == yaegix.ValueT {
		if v := yaegix.Field(t, "val"); !v.IsNil() {
			return yaegix.Field(v.Elem(), "str").String()
		}
	}
	return yaegix.Field(t, "str").String()
}

// likelyGeneric reports whether call probably calls a generic function:
// one of package slices or maps, or a generic function of a cell.
func (e *Engine) likelyGeneric(call *ast.CallExpr) bool {
	switch f := call.Fun.(type) {
	case *ast.SelectorExpr:
		pkg, ok := f.X.(*ast.Ident)
		return ok && (e.pkgNames[pkg.Name] == "slices" || e.pkgNames[pkg.Name] == "maps")
	case *ast.Ident:
		return strings.HasPrefix(e.sigs[f.Name], "func "+f.Name+"[")
	}
	return false
}

// hasDefine reports whether a top-level statement of body defines a
// variable from a call.
func hasDefine(body *ast.BlockStmt) bool {
	for _, s := range body.List {
		if _, x := multiDefine(s); x != nil {
			return true
		}
		for _, v := range definedValues(s) {
			if _, ok := (*v).(*ast.CallExpr); ok {
				return true
			}
		}
	}
	return false
}
