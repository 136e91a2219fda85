package engine

import (
	"go/ast"
	"go/token"
	"reflect"
	"strings"
	"sync"
)

// panicTexts remembers the text Go would print for the values the latest
// panic statements of interpreted code raised (their Error() or String(),
// which the panic value has lost in yaegi; see rewrite's panicStmt), so
// that the error of a cell that ends with such a panic shows it.
type panicTexts struct {
	mu     sync.Mutex
	recent []panicText // the latest last, at most maxPanicTexts
}

type panicText struct {
	value any
	text  string
}

// maxPanicTexts bounds the texts kept: a panic that ends a cell was
// raised by one of the latest panic statements (others were recovered).
const maxPanicTexts = 8

func (p *panicTexts) note(v any, text string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.recent) == maxPanicTexts {
		p.recent = append(p.recent[:0], p.recent[1:]...)
	}
	p.recent = append(p.recent, panicText{v, text})
}

// text is the text noted for the panic value v (as interp.Panic or a
// recover hands it over), the latest first; ok is false when none was
// noted for it.
func (p *panicTexts) text(v any) (text string, ok bool) {
	if rv, isValue := v.(reflect.Value); isValue {
		if !rv.IsValid() || !rv.CanInterface() {
			return "", false
		}
		v = rv.Interface()
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	for i := len(p.recent) - 1; i >= 0; i-- {
		if reflect.DeepEqual(p.recent[i].value, v) {
			return p.recent[i].text, true
		}
	}
	return "", false
}

// notePanicText is rt.PanicText: the prelude's __gk_notePanic calls it.
func (e *Engine) notePanicText(v any, text string) { e.panics.note(v, text) }

// panicMethod is rewrite.Options.PanicMethod: the method ("Error" or
// "String") Go's panic prints for arg, when arg is a value of a
// cell-defined type whose method set has one. Only forms whose type the
// syntax shows are recognised (T{...}, &T{...}, T(x)): a variable may be
// shadowed by one of another type.
func (e *Engine) panicMethod(arg ast.Expr) string {
	typ, ptr := "", false
	switch x := ast.Unparen(arg).(type) {
	case *ast.CompositeLit:
		typ = identName(x.Type)
	case *ast.UnaryExpr:
		if lit, ok := ast.Unparen(x.X).(*ast.CompositeLit); ok && x.Op == token.AND {
			typ, ptr = identName(lit.Type), true
		}
	case *ast.CallExpr:
		if len(x.Args) == 1 {
			typ = identName(x.Fun)
		}
	}
	if typ == "" {
		return ""
	}
	for _, m := range []string{"Error", "String"} {
		if ptrRecv, ok := e.methodReceiver(typ, m); ok && (ptr || !ptrRecv) {
			return m
		}
	}
	return ""
}

func identName(x ast.Expr) string {
	if id, ok := x.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

// methodReceiver reports whether the cell-defined type typ has the method
// (declared by an earlier cell or the compiling one) and whether its
// receiver is a pointer.
func (e *Engine) methodReceiver(typ, method string) (ptr, ok bool) {
	if ptr, ok := e.pendingMethods[typ+"."+method]; ok {
		return ptr, true
	}
	if !e.hasMethod(typ, method) {
		return false, false
	}
	sig := e.sigs[typ+"."+method]
	return strings.Contains(sig, "*"+typ+")"), true
}

// notePendingMethods records the methods that decls declare, for
// panicMethod while their cell compiles.
func (e *Engine) notePendingMethods(decls []ast.Decl) {
	for _, d := range decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv != nil && len(fd.Recv.List) == 1 {
			if t := receiverType(fd.Recv.List[0].Type); t != "" {
				_, ptr := fd.Recv.List[0].Type.(*ast.StarExpr)
				e.pendingMethods[t+"."+fd.Name.Name] = ptr
			}
		}
	}
}
