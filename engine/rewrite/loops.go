package rewrite

import (
	"go/ast"
	"go/token"
)

// intTypes are the predeclared integer types.
var intTypes = map[string]bool{
	"int": true, "int8": true, "int16": true, "int32": true, "int64": true,
	"uint": true, "uint8": true, "uint16": true, "uint32": true, "uint64": true,
	"uintptr": true, "byte": true, "rune": true,
}

// LoopVars gives each iteration of a loop its own copy of the variables
// its header defines (for i := ...; for k, v := range ...), when the body
// holds a function literal, a go or a defer statement that may capture
// them, and (for a three-clause loop) does not assign them.
//
// Gap: yaegi v0.16.1 shares one variable across all iterations, as Go did
// before 1.22: closures made in the loop all saw the last value. Go 1.22
// creates a new variable per iteration.
var LoopVars = Pass{Name: "loop-vars", Rewrite: func(root ast.Node, _ Options) {
	ast.Inspect(root, func(n ast.Node) bool {
		switch s := n.(type) {
		case *ast.RangeStmt:
			if s.Tok == token.DEFINE && captures(s.Body) {
				perIteration(s.Body, []ast.Node{s.Key, s.Value}, s.Key, s.Value)
			}
		case *ast.ForStmt:
			if init, ok := s.Init.(*ast.AssignStmt); ok && init.Tok == token.DEFINE && captures(s.Body) {
				if !assigns(s.Body, init.Lhs) {
					perIteration(s.Body, []ast.Node{init, s.Cond, s.Post}, init.Lhs...)
				}
			}
		}
		return true
	})
}}

// RangeInt turns `for k := range n {...}` over an integer n (as syntax
// shows it, or Options.IsInt for a name of an earlier cell) into a
// counting loop.
//
// Gap: yaegi v0.16.1 does not range over integers (Go 1.22) and reports
// "cannot range over n". The loop must run after LoopVars, which has
// already given the loop variable its per-iteration copy.
var RangeInt = Pass{Name: "range-int", Rewrite: func(root ast.Node, opts Options) {
	g := intGuess{names: intNames(root), isInt: opts.IsInt}
	replaceStmts(root, true, func(s ast.Stmt) ast.Stmt {
		if r, ok := s.(*ast.RangeStmt); ok {
			if _, ident := r.Key.(*ast.Ident); r.Value == nil && (r.Key == nil || ident) && g.is(r.X) {
				return rangeInt(r)
			}
		}
		return s
	})
}}

// intGuess guesses from syntax whether an expression has an integer type.
type intGuess struct {
	names map[string]bool        // local names declared with an integer type
	isInt func(name string) bool // names of earlier cells (Options.IsInt)
}

// is guesses from syntax (and the Options.IsInt oracle for names of
// earlier cells) whether e has an integer type.
func (r intGuess) is(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.BasicLit:
		return e.Kind == token.INT
	case *ast.Ident:
		if r.names[e.Name] {
			return true
		}
		return r.isInt != nil && r.isInt(e.Name)
	case *ast.ParenExpr:
		return r.is(e.X)
	case *ast.UnaryExpr:
		return e.Op != token.ARROW && r.is(e.X)
	case *ast.BinaryExpr:
		switch e.Op {
		case token.ADD, token.SUB, token.MUL, token.QUO, token.REM,
			token.AND, token.OR, token.XOR, token.SHL, token.SHR, token.AND_NOT:
			return r.is(e.X) || r.is(e.Y)
		}
	case *ast.CallExpr:
		if id, ok := e.Fun.(*ast.Ident); ok {
			return id.Name == "len" || id.Name == "cap" || intTypes[id.Name]
		}
	}
	return false
}

// intNames collects the names that root declares with an integer type:
// parameters and variables declared as int..., and := definitions from an
// integer expression. Scopes are ignored; it is a heuristic for range.
func intNames(root ast.Node) map[string]bool {
	names := map[string]bool{}
	r := intGuess{names: names}
	ast.Inspect(root, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Field:
			if id, ok := n.Type.(*ast.Ident); ok && intTypes[id.Name] {
				for _, name := range n.Names {
					names[name.Name] = true
				}
			}
		case *ast.ValueSpec:
			id, typed := n.Type.(*ast.Ident)
			for i, name := range n.Names {
				if (typed && intTypes[id.Name]) || (n.Type == nil && i < len(n.Values) && r.is(n.Values[i])) {
					names[name.Name] = true
				}
			}
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE && len(n.Lhs) == len(n.Rhs) {
				for i, lhs := range n.Lhs {
					if id, ok := lhs.(*ast.Ident); ok && r.is(n.Rhs[i]) {
						names[id.Name] = true
					}
				}
			}
		}
		return true
	})
	return names
}

// rangeInt turns `for k := range n {...}` into a counting loop. When n is
// a side-effect-free expression, the counter gets n's type (k := n - n);
// otherwise n is evaluated once into a temporary and the counter is an int.
func rangeInt(s *ast.RangeStmt) ast.Stmt {
	pos := s.For
	key := s.Key
	tok := s.Tok
	if key == nil || isBlank(key) {
		key = &ast.Ident{NamePos: pos, Name: "__gk_i"}
		tok = token.DEFINE
	}
	keyName := key.(*ast.Ident)
	var init ast.Stmt
	var limit ast.Expr
	if pure(s.X) || tok != token.DEFINE {
		init = &ast.AssignStmt{Lhs: []ast.Expr{key}, TokPos: pos, Tok: tok,
			Rhs: []ast.Expr{&ast.BinaryExpr{X: s.X, OpPos: pos, Op: token.SUB, Y: s.X}}}
		limit = s.X
	} else {
		n := &ast.Ident{NamePos: pos, Name: "__gk_n"}
		init = &ast.AssignStmt{Lhs: []ast.Expr{key, n}, TokPos: pos, Tok: tok,
			Rhs: []ast.Expr{&ast.BasicLit{ValuePos: pos, Kind: token.INT, Value: "0"}, s.X}}
		limit = &ast.Ident{NamePos: pos, Name: "__gk_n"}
	}
	return &ast.ForStmt{
		For:  s.For,
		Init: init,
		Cond: &ast.BinaryExpr{X: &ast.Ident{NamePos: pos, Name: keyName.Name}, OpPos: pos, Op: token.LSS, Y: limit},
		Post: &ast.IncDecStmt{X: &ast.Ident{NamePos: pos, Name: keyName.Name}, TokPos: pos, Tok: token.INC},
		Body: s.Body,
	}
}

// pure reports whether evaluating e twice is harmless and cheap.
func pure(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.BasicLit, *ast.Ident:
		return true
	case *ast.SelectorExpr:
		return pure(e.X)
	case *ast.ParenExpr:
		return pure(e.X)
	case *ast.UnaryExpr:
		return e.Op != token.ARROW && pure(e.X)
	case *ast.BinaryExpr:
		return pure(e.X) && pure(e.Y)
	case *ast.CallExpr:
		if id, ok := e.Fun.(*ast.Ident); ok && (id.Name == "len" || id.Name == "cap" || intTypes[id.Name]) {
			for _, a := range e.Args {
				if !pure(a) {
					return false
				}
			}
			return true
		}
	}
	return false
}

func isBlank(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == "_"
}

// captures reports whether body holds a function literal, a go or a defer
// statement: the constructs that can observe a loop variable after its
// iteration ended.
func captures(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FuncLit, *ast.GoStmt, *ast.DeferStmt:
			found = true
		}
		return !found
	})
	return found
}

// assigns reports whether body assigns to (or increments) one of vars.
func assigns(body *ast.BlockStmt, vars []ast.Expr) bool {
	names := map[string]bool{}
	for _, v := range vars {
		if id, ok := v.(*ast.Ident); ok {
			names[id.Name] = true
		}
	}
	hit := func(e ast.Expr) bool {
		id, ok := e.(*ast.Ident)
		return ok && names[id.Name]
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Tok != token.DEFINE {
				for _, l := range n.Lhs {
					found = found || hit(l)
				}
			}
		case *ast.IncDecStmt:
			found = found || hit(n.X)
		case *ast.UnaryExpr:
			found = found || (n.Op == token.AND && hit(n.X))
		}
		return !found
	})
	return found
}

// perIteration gives each iteration its own copy of the loop variables
// vars (identifiers defined by the loop header): the header's variables
// are renamed (in the header expressions too) and the body starts with
// `v := renamed`. yaegi v0.16.1 mishandles `v := v` in a loop body, hence
// the renaming.
func perIteration(body *ast.BlockStmt, header []ast.Node, vars ...ast.Expr) {
	renamed := map[string]string{}
	var lhs, rhs []ast.Expr
	for _, v := range vars {
		id, ok := v.(*ast.Ident)
		if !ok || id.Name == "_" {
			continue
		}
		tmp := "__gk_lv_" + id.Name
		renamed[id.Name] = tmp
		lhs = append(lhs, &ast.Ident{NamePos: id.NamePos, Name: id.Name})
		rhs = append(rhs, &ast.Ident{NamePos: id.NamePos, Name: tmp})
	}
	if len(lhs) == 0 {
		return
	}
	for _, h := range header {
		if h == nil {
			continue
		}
		ast.Inspect(h, func(n ast.Node) bool {
			if _, ok := n.(*ast.FuncLit); ok {
				return false
			}
			if id, ok := n.(*ast.Ident); ok {
				if tmp, ok := renamed[id.Name]; ok {
					id.Name = tmp
				}
			}
			return true
		})
	}
	def := &ast.AssignStmt{Lhs: lhs, TokPos: body.Lbrace, Tok: token.DEFINE, Rhs: rhs}
	body.List = append([]ast.Stmt{def}, body.List...)
}
