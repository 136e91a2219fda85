package engine

import (
	"go/ast"
	"go/token"
	"reflect"

	"github.com/gokernel/gokernel/symbols"
	"github.com/traefik/yaegi/stdlib"
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
				}
				continue
			}
			e.defs[d.Name.Name] = defFunc
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
		case *ast.ValueSpec:
			k := defVar
			if d.Tok == token.CONST {
				k = defConst
			}
			for _, n := range s.Names {
				if n.Name != "_" {
					e.defs[n.Name] = k
				}
			}
		}
	}
}

// recordStmts remembers the names that top-level statements define.
func (e *Engine) recordStmts(stmts []ast.Stmt) {
	for _, s := range stmts {
		switch s := s.(type) {
		case *ast.AssignStmt:
			if s.Tok != token.DEFINE {
				continue
			}
			for _, l := range s.Lhs {
				if id, ok := l.(*ast.Ident); ok && id.Name != "_" {
					e.defs[id.Name] = defVar
				}
			}
		case *ast.DeclStmt:
			if gd, ok := s.Decl.(*ast.GenDecl); ok {
				e.recordGenDecl(gd)
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
// constants. A failed compilation can leave yaegi with a symbol whose slot
// was never allocated, on which Globals panics; the symbols that can be
// read are returned then.
func (e *Engine) globals() (g map[string]reflect.Value) {
	defer func() {
		if r := recover(); r != nil {
			g = map[string]reflect.Value{}
		}
	}()
	return e.interp.Globals()
}
