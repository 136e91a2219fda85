package engine

import "go/ast"

// pullNestedRangeFuncs pulls the values of the range loops over known
// iterators (see pullRangeFuncs) that are nested in a compound statement
// of the cell's top level (for i := 0; i < 2; i++ { for v := range
// seq { ... } }): the loop's definitions then make wrapBlockDefines run
// the statement as a function literal, where yaegi v0.16.1 keeps the
// pulled variables. Statements that wrapBlockDefines would leave alone
// (they jump to a label outside) are left alone here too; top-level
// range loops are rewriteRangeFuncs'.
func (e *Engine) pullNestedRangeFuncs(body *ast.BlockStmt) {
	for i, s := range body.List {
		switch s.(type) {
		case *ast.ForStmt, *ast.RangeStmt, *ast.IfStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt,
			*ast.SelectStmt, *ast.BlockStmt, *ast.LabeledStmt:
		default:
			continue
		}
		if jumpsOut(s) || labelUsedOutside(body.List, i) {
			continue
		}
		e.pullRangeFuncs(s, false)
	}
}
