package engine

import (
	"go/scanner"
	"go/token"
	"maps"
	"reflect"

	"github.com/gokernel/gokernel/engine/internal/yaegix"
)

// checkpoint is what compiling a cell can change in the interpreter's
// package main: its symbol table (names added; symbols of existing names
// changed in place: yaegi re-types an existing global for `x := v` and
// re-declares functions and types over their old symbols), the methods of
// its types, and the frame layout of existing globals. Restoring a
// checkpoint after a failed compilation leaves the interpreter as it was
// before: no half-defined name, every earlier name with its value and
// type.
//
// Only symbols named in the cell can change in place (yaegi finds
// symbols by the identifiers it compiles), so only those are copied; the
// table itself is cloned (a map of pointers). Saving costs a few
// microseconds (BenchmarkCheckpoint).
type checkpoint struct {
	scope   reflect.Value // *scope of package main
	table   map[string]yaegix.Pointer
	generic map[string]yaegix.Pointer // yaegi's cache of instantiated generic code
	copies  []savedSymbol
	methods []savedMethods
	slots   []savedSlot
	// The frame layouts themselves: a compilation that instantiates
	// generic code of a source package (slices.Index) and then fails
	// leaves yaegi's universe with an empty layout, which would give the
	// next globals the slots of existing ones.
	types, utypes []reflect.Type
}

// savedSlot is the type of a global's slot in the frame layouts of the
// main scope and of the universe (the global frame; yaegi updates both).
type savedSlot struct {
	index         int
	typ, universe reflect.Type
}

// savedSymbol is a symbol with a copy of its value.
type savedSymbol struct {
	sym  reflect.Value // symbol, addressable: the live one
	copy reflect.Value // symbol: as it was
}

// savedMethods is the method list of a type as it was.
type savedMethods struct {
	list reflect.Value // the itype's method field (settable)
	old  reflect.Value // its value before
}

// mainScope is the interpreter's scope of package main.
func (e *Engine) mainScope() reflect.Value {
	return yaegix.Field(yaegix.Interpreter(e.interp), "scopes").MapIndex(reflect.ValueOf("main"))
}

// symbolTable returns the symbol table of scope (a *scope) as a map of
// pointers (see yaegix.PointerMap).
func symbolTable(scope reflect.Value) *map[string]yaegix.Pointer {
	return yaegix.PointerMap(yaegix.Field(scope.Elem(), "sym"))
}

// genericCache returns yaegi's cache of instantiated generic code
// (map[string]*node): a failed compilation can leave a broken
// instantiation there, which later uses would reuse.
func (e *Engine) genericCache() *map[string]yaegix.Pointer {
	return yaegix.PointerMap(yaegix.Field(yaegix.Interpreter(e.interp), "generic"))
}

// save takes a checkpoint before compiling code.
func (e *Engine) save(code string) *checkpoint {
	sc := e.mainScope()
	if !sc.IsValid() || sc.IsNil() {
		return nil
	}
	table := *symbolTable(sc)
	cp := &checkpoint{scope: sc, table: maps.Clone(table), generic: maps.Clone(*e.genericCache())}
	symType := yaegix.Field(sc.Elem(), "sym").Type().Elem().Elem()
	types := yaegix.Field(sc.Elem(), "types").Interface().([]reflect.Type)
	utypes := yaegix.Field(e.universe(), "types").Interface().([]reflect.Type)
	cp.types, cp.utypes = types, utypes
	for _, name := range identifiers(code) {
		p, ok := table[name]
		if !ok || p == nil {
			continue
		}
		sym := reflect.NewAt(symType, p).Elem()
		c := reflect.New(symType).Elem()
		c.Set(sym)
		cp.copies = append(cp.copies, savedSymbol{sym: sym, copy: c})
		if typ := yaegix.Field(sym, "typ"); yaegix.Field(sym, "kind").Uint() == yaegix.TypeSym && !typ.IsNil() {
			m := yaegix.Field(typ.Elem(), "method")
			cp.methods = append(cp.methods, savedMethods{list: m, old: reflect.ValueOf(m.Interface())})
		}
		if i := int(yaegix.Field(sym, "index").Int()); i >= 0 && i < len(types) && i < len(utypes) {
			cp.slots = append(cp.slots, savedSlot{index: i, typ: types[i], universe: utypes[i]})
		}
	}
	return cp
}

func (e *Engine) universe() reflect.Value {
	return yaegix.Field(yaegix.Interpreter(e.interp), "universe").Elem()
}

// restore puts package main back as it was at cp. The frame layout keeps
// the slots added since (the frame may already hold them), but the slots
// of the cell's names get their old types back.
func (e *Engine) restore(cp *checkpoint) {
	e.restoreScope(cp)
	if cp == nil {
		return
	}
	generic := *e.genericCache()
	for name := range generic {
		if _, ok := cp.generic[name]; !ok {
			delete(generic, name)
		}
	}
}

// restoreScope is restore without forgetting the generic code
// instantiated since cp: a probe's instantiations are sound, and
// instantiating the same code again in one cell fails in yaegi.
func (e *Engine) restoreScope(cp *checkpoint) {
	if cp == nil {
		return
	}
	table := *symbolTable(cp.scope)
	for name := range table {
		if _, ok := cp.table[name]; !ok {
			delete(table, name)
		}
	}
	for name, p := range cp.table {
		if table[name] != p {
			table[name] = p
		}
	}
	for _, s := range cp.copies {
		s.sym.Set(s.copy)
	}
	for _, m := range cp.methods {
		m.list.Set(m.old)
	}
	types := restoreLayout(yaegix.Field(cp.scope.Elem(), "types"), cp.types)
	utypes := restoreLayout(yaegix.Field(e.universe(), "types"), cp.utypes)
	for _, s := range cp.slots {
		types[s.index] = s.typ
		utypes[s.index] = s.universe
	}
}

// restoreLayout puts back the saved frame layout into f (a scope's types)
// when f lost some of its slots, and returns the layout f then holds.
func restoreLayout(f reflect.Value, saved []reflect.Type) []reflect.Type {
	live := f.Interface().([]reflect.Type)
	if len(live) >= len(saved) {
		return live
	}
	f.Set(reflect.ValueOf(saved))
	return saved
}

// identifiers returns the distinct identifiers of code, plus those the
// engine adds when it compiles a cell.
func identifiers(code string) []string {
	seen := map[string]bool{}
	names := []string{"__gk_show", "__gk_defer", "__gk_last"}
	fset := token.NewFileSet()
	var s scanner.Scanner
	s.Init(fset.AddFile("", -1, len(code)), []byte(code), nil, 0)
	for {
		_, tok, lit := s.Scan()
		if tok == token.EOF {
			return names
		}
		if tok == token.IDENT && !seen[lit] {
			seen[lit] = true
			names = append(names, lit)
		}
	}
}
