package engine

import (
	"github.com/gokernel/gokernel/engine/generic"
	"go/token"
	"reflect"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gokernel/gokernel/kernel"
)

// keywords and builtins are offered wherever an identifier may stand.
var keywords = []string{
	"break", "case", "chan", "const", "continue", "default", "defer", "else",
	"fallthrough", "for", "func", "go", "goto", "if", "import", "interface",
	"map", "package", "range", "return", "select", "struct", "switch", "type", "var",
}

var builtins = []string{
	"any", "append", "bool", "byte", "cap", "clear", "close", "comparable", "complex",
	"complex128", "complex64", "copy", "delete", "error", "false", "float32",
	"float64", "imag", "int", "int16", "int32", "int64", "int8", "iota", "len",
	"make", "max", "min", "new", "nil", "panic", "print", "println", "real",
	"recover", "rune", "string", "true", "uint", "uint16", "uint32", "uint64",
	"uint8", "uintptr",
}

// Complete lists the completions at byte offset cursor of code:
// identifiers in scope (names of earlier cells and of this one, imported
// packages, keywords, builtins), members of a package after "pkg.", and
// fields and methods of a value after "value.".
func (e *Engine) Complete(code string, cursor int) kernel.Completion {
	cursor = clampCursor(code, cursor)
	start := identStart(code, cursor)
	prefix := code[start:cursor]
	end := cursor
	for end < len(code) {
		r, n := utf8.DecodeRuneInString(code[end:])
		if !isIdentRune(r) {
			break
		}
		end += n
	}
	var cands []candidate
	if start > 0 && code[start-1] == '.' {
		cands = e.members(code, start-1)
	} else {
		cands = e.scopeNames(code)
	}
	matched := filterPrefix(cands, prefix)
	matches := make([]string, len(matched))
	types := make([]any, len(matched))
	for i, c := range matched {
		matches[i] = c.text
		types[i] = map[string]any{"start": start, "end": end, "text": c.text, "type": c.kind}
	}
	return kernel.Completion{Matches: matches, CursorStart: start, CursorEnd: end,
		Metadata: map[string]any{"_jupyter_types_experimental": types}}
}

// candidate is a completion with its kind, as JupyterLab shows it
// ("function", "variable", "type", "module", "keyword", ...).
type candidate struct{ text, kind string }

func clampCursor(code string, cursor int) int {
	if cursor < 0 {
		return 0
	}
	if cursor > len(code) {
		return len(code)
	}
	return cursor
}

func isIdentRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// identStart returns where the identifier that ends at cursor begins.
func identStart(code string, cursor int) int {
	start := cursor
	for start > 0 {
		r, n := utf8.DecodeLastRuneInString(code[:start])
		if !isIdentRune(r) {
			break
		}
		start -= n
	}
	return start
}

func filterPrefix(cands []candidate, prefix string) []candidate {
	seen := map[string]bool{}
	var out []candidate
	for _, c := range cands {
		if strings.HasPrefix(c.text, prefix) && !seen[c.text] && !strings.HasPrefix(c.text, "__gk") {
			seen[c.text] = true
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].text < out[j].text })
	return out
}

// scopeNames lists the identifiers visible at top level: definitions of
// earlier cells, identifiers of the code being edited, imported packages,
// keywords and builtins.
func (e *Engine) scopeNames(code string) []candidate {
	e.mu.Lock()
	var names []candidate
	for n, k := range e.defs {
		names = append(names, candidate{n, [...]string{defVar: "variable", defConst: "constant", defFunc: "function", defType: "type"}[k]})
	}
	for n := range e.pkgNames {
		names = append(names, candidate{n, "module"})
	}
	e.mu.Unlock()
	for _, n := range identsIn(code) {
		names = append(names, candidate{n, "text"})
	}
	for _, k := range keywords {
		names = append(names, candidate{k, "keyword"})
	}
	for _, b := range builtins {
		names = append(names, candidate{b, "builtin"})
	}
	return names
}

// identsIn lists the identifiers that occur in code (the code being edited
// may declare names that no cell has run yet).
func identsIn(code string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(code, func(r rune) bool { return !isIdentRune(r) }) {
		if r, _ := utf8.DecodeRuneInString(f); !unicode.IsDigit(r) && !token.IsKeyword(f) {
			out = append(out, f)
		}
	}
	return out
}

// members lists what may follow the selector expression that ends at
// code[dot] == '.': a package's exported names, or a value's fields and
// methods.
func (e *Engine) members(code string, dot int) []candidate {
	xStart := identStart(code, dot)
	x := code[xStart:dot]
	if x == "" {
		return nil
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if c, ok := e.fetchedMembers(x); ok {
		return c
	}
	if p, ok := e.pkgNames[x]; ok {
		return packageMembers(p)
	}
	if p, ok := packageByName(x); ok && !e.isDefined(x) {
		return packageMembers(p)
	}
	v, ok := e.globals()[x]
	if !ok || !v.IsValid() {
		return nil
	}
	names := typeMembers(v.Type())
	if v.Kind() == reflect.Interface && !v.IsNil() {
		names = append(names, typeMembers(v.Elem().Type())...)
	}
	if typ, ok := e.varTypes[x]; ok {
		for _, m := range e.methods[typ] {
			names = append(names, candidate{m, "method"})
		}
	}
	return names
}
func (e *Engine) isDefined(name string) bool {
	_, ok := e.defs[name]
	return ok
}

// packageByName finds a preloaded package whose name is name (for code
// that uses a package before importing it in a cell).
func packageByName(name string) (string, bool) {
	best := ""
	for p, n := range packageNames() {
		if n == name && (best == "" || len(p) < len(best)) {
			best = p
		}
	}
	return best, best != ""
}

// packageMembers lists the exported names of a preloaded package.
func packageMembers(importPath string) []candidate {
	name := packageNames()[importPath]
	key := importPath + "/" + name
	syms := stdlibSymbols()[key]
	if syms == nil {
		syms = preloadedSymbols()[key]
	}
	var out []candidate
	for _, m := range generic.Members(importPath) {
		out = append(out, candidate{m.Name, m.Kind})
	}
	for n, v := range syms {
		if !token.IsExported(n) || strings.HasPrefix(n, "_") {
			continue
		}
		kind := "variable"
		switch {
		case v.Kind() == reflect.Func:
			kind = "function"
		case v.Kind() == reflect.Pointer && v.IsNil():
			kind = "type" // yaegi lists a type T as (*T)(nil)
		case !v.CanAddr():
			kind = "constant"
		}
		out = append(out, candidate{n, kind})
	}
	return out
}

// typeMembers lists the exported fields and methods of t (and *t).
func typeMembers(t reflect.Type) []candidate {
	var out []candidate
	pt := t
	if t.Kind() != reflect.Pointer {
		pt = reflect.PointerTo(t)
	}
	for i := 0; i < pt.NumMethod(); i++ {
		out = append(out, candidate{pt.Method(i).Name, "method"})
	}
	st := t
	if st.Kind() == reflect.Pointer {
		st = st.Elem()
	}
	if st.Kind() == reflect.Struct {
		for i := 0; i < st.NumField(); i++ {
			if f := st.Field(i); f.IsExported() {
				out = append(out, candidate{f.Name, "field"})
			}
		}
	}
	return out
}
