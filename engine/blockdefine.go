package engine

import (
	"go/ast"
	"go/token"
	"strings"
)

// yaegi v0.16.1 compiles a definition of several values from one
// expression (a, b := f(), v, ok := m[k], x, ok := y.(T), v, ok := <-ch,
// var a, b = f()) at package level in its global type analysis, which
// skips nested blocks: inside the block of a cell's top-level for, if,
// switch or select statement, such a definition defines nothing
// ("undefined: a" at the next use). Inside a function it works. So the
// engine runs such a top-level statement as the body of a function
// literal called at once: the statement's own variables are local to it
// anyway, and the variables of the cell and earlier cells it uses are
// globals, which the function literal shares.

// wrapBlockDefines replaces each top-level statement of body that holds
// such a definition in a nested block with `func() { stmt }()`, unless
// the statement jumps to a label outside it (a function literal would
// change what that does), or another statement jumps to its label (its
// bare returns already end the cell, see rewriteReturns). It returns how many statements it left alone; the positions of
// the ones it wrapped are kept until the cell ends (see unwrapFrames).
func (e *Engine) wrapBlockDefines(body *ast.BlockStmt) (left int) {
	fset := e.interp.FileSet()
	for i, s := range body.List {
		if !definesInBlock(s) {
			continue
		}
		if jumpsOut(s) || labelUsedOutside(body.List, i) {
			left++
			continue
		}
		start, end := fset.Position(s.Pos()), fset.Position(s.End())
		e.resMu.Lock()
		e.wrapped = append(e.wrapped, span{start: frame{line: start.Line, col: start.Column},
			end: frame{line: end.Line, col: end.Column}})
		e.resMu.Unlock()
		body.List[i] = calledFuncLit(s)
	}
	return left
}

// span is the extent of a statement, in wrapper coordinates.
type span struct{ start, end frame }

func (s span) holds(f frame) bool {
	after := f.line > s.start.line || f.line == s.start.line && f.col >= s.start.col
	before := f.line < s.end.line || f.line == s.end.line && f.col < s.end.col
	return after && before
}

// wrapperFunc is the name yaegi gives a function literal of the cell's
// top level in the frames of a panic.
const wrapperFunc = "main.func"

// unwrapFrames makes the frames of a panic in a statement that
// wrapBlockDefines wrapped read as if it was not: the function literal's
// call goes, and the frames inside it lose one level of ".func". The
// caller holds resMu (goroutines of the cell panic concurrently).
func (e *Engine) unwrapFrames(frames []frame) []frame {
	if len(e.wrapped) == 0 {
		return frames
	}
	var out []frame
next:
	for _, f := range frames {
		for _, s := range e.wrapped {
			fn := strings.TrimSuffix(f.fn, "(...)")
			if f.line == s.start.line && f.col == s.start.col && (fn == wrapperFunc || fn == "main") {
				// The call of the literal (yaegi names it after the
				// literal or, when a line mark precedes it, after main).
				continue next
			}
			if !s.holds(f) || !strings.HasPrefix(f.fn, wrapperFunc) {
				continue
			}
			f.fn = "main" + strings.TrimPrefix(f.fn, wrapperFunc)
			break
		}
		out = append(out, f)
	}
	return out
}

// calledFuncLit is `func() { s }()`, at the position of s.
func calledFuncLit(s ast.Stmt) ast.Stmt {
	pos := s.Pos()
	lit := &ast.FuncLit{
		Type: &ast.FuncType{Func: pos, Params: &ast.FieldList{Opening: pos, Closing: pos}},
		Body: &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{s}, Rbrace: pos},
	}
	return &ast.ExprStmt{X: &ast.CallExpr{Fun: lit, Lparen: pos, Rparen: pos}}
}

// definesInBlock reports whether the compound statement s holds, outside
// function literals, a definition of several values from one expression.
func definesInBlock(s ast.Stmt) bool {
	switch s.(type) {
	case *ast.ForStmt, *ast.RangeStmt, *ast.IfStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt,
		*ast.SelectStmt, *ast.BlockStmt, *ast.LabeledStmt:
	default:
		return false
	}
	found := false
	ast.Inspect(s, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			found = found || n.Tok == token.DEFINE && len(n.Lhs) > 1 && len(n.Rhs) == 1
		case *ast.ValueSpec:
			found = found || len(n.Names) > 1 && len(n.Values) == 1
		case *ast.TypeSwitchStmt:
			// switch v := x.(type): yaegi v0.16.1 fails on its binding
			// at package level ("index out of range [1] with length 1").
			_, binds := n.Assign.(*ast.AssignStmt)
			found = found || binds
		}
		return !found
	})
	return found
}

// jumpsOut reports whether s, outside function literals, branches to a
// label that s does not define.
func jumpsOut(s ast.Stmt) bool {
	labels := map[string]bool{}
	ast.Inspect(s, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.LabeledStmt:
			labels[n.Label.Name] = true
		}
		return true
	})
	leaves := false
	ast.Inspect(s, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.BranchStmt:
			leaves = leaves || n.Label != nil && !labels[n.Label.Name]
		}
		return !leaves
	})
	return leaves
}

// labelUsedOutside reports whether stmts[i] is a labelled statement whose
// label another statement of stmts branches to.
func labelUsedOutside(stmts []ast.Stmt, i int) bool {
	ls, ok := stmts[i].(*ast.LabeledStmt)
	if !ok {
		return false
	}
	used := false
	for j, s := range stmts {
		if j == i {
			continue
		}
		ast.Inspect(s, func(n ast.Node) bool {
			if b, ok := n.(*ast.BranchStmt); ok && b.Label != nil && b.Label.Name == ls.Label.Name {
				used = true
			}
			return !used
		})
	}
	return used
}
