package engine

import (
	"context"
	"fmt"
	"go/ast"
	"go/constant"
	"go/parser"
	"go/token"
	"reflect"
	"regexp"

	"github.com/gokernel/gokernel/engine/cellsplit"
	"github.com/gokernel/gokernel/engine/rewrite"
	"github.com/traefik/yaegi/interp"
)

// defKind says what a name declared by a cell is.
type defKind int

const (
	defVar defKind = iota
	defConst
	defFunc
	defType
)

func split(code string) []cellsplit.Chunk { return cellsplit.Split(code) }

// Every chunk is parsed from the whole cell with the bytes of the other
// chunks blanked out, behind a one-line header, so that positions in the
// interpreter's messages map back to the cell's lines and columns.
const (
	fileHeader  = "package main\n"
	blockHeader = "package main; func main() {\n"
	blockFooter = "\n}"
	// srcName is the file name yaegi gives sources evaluated with Eval;
	// imports are scoped by file name, so every chunk uses it too.
	srcName = "_.go"
)

// blank returns code with every byte outside [start,end) replaced by a
// space, newlines kept.
func blank(code string, start, end int) string {
	b := []byte(code)
	for i := range b {
		if (i < start || i >= end) && b[i] != '\n' {
			b[i] = ' '
		}
	}
	return string(b)
}

// compiled is a compiled part of a cell. A cell is compiled whole before
// any of it runs, so that a compile error leaves no trace (see
// checkpoint); then its parts run in order.
type compiled struct {
	prog  *interp.Program
	final bool      // the cell's final expression, through __gk_show
	pos   token.Pos // where the final expression starts
	done  func()    // bookkeeping once the part ran
}

// compileChunk compiles one chunk of the cell; last marks the cell's
// final chunk, whose final expression becomes the result. cp is the
// checkpoint taken before the chunk.
func (e *Engine) compileChunk(code string, ch cellsplit.Chunk, last bool, cp *checkpoint) ([]compiled, *cellError) {
	switch ch.Kind {
	case cellsplit.Imports:
		return e.compileImports(code, ch)
	case cellsplit.Decls:
		return e.compileDecls(code, ch)
	default:
		return e.compileStmts(code, ch, last, cp)
	}
}

// runStep runs a compiled part of the cell.
func (e *Engine) runStep(ctx context.Context, s compiled) *cellError {
	if s.final {
		pos := e.interp.FileSet().Position(s.pos)
		e.setLine(pos.Line-headerLines, pos.Column)
		e.resMu.Lock()
		e.lastType = ""
		e.displayErr = nil
		e.resMu.Unlock()
	}
	if kerr := e.exec(ctx, s.prog); kerr != nil {
		return kerr
	}
	if s.done != nil {
		s.done()
	}
	if s.final {
		if kerr := e.showMethods(ctx); kerr != nil {
			return kerr
		}
		return e.displayError(s.pos)
	}
	return nil
}

func (e *Engine) parseFile(code string, ch cellsplit.Chunk) (*ast.File, *cellError) {
	f, err := parser.ParseFile(e.interp.FileSet(), srcName, fileHeader+blank(code, ch.Start, ch.End), parser.SkipObjectResolution)
	if err != nil {
		return nil, syntaxError(err, code)
	}
	return f, nil
}

// compileRun compiles n and runs it; the engine uses it for the code it
// generates itself.
func (e *Engine) compileRun(ctx context.Context, n ast.Node) *cellError {
	prog, kerr := e.compile(n)
	if kerr != nil {
		return e.betterCompileError(kerr, n)
	}
	return e.exec(ctx, prog)
}

// compile compiles n, containing the interpreter's panics. After an
// error the caller restores a checkpoint.
func (e *Engine) compile(n ast.Node) (prog *interp.Program, kerr *cellError) {
	defer func() {
		if r := recover(); r != nil {
			prog, kerr = nil, internalError(r)
			// yaegi v0.16.1 panics on an undefined name inside a
			// composite literal ([]int{zz}) instead of reporting it.
			if m := incompleteType.FindStringSubmatch(fmt.Sprint(r)); m != nil {
				kerr = compileError(fmt.Errorf("%s:%s: undefined: %s", m[1], m[2], m[3]))
			}
		}
	}()
	prog, err := e.interp.CompileAST(n)
	e.dropDebugState()
	if err != nil {
		return nil, compileError(err)
	}
	return prog, nil
}

// incompleteType matches yaegi's panic for an undefined name that a
// composite literal holds: "CFG post-order panic: 2:26: incomplete type h16".
var incompleteType = regexp.MustCompile(`(\d+):(\d+): incomplete type (\w+)$`)

// resizeFrame runs an empty program: an execution sizes the global frame
// for the globals compiled so far.
func (e *Engine) resizeFrame() {
	defer func() { recover() }()
	if prog, err := e.interp.CompileAST(&ast.BlockStmt{}); err == nil {
		e.interp.Execute(prog)
	}
}

// compileDecls compiles package-level declarations. A type whose
// declaration changed is first removed from scope: yaegi v0.16.1 would
// otherwise keep the old type for the name.
func (e *Engine) compileDecls(code string, ch cellsplit.Chunk) ([]compiled, *cellError) {
	f, kerr := e.parseFile(code, ch)
	if kerr != nil {
		return nil, kerr
	}
	file := e.interp.FileSet().File(f.Pos())
	srcOf := func(n ast.Node) string {
		start := file.Offset(n.Pos()) - len(fileHeader)
		end := file.Offset(n.End()) - len(fileHeader)
		if start < 0 || end > len(code) || start > end {
			return ""
		}
		return code[start:end]
	}
	newTypes := map[string]string{}
	var changed []string
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.TYPE {
			continue
		}
		for _, s := range gd.Specs {
			ts := s.(*ast.TypeSpec)
			src := srcOf(ts)
			newTypes[ts.Name.Name] = src
			if old, ok := e.typeSrc[ts.Name.Name]; ok && old != src {
				if kerr := e.forgetType(ts.Name.Name); kerr != nil {
					return nil, kerr
				}
				changed = append(changed, ts.Name.Name)
				e.changed[ts.Name.Name] = true
			}
		}
	}
	e.notePendingMethods(f.Decls)
	e.notePendingSigs(f.Decls)
	e.recordVariadicGenerics(f.Decls)
	if kerr := e.runPasses(&chunkSyntax{file: f}); kerr != nil {
		return nil, kerr
	}
	prog, kerr := e.compile(f)
	if kerr != nil {
		return nil, e.betterCompileError(kerr, f)
	}
	return []compiled{{prog: prog, done: func() {
		for _, name := range changed {
			delete(e.methods, name)
		}
		for name, src := range newTypes {
			e.typeSrc[name] = src
		}
		e.recordDecls(f.Decls)
	}}}, nil
}

// forgetType hides the type called name by declaring a variable of that
// name; the type's next declaration then starts afresh.
func (e *Engine) forgetType(name string) *cellError {
	f, err := parser.ParseFile(e.interp.FileSet(), srcName, "package main\nvar "+name+" int", parser.SkipObjectResolution)
	if err != nil {
		return syntaxError(err, name)
	}
	_, kerr := e.compile(f)
	return kerr
}

// compileStmts compiles statements. When the chunk ends the cell with an
// expression, its value becomes the cell's result.
func (e *Engine) compileStmts(code string, ch cellsplit.Chunk, last bool, cp *checkpoint) ([]compiled, *cellError) {
	f, err := parser.ParseFile(e.interp.FileSet(), srcName, blockHeader+blank(code, ch.Start, ch.End)+blockFooter, parser.SkipObjectResolution)
	if err != nil {
		return nil, syntaxError(err, code)
	}
	body := f.Decls[0].(*ast.FuncDecl).Body
	if !keepsCode(body) {
		// Nothing of these statements can run after the cell: forget
		// their positions once it ended, or the file set grows with
		// every execution.
		e.cleanup = append(e.cleanup, func() { e.interp.FileSet().RemoveFile(e.interp.FileSet().File(f.Pos())) })
	}
	c := &chunkSyntax{body: body, last: last, cp: cp}
	if kerr := e.runPasses(c); kerr != nil {
		return nil, kerr
	}
	final, unwrapped, reused := c.final, c.unwrapped, c.reused
	var steps []compiled
	if len(body.List) > 0 {
		prog, kerr := e.compile(body)
		if kerr != nil && len(reused) > 0 {
			e.restore(cp)
			for _, a := range reused {
				a.Tok = token.DEFINE
			}
			prog, kerr = e.compile(body)
		}
		if pkg := e.undefinedPackage(kerr, body); pkg != nil {
			return nil, pkg
		}
		if kerr != nil && kerr.kind == kindInternal {
			e.restore(cp)
			ranges := e.rewriteRangeFuncs(body, cp, false)
			if defines := e.typeGenericDefines(body, cp, false); ranges || defines {
				prog, kerr = e.compile(body)
			}
		}
		if kerr != nil && unwrapped > 0 && kerr.kind == kindCompile {
			kerr = withHint(kerr, blockDefineHint)
		}
		if kerr != nil {
			return nil, e.betterCompileError(kerr, body)
		}
		stmts := body.List
		steps = append(steps, compiled{prog: prog, done: func() { e.recordStmts(stmts) }})
	}
	if final == nil {
		return steps, nil
	}
	s, kerr := e.compileFinal(body, final)
	if kerr != nil {
		return nil, kerr
	}
	return append(steps, s), nil
}

// reuseGlobals turns top-level definitions (x := v) of variables that an
// earlier cell defined into assignments (x = v), so that re-running a cell
// reuses the variables instead of adding new ones: yaegi gives every
// definition a new slot in its global frame, which it copies on each
// execution. Functions of earlier cells then see the new value, as in
// Python. The caller compiles the definitions again when an assignment
// does not compile (the new value has another type). A variable of a
// type the cell declares anew, or defined from a value that names such a
// type, is defined afresh: yaegi would assign the value of the new type
// to the variable of the old one, and lose the new fields.
func (e *Engine) reuseGlobals(stmts []ast.Stmt) []*ast.AssignStmt {
	var reused []*ast.AssignStmt
	for _, s := range stmts {
		a, ok := s.(*ast.AssignStmt)
		if !ok || a.Tok != token.DEFINE {
			continue
		}
		if call, ok := a.Rhs[0].(*ast.CallExpr); ok && len(a.Rhs) == 1 && e.likelyGeneric(call) {
			// Yaegi assigns a generic result of another type without
			// complaint, and fails when it runs: define afresh (see
			// typeGenericDefines).
			continue
		}
		if e.namesChangedType(a.Rhs) {
			continue
		}
		all := true
		for _, l := range a.Lhs {
			id, ok := l.(*ast.Ident)
			if !ok {
				all = false
				break
			}
			if kind, def := e.defs[id.Name]; id.Name != "_" && (!def || kind != defVar || e.changed[e.varTypes[id.Name]]) {
				all = false
				break
			}
		}
		if all {
			a.Tok = token.ASSIGN
			reused = append(reused, a)
		}
	}
	return reused
}

// namesChangedType reports whether xs mention a type that the running
// cell declares anew.
func (e *Engine) namesChangedType(xs []ast.Expr) bool {
	if len(e.changed) == 0 {
		return false
	}
	found := false
	for _, x := range xs {
		ast.Inspect(x, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && e.changed[id.Name] {
				found = true
			}
			return !found
		})
	}
	return found
}

// keepsCode reports whether n defines code that may run after the cell
// (function literals, go and defer statements).
func keepsCode(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FuncLit, *ast.GoStmt, *ast.DeferStmt:
			found = true
		}
		return !found
	})
	return found
}

// rewriteOptions binds the rewrite to the interpreter's globals.
func (e *Engine) rewriteOptions() rewrite.Options {
	return rewrite.Options{IsInt: e.globalIsInt, IsGlobal: e.declared, GoPanic: rtName + ".GoPanic", Defer: "__gk_defer",
		PanicNote: rtName + ".PanicText", PanicMethod: e.panicMethod, PanicDescribe: rtName + ".Describe",
		Enter: rtName + ".Enter", Leave: rtName + ".Leave", Make: rtName + ".Make", Grow: rtName + ".Grow",
		RepeatString: rtName + ".RepeatString", RepeatBytes: rtName + ".RepeatBytes", Recover: rtName + ".Recover",
		ErrorsAs: "__gk_errorsAs", IsErrors: e.isErrorsPackage, HideUnexported: true,
		WrapErrorValues: true, IsErrorVar: func(name string) bool { return e.varTypes[name] == "error" }}
}

// declared reports whether a cell declared name.
func (e *Engine) declared(name string) bool {
	_, ok := e.defs[name]
	return ok
}

// globalIsInt reports whether the package-level variable or constant name
// has an integer type.
func (e *Engine) globalIsInt(name string) bool {
	v, ok := e.globals()[name]
	if !ok || !v.IsValid() {
		return false
	}
	if c, ok := v.Interface().(constant.Value); ok {
		return c.Kind() == constant.Int
	}
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return true
	}
	return false
}
