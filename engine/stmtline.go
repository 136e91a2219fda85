package engine

import (
	"go/ast"
	"go/token"
	"strconv"
)

// markLines puts before each top-level statement of a cell's statements a
// call that records the statement's cell line (rt.At), so that an
// interrupt can say which line was running: yaegi stops interpreted code
// without telling where. Only the top level is marked, so loops and
// functions cost nothing more; an interrupt inside them names the
// top-level statement that entered them.
func (e *Engine) markLines(body *ast.BlockStmt) {
	fset := e.interp.FileSet()
	out := make([]ast.Stmt, 0, 2*len(body.List))
	for _, s := range body.List {
		if p := s.Pos(); p.IsValid() {
			pos := fset.Position(p)
			out = append(out, lineMark(p, pos.Line-headerLines, pos.Column))
		}
		out = append(out, s)
	}
	body.List = out
}

// lineMark is the statement rt.At(line, col), at p, the position of the
// statement it marks: yaegi reports a panic's frame at the first
// statement of its function, which must stay the cell's.
func lineMark(p token.Pos, line, col int) ast.Stmt {
	return &ast.ExprStmt{X: &ast.CallExpr{
		Fun: &ast.SelectorExpr{X: &ast.Ident{NamePos: p, Name: rtName}, Sel: &ast.Ident{NamePos: p, Name: "At"}},
		Args: []ast.Expr{&ast.BasicLit{ValuePos: p, Kind: token.INT, Value: strconv.Itoa(line)},
			&ast.BasicLit{ValuePos: p, Kind: token.INT, Value: strconv.Itoa(col)}},
		Lparen: p, Rparen: p,
	}}
}

// setLine records the cell position (line, column) of the top-level
// statement that runs; line 0: not known.
func (e *Engine) setLine(line, col int) { e.line.Store(int64(line)<<32 | int64(uint32(col))) }

// runningLine is the position setLine recorded last.
func (e *Engine) runningLine() (line, col int) {
	v := e.line.Load()
	return int(v >> 32), int(uint32(v))
}
