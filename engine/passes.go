package engine

import (
	"go/ast"

	"github.com/gokernel/gokernel/engine/rewrite"
)

// passes are the rewrites every chunk of a cell goes through before it
// compiles, in the order they run. Each fills a gap of yaegi v0.16.1
// (its doc comment names the gap and the Go behaviour it restores): the
// passes of package rewrite need nothing but the syntax and
// rewrite.Options; the engine's own passes ask the session (types of
// earlier cells' names, probe compiles).
//
// Adding a pass is one file and one entry here: a rewrite.Pass variable
// in a file of package rewrite (with its table test), listed with
// syntax(...); or, when it must ask the interpreter, a method of Engine in
// a file of this package, listed with its name.
//
// After the passes, compileStmts compiles the chunk; on a compile error
// it retries without reuse-globals, without the probes of range-func and
// generic-define, and reports an undefined package (undefined.go), which
// run then imports (autoimport.go).
var passes = []pass{
	syntax(rewrite.TopLevelDefers),
	syntax(rewrite.FuncGuard),
	syntax(rewrite.AllocGuard),
	syntax(rewrite.LoopVars),
	syntax(rewrite.RangeInt),
	syntax(rewrite.BlockShadow),
	syntax(rewrite.GoRecover),
	syntax(rewrite.PanicText),
	syntax(rewrite.RecoverValue),
	syntax(rewrite.ErrorsAs),
	syntax(rewrite.JSONUnexported),
	syntax(rewrite.ErrorValues),
	syntax(rewrite.ErrorAssign),
	syntax(rewrite.FloatMinMax),
	{"method-expr", methodExprs},                          // methodexpr.go
	{"compiled-seqs", compiledSeqs},                       // compiledseq.go
	{"std-extensions", stdExtensions},                     // compiledseq.go
	{"cell-return", statements((*Engine).rewriteReturns)}, // cellreturn.go
	syntax(rewrite.TypedVars),
	{"variadic-generics", instantiateVariadics}, // variadic.go
	{"final-expression", finalExpression},       // final.go
	{"line-marks", statements(markLines)},       // stmtline.go
	{"range-func", rangeFuncs},                  // rangefunc.go
	{"range-pull", pullRangeFuncs},              // rangepull.go
	{"block-define", blockDefines},              // blockdefine.go
	{"reuse-globals", reuseGlobals},             // chunks.go
	{"generic-define", genericDefines},          // generictype.go
}

// A pass rewrites the syntax of one chunk of a cell.
type pass struct {
	name string
	run  func(e *Engine, c *chunkSyntax) *cellError
}

// chunkSyntax is one chunk of a cell as the passes rewrite it, and what
// they learn about it for the compilation.
type chunkSyntax struct {
	file *ast.File      // a chunk of package-level declarations, or
	body *ast.BlockStmt // a chunk of top-level statements
	last bool           // the chunk ends the cell: its final expression is the result
	cp   *checkpoint    // taken before the chunk compiles (probe compiles restore it)

	final     ast.Expr          // the cell's final expression, taken out of body
	unwrapped int               // statements block-define left alone (their error gets a hint)
	reused    []*ast.AssignStmt // definitions reuse-globals made assignments
}

// root is the chunk's syntax tree.
func (c *chunkSyntax) root() ast.Node {
	if c.file != nil {
		return c.file
	}
	return c.body
}

// runPasses rewrites the chunk with every pass, in order.
func (e *Engine) runPasses(c *chunkSyntax) *cellError {
	for _, p := range passes {
		if kerr := p.run(e, c); kerr != nil {
			return kerr
		}
	}
	return nil
}

// syntax runs a pass of package rewrite, bound to the engine's runtime
// functions and globals.
func syntax(p rewrite.Pass) pass {
	return pass{p.Name, func(e *Engine, c *chunkSyntax) *cellError {
		p.Rewrite(c.root(), e.rewriteOptions())
		return nil
	}}
}

// statements runs f on a chunk of statements; chunks of declarations are
// left alone.
func statements(f func(e *Engine, body *ast.BlockStmt) *cellError) func(*Engine, *chunkSyntax) *cellError {
	return func(e *Engine, c *chunkSyntax) *cellError {
		if c.body == nil {
			return nil
		}
		return f(e, c.body)
	}
}

func instantiateVariadics(e *Engine, c *chunkSyntax) *cellError {
	e.instantiateVariadics(c.root())
	return nil
}

// finalExpression takes the final expression of the cell's last chunk
// out of its statements, unless it is a call whose results are
// bookkeeping (Println): its value becomes the cell's result.
func finalExpression(e *Engine, c *chunkSyntax) *cellError {
	if c.body == nil || !c.last {
		return nil
	}
	if n := len(c.body.List); n > 0 {
		if es, ok := c.body.List[n-1].(*ast.ExprStmt); ok && !bookkeeping(es.X) {
			c.final = es.X
			c.body.List = c.body.List[:n-1]
		}
	}
	return nil
}

func markLines(e *Engine, body *ast.BlockStmt) *cellError {
	e.markLines(body)
	return nil
}

func rangeFuncs(e *Engine, c *chunkSyntax) *cellError {
	if c.body != nil && len(c.body.List) > 0 && hasRange(c.body) {
		e.rewriteRangeFuncs(c.body, c.cp, true)
	}
	return nil
}

func pullRangeFuncs(e *Engine, c *chunkSyntax) *cellError {
	switch {
	case c.file != nil && hasRange(c.file):
		e.pullRangeFuncs(c.file, false)
	case c.body != nil && len(c.body.List) > 0 && hasRange(c.body):
		e.pullRangeFuncs(c.body, true)
		e.pullNestedRangeFuncs(c.body) // rangenested.go
	}
	return nil
}

func blockDefines(e *Engine, c *chunkSyntax) *cellError {
	if c.body != nil {
		c.unwrapped = e.wrapBlockDefines(c.body)
	}
	return nil
}

func reuseGlobals(e *Engine, c *chunkSyntax) *cellError {
	if c.body != nil {
		c.reused = e.reuseGlobals(c.body.List)
	}
	return nil
}

func genericDefines(e *Engine, c *chunkSyntax) *cellError {
	if c.body != nil && hasDefine(c.body) {
		e.typeGenericDefines(c.body, c.cp, true)
	}
	return nil
}
