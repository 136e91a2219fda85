package engine

import (
	"go/ast"
	"go/printer"
	"go/token"
	"reflect"
	"strings"

	"github.com/gokernel/gokernel/symbols"
	"github.com/gokernel/gokernel/symbols/stdlib"
)

func stdlibSymbols() map[string]map[string]reflect.Value { return stdlib.Symbols }

func preloadedSymbols() map[string]map[string]reflect.Value { return symbols.Symbols }

// recordDecls remembers the names that package-level declarations define,
// for completion and inspection.
func (e *Engine) recordDecls(decls []ast.Decl) {
	for _, d := range decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv != nil && len(d.Recv.List) == 1 {
				if t := receiverType(d.Recv.List[0].Type); t != "" {
					e.addMethod(t, d.Name.Name)
					e.sigs[t+"."+d.Name.Name] = e.declText(&ast.FuncDecl{Recv: d.Recv, Name: d.Name, Type: d.Type})
				}
				continue
			}
			e.defs[d.Name.Name] = defFunc
			e.sigs[d.Name.Name] = e.declText(&ast.FuncDecl{Name: d.Name, Type: d.Type})
			if res := d.Type.Results; res != nil && len(res.List) > 0 {
				if t := receiverType(res.List[0].Type); t != "" {
					e.funcResults[d.Name.Name] = t
				}
			}
		case *ast.GenDecl:
			e.recordGenDecl(d)
		}
	}
}

func (e *Engine) addMethod(typ, name string) {
	for _, m := range e.methods[typ] {
		if m == name {
			return
		}
	}
	e.methods[typ] = append(e.methods[typ], name)
}

func (e *Engine) recordGenDecl(d *ast.GenDecl) {
	for _, s := range d.Specs {
		switch s := s.(type) {
		case *ast.TypeSpec:
			e.defs[s.Name.Name] = defType
			e.sigs[s.Name.Name] = e.declText(&ast.GenDecl{Tok: token.TYPE, Specs: []ast.Spec{s}})
		case *ast.ValueSpec:
			k := defVar
			if d.Tok == token.CONST {
				k = defConst
			}
			for i, n := range s.Names {
				if n.Name == "_" {
					continue
				}
				e.defs[n.Name] = k
				if t := receiverType(s.Type); t != "" {
					e.varTypes[n.Name] = t
				} else if i < len(s.Values) {
					e.recordVarType(n.Name, s.Values[i])
				}
			}
		}
	}
}

// maxDeclText bounds the declaration text kept for inspection.
const maxDeclText = 1000

// declText prints a declaration of a cell for inspection.
func (e *Engine) declText(n ast.Node) string {
	var b strings.Builder
	if err := printer.Fprint(&b, e.interp.FileSet(), n); err != nil {
		return ""
	}
	text := b.String()
	if len(text) > maxDeclText {
		text = text[:maxDeclText] + "…"
	}
	return text
}

// recordStmts remembers the names that top-level statements define (or
// define again: see reuseGlobals).
func (e *Engine) recordStmts(stmts []ast.Stmt) {
	for _, s := range stmts {
		switch s := s.(type) {
		case *ast.AssignStmt:
			if s.Tok != token.DEFINE && s.Tok != token.ASSIGN {
				continue
			}
			for i, l := range s.Lhs {
				id, ok := l.(*ast.Ident)
				if !ok || id.Name == "_" {
					continue
				}
				if kind, known := e.defs[id.Name]; s.Tok == token.ASSIGN && (!known || kind != defVar) {
					continue // an assignment, not a re-definition
				}
				e.defs[id.Name] = defVar
				if len(s.Rhs) == len(s.Lhs) {
					e.recordVarType(id.Name, s.Rhs[i])
				}
			}
		case *ast.DeclStmt:
			if gd, ok := s.Decl.(*ast.GenDecl); ok {
				e.recordGenDecl(gd)
			}
		}
	}
}

// recordVarType remembers the cell-defined type of variable name when its
// initial value shows it: T{...}, &T{...}, or a call of a cell function
// that returns T or *T. Completion uses it to offer T's methods, which
// reflection cannot see on interpreted values.
func (e *Engine) recordVarType(name string, x ast.Expr) {
	delete(e.varTypes, name)
	if u, ok := x.(*ast.UnaryExpr); ok && u.Op == token.AND {
		x = u.X
	}
	switch x := x.(type) {
	case *ast.CompositeLit:
		if t := receiverType(x.Type); t != "" {
			e.varTypes[name] = t
		}
	case *ast.CallExpr:
		if f, ok := x.Fun.(*ast.Ident); ok {
			if t, ok := e.funcResults[f.Name]; ok {
				e.varTypes[name] = t
			}
		}
	}
}

// receiverType is the name of a method's receiver type: T for T, *T,
// T[K] and *T[K].
func receiverType(x ast.Expr) string {
	for {
		switch t := x.(type) {
		case *ast.StarExpr:
			x = t.X
		case *ast.IndexExpr:
			x = t.X
		case *ast.IndexListExpr:
			x = t.X
		case *ast.Ident:
			return t.Name
		default:
			return ""
		}
	}
}

// globals returns the interpreter's package-level variables and
// constants. Globals compiled but not run yet have no slot in the frame,
// on which yaegi's Globals panics: the frame is then sized and read again.
func (e *Engine) globals() map[string]reflect.Value {
	if g, ok := e.tryGlobals(); ok {
		return g
	}
	e.resizeFrame()
	g, _ := e.tryGlobals()
	return g
}

func (e *Engine) tryGlobals() (g map[string]reflect.Value, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			g, ok = map[string]reflect.Value{}, false
		}
	}()
	return e.interp.Globals(), true
}
