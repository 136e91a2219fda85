package engine

import (
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"strings"

	"github.com/gokernel/gokernel/engine/generic"
)

// Range over functions (Go 1.23 iterators) makes yaegi v0.16.1 fail. When
// statements fail to compile, the engine looks at the cell's top-level
// range loops: those whose range expression is a function
// func(yield func(...) bool) — its type learnt by a probe compile — become
// a call of that function with the loop body as the yield function:
//
//	for k, v := range seq { body }  =>  seq(func(k K, v V) bool { body'; return true })
//
// where body' returns true for continue and false for break. A loop whose
// body returns, jumps with goto, or breaks or continues an outer loop is
// left alone (and the cell fails with a hint naming the construct).

// rewriteRangeFuncs rewrites the top-level range loops over functions of
// body and reports whether it rewrote any. With likely set, it only looks
// at loops whose range expression probably is an iterator (see
// likelyIterator): the engine does so before compiling, because a
// compilation that yaegi fails on can leave the generic code it
// instantiated unusable for the rest of the cell; the other loops are
// looked at after a failed compilation. cp is restored after each probe.
func (e *Engine) rewriteRangeFuncs(body *ast.BlockStmt, cp *checkpoint, likely bool) bool {
	changed := false
	for i, s := range body.List {
		r, label := s, ""
		if l, ok := s.(*ast.LabeledStmt); ok {
			r, label = l.Stmt, l.Label.Name
		}
		rs, ok := r.(*ast.RangeStmt)
		if !ok || rs.Tok == token.ASSIGN || likely && !e.likelyIterator(rs.X) {
			continue
		}
		typ := e.probeType(body.List[:i], rs.X)
		e.restoreScope(cp)
		yield := yieldType(typ)
		if yield == nil {
			continue
		}
		if call := yieldCall(rs, label, yield); call != nil {
			body.List[i] = &ast.ExprStmt{X: call}
			changed = true
		}
	}
	return changed
}

// yieldType returns the yield function's type when typ is the type of an
// iterator, func(yield func(...) bool), and nil otherwise.
func yieldType(typ ast.Expr) *ast.FuncType {
	if y := iterYield(typ); y != nil {
		return y
	}
	ft, ok := typ.(*ast.FuncType)
	if !ok || ft.Params == nil || len(ft.Params.List) != 1 || ft.Results != nil && len(ft.Results.List) > 0 {
		return nil
	}
	yield, ok := ft.Params.List[0].Type.(*ast.FuncType)
	if !ok || yield.Results == nil || len(yield.Results.List) != 1 {
		return nil
	}
	if id, ok := yield.Results.List[0].Type.(*ast.Ident); !ok || id.Name != "bool" {
		return nil
	}
	return yield
}

// yieldCall builds the call of the iterator with the loop's body as the
// yield function, or returns nil when the body cannot be one.
func yieldCall(rs *ast.RangeStmt, label string, yield *ast.FuncType) ast.Expr {
	var types []ast.Expr
	for _, f := range yield.Params.List {
		for range max(len(f.Names), 1) {
			types = append(types, f.Type)
		}
	}
	vars := []ast.Expr{rs.Key, rs.Value}
	params := &ast.FieldList{Opening: rs.For}
	for i, t := range types {
		name := "_"
		if i < len(vars) && vars[i] != nil {
			id, ok := vars[i].(*ast.Ident)
			if !ok {
				return nil
			}
			name = id.Name
		}
		params.List = append(params.List, &ast.Field{Names: []*ast.Ident{{NamePos: rs.For, Name: name}}, Type: t})
	}
	if len(types) < 2 && rs.Value != nil || len(types) == 0 && rs.Key != nil {
		return nil // more loop variables than the iterator yields
	}
	y := &yieldRewriter{label: label, inner: map[string]bool{}, ok: true}
	y.stmts(rs.Body.List, false, false)
	if !y.ok {
		return nil
	}
	fn := &ast.FuncLit{
		Type: &ast.FuncType{Func: rs.For, Params: params, Results: &ast.FieldList{List: []*ast.Field{{Type: ast.NewIdent("bool")}}}},
		Body: &ast.BlockStmt{Lbrace: rs.Body.Lbrace, List: append(rs.Body.List, returnBool(rs.Body.Rbrace, true)), Rbrace: rs.Body.Rbrace},
	}
	return &ast.CallExpr{Fun: rs.X, Lparen: rs.X.End(), Args: []ast.Expr{fn}, Rparen: rs.Body.Rbrace}
}

func returnBool(pos token.Pos, v bool) *ast.ReturnStmt {
	name := "false"
	if v {
		name = "true"
	}
	return &ast.ReturnStmt{Return: pos, Results: []ast.Expr{&ast.Ident{NamePos: pos, Name: name}}}
}

// yieldRewriter turns the body of a range loop into the body of a yield
// function: the loop's own continue and break become return true and
// return false; ok is cleared by what a yield function cannot express.
type yieldRewriter struct {
	label string          // the loop's label, if any
	inner map[string]bool // labels of statements inside the body
	ok    bool
}

// stmts rewrites a statement list; loop and sw say whether an unlabelled
// continue or break there belongs to a statement inside the body.
func (y *yieldRewriter) stmts(list []ast.Stmt, loop, sw bool) {
	for i, s := range list {
		list[i] = y.stmt(s, loop, sw)
	}
}

func (y *yieldRewriter) stmt(s ast.Stmt, loop, sw bool) ast.Stmt {
	switch s := s.(type) {
	case *ast.BranchStmt:
		return y.branch(s, loop, sw)
	case *ast.ReturnStmt:
		y.ok = false
	case *ast.BlockStmt:
		y.stmts(s.List, loop, sw)
	case *ast.IfStmt:
		y.stmts(s.Body.List, loop, sw)
		if s.Else != nil {
			s.Else = y.stmt(s.Else, loop, sw)
		}
	case *ast.ForStmt:
		y.stmts(s.Body.List, true, false)
	case *ast.RangeStmt:
		y.stmts(s.Body.List, true, false)
	case *ast.SwitchStmt:
		y.clauses(s.Body, loop)
	case *ast.TypeSwitchStmt:
		y.clauses(s.Body, loop)
	case *ast.SelectStmt:
		y.clauses(s.Body, loop)
	case *ast.LabeledStmt:
		y.inner[s.Label.Name] = true
		s.Stmt = y.stmt(s.Stmt, loop, sw)
	}
	return s
}

func (y *yieldRewriter) clauses(body *ast.BlockStmt, loop bool) {
	for _, c := range body.List {
		switch c := c.(type) {
		case *ast.CaseClause:
			y.stmts(c.Body, loop, true)
		case *ast.CommClause:
			y.stmts(c.Body, loop, true)
		}
	}
}

func (y *yieldRewriter) branch(s *ast.BranchStmt, loop, sw bool) ast.Stmt {
	own := s.Label == nil || s.Label.Name == y.label
	if s.Label != nil && y.inner[s.Label.Name] {
		return s
	}
	switch s.Tok {
	case token.CONTINUE:
		if s.Label == nil && loop {
			return s
		}
		if own {
			return returnBool(s.Pos(), true)
		}
	case token.BREAK:
		if s.Label == nil && (loop || sw) {
			return s
		}
		if own {
			return returnBool(s.Pos(), false)
		}
	case token.FALLTHROUGH:
		return s
	}
	y.ok = false
	return s
}

// likelyIterator reports whether x is an iterator as far as the engine
// can tell without compiling (see iteratorArity).
func (e *Engine) likelyIterator(x ast.Expr) bool { return e.iteratorArity(x) > 0 }

// iteratorArity is the number of values the iterator x yields (1 for
// iter.Seq, 2 for iter.Seq2), or 0 when x is not known to be one: x must
// be a call of a function of slices, maps or of a cell whose declared
// result is an iterator type, or a variable of an earlier cell holding an
// iterator.
func (e *Engine) iteratorArity(x ast.Expr) int {
	switch x := x.(type) {
	case *ast.CallExpr:
		switch f := x.Fun.(type) {
		case *ast.ParenExpr:
			// A conversion to an iterator's type (see rewrite.CompiledSeqs).
			if ft, ok := f.X.(*ast.FuncType); ok {
				if y := yieldType(ft); y != nil {
					return fieldCount(y.Params)
				}
			}
		case *ast.SelectorExpr:
			if pkg, ok := f.X.(*ast.Ident); ok {
				for _, m := range generic.Members(e.pkgPath(pkg.Name)) {
					if m.Name == f.Sel.Name {
						return resultArity(m.Decl)
					}
				}
				return e.compiledIterator(e.pkgPath(pkg.Name), f.Sel.Name)
			}
		case *ast.Ident:
			if sig, ok := e.pendingSigs[f.Name]; ok {
				return resultArity(sig)
			}
			return resultArity(e.sigs[f.Name])
		}
	case *ast.Ident:
		if kind, ok := e.defs[x.Name]; !ok || kind != defVar {
			return 0
		}
		if v, ok := e.globals()[x.Name]; ok && v.IsValid() && v.Kind() == reflect.Func {
			return funcArity(v.Type())
		}
	}
	return 0
}

// resultArity is the iterator arity of the result of the function
// declared by decl ("func F(...) iter.Seq[int]").
func resultArity(decl string) int {
	if !strings.HasPrefix(decl, "func ") {
		return 0
	}
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+decl, parser.SkipObjectResolution)
	if err != nil || len(f.Decls) != 1 {
		return 0
	}
	fd, ok := f.Decls[0].(*ast.FuncDecl)
	if !ok || fd.Type.Results == nil || len(fd.Type.Results.List) != 1 {
		return 0
	}
	return typeArity(fd.Type.Results.List[0].Type)
}

// typeName is the name of a type, qualified or not.
func typeName(x ast.Expr) string {
	switch x := x.(type) {
	case *ast.Ident:
		return x.Name
	case *ast.SelectorExpr:
		return x.Sel.Name
	}
	return ""
}

// fieldCount counts the parameters of a list.
func fieldCount(l *ast.FieldList) int {
	n := 0
	for _, f := range l.List {
		n += max(len(f.Names), 1)
	}
	return n
}

// funcArity is the iterator arity of a function type.
func funcArity(t reflect.Type) int {
	if t.NumIn() != 1 || t.NumOut() != 0 {
		return 0
	}
	y := t.In(0)
	if y.Kind() != reflect.Func || y.NumOut() != 1 || y.Out(0).Kind() != reflect.Bool {
		return 0
	}
	return y.NumIn()
}

// notePendingSigs remembers the signatures of the functions that decls
// declare while the cell compiles (recordDecls keeps them once the cell
// ran), so that loops of the same cell know their iterators.
func (e *Engine) notePendingSigs(decls []ast.Decl) {
	for _, d := range decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok {
			continue
		}
		if fd.Recv == nil {
			e.pendingSigs[fd.Name.Name] = e.declText(&ast.FuncDecl{Name: fd.Name, Type: fd.Type})
		} else if len(fd.Recv.List) == 1 && receiverType(fd.Recv.List[0].Type) != "" {
			// "Type.Method", for method expressions (see methodSig).
			e.pendingSigs[receiverType(fd.Recv.List[0].Type)+"."+fd.Name.Name] = e.declText(&ast.FuncDecl{Recv: fd.Recv, Name: fd.Name, Type: fd.Type})
		}
	}
}
