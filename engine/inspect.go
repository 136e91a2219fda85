package engine

import (
	"fmt"
	"github.com/gokernel/gokernel/engine/generic"
	"reflect"
	"strings"

	"github.com/gokernel/gokernel/kernel"
	"github.com/gokernel/gokernel/symbols"
)

// maxValueText bounds the value shown when inspecting a variable.
const maxValueText = 2000

// Inspect describes the name at byte offset cursor of code: the signature
// and documentation of a preloaded package's function, type, method or
// constant (pkg.Name, or pkg.Type.Method), or the type and value of a
// cell's variable.
func (e *Engine) Inspect(code string, cursor int, detail int) kernel.Inspection {
	cursor = clampCursor(code, cursor)
	start, end := identStart(code, cursor), cursor
	for end < len(code) && isIdentRune(rune(code[end])) {
		end++
	}
	// Extend left over selectors: a.b.c
	for start > 0 && code[start-1] == '.' {
		s := identStart(code, start-1)
		if s == start-1 {
			break
		}
		start = s
	}
	expr := code[start:end]
	if expr == "" {
		return kernel.Inspection{Data: map[string]any{}, Metadata: map[string]any{}}
	}
	text, ok := e.describe(expr, detail)
	if !ok {
		return kernel.Inspection{Data: map[string]any{}, Metadata: map[string]any{}}
	}
	return kernel.Inspection{Found: true, Data: map[string]any{"text/plain": text}, Metadata: map[string]any{}}
}

// describe returns the text shown for the (possibly qualified) name expr.
func (e *Engine) describe(expr string, detail int) (string, bool) {
	parts := strings.Split(expr, ".")
	e.mu.Lock()
	defer e.mu.Unlock()
	if text, ok := e.describeFetched(parts, detail); ok {
		return text, true
	}
	if p, ok := e.pkgNames[parts[0]]; ok && len(parts) > 1 {
		return describeMember(p, parts[1:], detail)
	}
	if len(parts) == 1 {
		if p, ok := e.pkgNames[parts[0]]; ok {
			return describePackage(p, detail)
		}
	}
	if v, ok := e.globals()[parts[0]]; ok && v.IsValid() {
		if len(parts) == 1 {
			return describeValue(parts[0], v), true
		}
		if len(parts) == 2 {
			return e.describeMethod(parts[0], v, parts[1], detail)
		}
	}
	if sig, ok := e.sigs[strings.Join(parts, ".")]; ok {
		return sig, true
	}
	if p, ok := packageByName(parts[0]); ok {
		if len(parts) > 1 {
			return describeMember(p, parts[1:], detail)
		}
		return describePackage(p, detail)
	}
	return "", false
}

// describeMethod shows the method or field sel of variable name: from the
// generated docs for compiled types, from the cell for cell-defined ones.
func (e *Engine) describeMethod(name string, v reflect.Value, sel string, detail int) (string, bool) {
	if typ, ok := e.varTypes[name]; ok {
		sig, found := e.sigs[typ+"."+sel]
		return sig, found
	}
	t := v.Type()
	if t.Kind() == reflect.Interface && !v.IsNil() {
		t = v.Elem().Type()
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.PkgPath() == "" || t.Name() == "" {
		return "", false
	}
	if d, ok := lookupDoc(t.PkgPath(), t.Name()+"."+sel); ok {
		return d.Decl + "\n\n" + docText(d.Doc, detail), true
	}
	return "", false
}

// describeValue shows a variable's type and value.
func describeValue(name string, v reflect.Value) string {
	t := v.Type()
	val := "?"
	if v.CanInterface() {
		val = formatValue(v.Interface())
	}
	if len(val) > maxValueText {
		val = val[:maxValueText] + "…"
	}
	return fmt.Sprintf("var %s %s\n\nValue: %s", name, t, val)
}

// describePackage shows a package's documentation.
func describePackage(importPath string, detail int) (string, bool) {
	if d, ok := lookupDoc(importPath, ""); ok {
		return "package " + packageNames()[importPath] + " // import " + fmt.Sprintf("%q", importPath) + "\n\n" + docText(d.Doc, detail), true
	}
	return "package " + packageNames()[importPath] + " // import " + fmt.Sprintf("%q", importPath), true
}

// describeMember shows a package member (or a method of one of its types).
func describeMember(importPath string, sel []string, detail int) (string, bool) {
	name := strings.Join(sel, ".")
	// The interpreter runs the engine's own slices, maps and iter.
	for _, m := range generic.Members(importPath) {
		if len(sel) == 1 && m.Name == sel[0] {
			return m.Decl + "\n\n" + docText(m.Doc, detail), true
		}
	}
	if d, ok := lookupDoc(importPath, name); ok {
		return d.Decl + "\n\n" + docText(d.Doc, detail), true
	}
	key := importPath + "/" + packageNames()[importPath]
	syms := stdlibSymbols()[key]
	if syms == nil {
		syms = preloadedSymbols()[key]
	}
	v, ok := syms[sel[0]]
	if !ok {
		return "", false
	}
	if len(sel) == 1 {
		t := v.Type()
		if t.Kind() == reflect.Pointer && v.IsNil() {
			return fmt.Sprintf("type %s.%s %s", packageNames()[importPath], sel[0], t.Elem().Kind()), true
		}
		return fmt.Sprintf("%s.%s %s", packageNames()[importPath], sel[0], t), true
	}
	return "", false
}

// docText is the whole doc comment with detail 1, its first paragraph
// otherwise.
func docText(doc string, detail int) string {
	if detail > 0 {
		return doc
	}
	if i := strings.Index(doc, "\n\n"); i >= 0 {
		return doc[:i]
	}
	return doc
}

// lookupDoc finds the generated documentation of a package (name "") or
// of one of its members.
func lookupDoc(importPath, name string) (symbols.Doc, bool) {
	key := importPath
	if name != "" {
		key += "." + name
	}
	d, ok := symbols.Docs[key]
	return d, ok
}
