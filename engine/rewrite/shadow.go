package rewrite

import (
	"fmt"
	"go/ast"
	"go/token"
)

// BlockShadow renames a variable that a statement nested in a cell's top
// level defines (in a block, or the header of an if, for, switch or
// select, outside function literals) when a variable of the session
// (Options.IsGlobal) or of the cell's top level has that name, together
// with every use of it in its scope (closures included):
// `for i := 0; i < 3; i++ { ... }` becomes `for __gk_sh1_i := 0; ...`.
//
// Gap: yaegi v0.16.1 takes such a definition for an assignment of the
// global: after `i := 10` in one cell, `for i := 0; i < 3; i++ {}` in the
// next left i at 3, and closures made in the loop all saw the global (Go:
// the loop's i is a new variable, the global stays 10). Inside functions
// yaegi scopes correctly, so they are left alone.
var BlockShadow = Pass{Name: "block-shadow", Rewrite: func(root ast.Node, opts Options) {
	body, ok := root.(*ast.BlockStmt)
	if !ok || opts.IsGlobal == nil {
		return
	}
	s := &shadower{global: opts.IsGlobal, top: map[string]bool{}}
	top := &scope{names: map[string]string{}}
	for _, st := range body.List {
		s.stmt(st, top, true, false)
	}
}}

// shadower renames the nested definitions of BlockShadow.
type shadower struct {
	global func(string) bool
	top    map[string]bool // names the cell's top level defined so far
	seq    int
}

// scope maps the names a scope declares to their new names ("" when a
// declaration keeps its name).
type scope struct {
	parent *scope
	names  map[string]string
}

func (sc *scope) child() *scope { return &scope{parent: sc, names: map[string]string{}} }

// lookup is the new name of a use of name ("" when it keeps its name).
func (sc *scope) lookup(name string) string {
	for s := sc; s != nil; s = s.parent {
		if to, ok := s.names[name]; ok {
			return to
		}
	}
	return ""
}

// declare handles the definition id in sc: at the top level it is a
// global; nested (outside functions) it gets a fresh name when a global
// has its name.
func (s *shadower) declare(id *ast.Ident, sc *scope, top, inFunc bool) {
	name := id.Name
	if name == "_" {
		return
	}
	switch {
	case top:
		s.top[name] = true
	case !inFunc && (s.top[name] || s.global(name)):
		s.seq++
		to := fmt.Sprintf("__gk_sh%d_%s", s.seq, name)
		sc.names[name] = to
		id.Name = to
	default:
		sc.names[name] = ""
	}
}

func (s *shadower) stmts(list []ast.Stmt, sc *scope, inFunc bool) {
	for _, st := range list {
		s.stmt(st, sc, false, inFunc)
	}
}

// stmt renames in st, whose scope is sc; top marks the cell's top level.
func (s *shadower) stmt(st ast.Stmt, sc *scope, top, inFunc bool) {
	switch st := st.(type) {
	case *ast.AssignStmt:
		s.exprs(st.Rhs, sc)
		if st.Tok != token.DEFINE {
			s.exprs(st.Lhs, sc)
			return
		}
		for _, l := range st.Lhs {
			id, ok := l.(*ast.Ident)
			if !ok {
				continue
			}
			if to, redefined := sc.names[id.Name]; redefined && !top {
				// x, err := ... with err of this scope: reused.
				if to != "" {
					id.Name = to
				}
				continue
			}
			s.declare(id, sc, top, inFunc)
		}
	case *ast.DeclStmt:
		gd, ok := st.Decl.(*ast.GenDecl)
		if !ok || gd.Tok == token.TYPE || gd.Tok == token.IMPORT {
			return
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			s.expr(vs.Type, sc)
			s.exprs(vs.Values, sc)
			for _, n := range vs.Names {
				s.declare(n, sc, top, inFunc)
			}
		}
	case *ast.ExprStmt:
		s.expr(st.X, sc)
	case *ast.SendStmt:
		s.expr(st.Chan, sc)
		s.expr(st.Value, sc)
	case *ast.IncDecStmt:
		s.expr(st.X, sc)
	case *ast.ReturnStmt:
		s.exprs(st.Results, sc)
	case *ast.GoStmt:
		s.expr(st.Call, sc)
	case *ast.DeferStmt:
		s.expr(st.Call, sc)
	case *ast.LabeledStmt:
		s.stmt(st.Stmt, sc, top, inFunc)
	case *ast.BlockStmt:
		s.stmts(st.List, sc.child(), inFunc)
	case *ast.IfStmt:
		in := sc.child()
		if st.Init != nil {
			s.stmt(st.Init, in, false, inFunc)
		}
		s.expr(st.Cond, in)
		s.stmts(st.Body.List, in.child(), inFunc)
		if st.Else != nil {
			s.stmt(st.Else, in, false, inFunc)
		}
	case *ast.ForStmt:
		in := sc.child()
		if st.Init != nil {
			s.stmt(st.Init, in, false, inFunc)
		}
		s.expr(st.Cond, in)
		if st.Post != nil {
			s.stmt(st.Post, in, false, inFunc)
		}
		s.stmts(st.Body.List, in.child(), inFunc)
	case *ast.RangeStmt:
		s.expr(st.X, sc)
		in := sc.child()
		for _, kv := range []ast.Expr{st.Key, st.Value} {
			if id, ok := kv.(*ast.Ident); ok && st.Tok == token.DEFINE {
				s.declare(id, in, false, inFunc)
			} else {
				s.expr(kv, sc)
			}
		}
		s.stmts(st.Body.List, in.child(), inFunc)
	case *ast.SwitchStmt:
		in := sc.child()
		if st.Init != nil {
			s.stmt(st.Init, in, false, inFunc)
		}
		s.expr(st.Tag, in)
		for _, c := range st.Body.List {
			cc := c.(*ast.CaseClause)
			s.exprs(cc.List, in)
			s.stmts(cc.Body, in.child(), inFunc)
		}
	case *ast.TypeSwitchStmt:
		in := sc.child()
		if st.Init != nil {
			s.stmt(st.Init, in, false, inFunc)
		}
		switch a := st.Assign.(type) {
		case *ast.AssignStmt:
			s.exprs(a.Rhs, in)
			if id, ok := a.Lhs[0].(*ast.Ident); ok {
				s.declare(id, in, false, inFunc)
			}
		case *ast.ExprStmt:
			s.expr(a.X, in)
		}
		for _, c := range st.Body.List {
			s.stmts(c.(*ast.CaseClause).Body, in.child(), inFunc)
		}
	case *ast.SelectStmt:
		for _, c := range st.Body.List {
			cc := c.(*ast.CommClause)
			in := sc.child()
			if cc.Comm != nil {
				s.stmt(cc.Comm, in, false, inFunc)
			}
			s.stmts(cc.Body, in, inFunc)
		}
	}
}

func (s *shadower) exprs(xs []ast.Expr, sc *scope) {
	for _, x := range xs {
		s.expr(x, sc)
	}
}

// expr renames the uses in x of names that sc renamed.
func (s *shadower) expr(x ast.Expr, sc *scope) {
	if x == nil {
		return
	}
	ast.Inspect(x, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Ident:
			if to := sc.lookup(n.Name); to != "" {
				n.Name = to
			}
		case *ast.SelectorExpr:
			s.expr(n.X, sc)
			return false
		case *ast.CompositeLit:
			s.expr(n.Type, sc)
			_, isMap := n.Type.(*ast.MapType)
			_, isArray := n.Type.(*ast.ArrayType)
			for _, el := range n.Elts {
				if kv, ok := el.(*ast.KeyValueExpr); ok {
					if isMap || isArray {
						s.expr(kv.Key, sc)
					}
					s.expr(kv.Value, sc)
					continue
				}
				s.expr(el, sc)
			}
			return false
		case *ast.FuncLit:
			in := sc.child()
			for _, fl := range []*ast.FieldList{n.Type.Params, n.Type.Results} {
				if fl == nil {
					continue
				}
				for _, f := range fl.List {
					s.expr(f.Type, sc)
					for _, name := range f.Names {
						in.names[name.Name] = ""
					}
				}
			}
			s.stmts(n.Body.List, in, true)
			return false
		}
		return true
	})
}
