package engine

import (
	"context"
	"go/ast"
	"go/parser"

	"github.com/gokernel/gokernel/kernel"
)

// Evaluate computes one user expression (execute_request's
// user_expressions) and returns its MIME bundle. Output the expression
// writes is dropped.
func (e *Engine) Evaluate(expr string) (map[string]any, *kernel.Error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.beginRun()

	f, err := parser.ParseFile(e.interp.FileSet(), srcName, blockHeader+expr+blockFooter, parser.SkipObjectResolution)
	if err != nil {
		return nil, e.kernelError(syntaxError(err, expr), expr)
	}
	body := f.Decls[0].(*ast.FuncDecl).Body
	if len(body.List) != 1 {
		return nil, e.kernelError(newError(kindSyntax, "a user expression must be a single expression"), expr)
	}
	es, ok := body.List[0].(*ast.ExprStmt)
	if !ok {
		return nil, e.kernelError(newError(kindSyntax, "a user expression must be an expression, not a statement"), expr)
	}
	cp := e.save(expr)
	if kerr := e.evalFinal(context.Background(), body, es.X); kerr != nil {
		if kerr.kind == kindCompile || kerr.kind == kindInternal {
			e.restore(cp)
		}
		return nil, e.kernelError(kerr, expr)
	}
	e.resMu.Lock()
	defer e.resMu.Unlock()
	if e.result == nil {
		return map[string]any{"text/plain": ""}, nil
	}
	return e.result.Data, nil
}
