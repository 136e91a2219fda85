package engine

import (
	"fmt"
	"go/scanner"
	"go/token"
	"maps"
	"reflect"
	"sync"
	"unsafe"
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
	table   map[string]unsafe.Pointer
	generic map[string]unsafe.Pointer // yaegi's cache of instantiated generic code
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

// typeSym is yaegi v0.16.1's symbol kind of a type (sKind typeSym).
const typeSym = 7

// field returns the (unexported) field name of the addressable struct v
// as a settable value. Lookups by name are cached.
func field(v reflect.Value, name string) reflect.Value {
	key := fieldKey{v.Type(), name}
	f, ok := fieldCache.Load(key)
	if !ok {
		sf, found := v.Type().FieldByName(name)
		if !found {
			panic(fmt.Sprintf("engine: yaegi's %v has no field %s", v.Type(), name))
		}
		f, _ = fieldCache.LoadOrStore(key, sf)
	}
	sf := f.(reflect.StructField)
	return reflect.NewAt(sf.Type, unsafe.Add(unsafe.Pointer(v.UnsafeAddr()), sf.Offset)).Elem()
}

type fieldKey struct {
	t    reflect.Type
	name string
}

var fieldCache sync.Map // fieldKey -> reflect.StructField

// mainScope is the interpreter's scope of package main.
func (e *Engine) mainScope() reflect.Value {
	in := reflect.ValueOf(e.interp).Elem()
	return field(in, "scopes").MapIndex(reflect.ValueOf("main"))
}

// symbolTable returns the symbol table of scope (a *scope) as a map of
// pointers: yaegi's map[string]*symbol has the same layout, and the
// checkpoint only copies, compares and stores the pointers.
func symbolTable(scope reflect.Value) *map[string]unsafe.Pointer {
	return pointerMap(field(scope.Elem(), "sym"))
}

// genericCache returns yaegi's cache of instantiated generic code
// (map[string]*node): a failed compilation can leave a broken
// instantiation there, which later uses would reuse.
func (e *Engine) genericCache() *map[string]unsafe.Pointer {
	return pointerMap(field(reflect.ValueOf(e.interp).Elem(), "generic"))
}

// pointerMap views a settable map[string]*T as a map of pointers.
func pointerMap(f reflect.Value) *map[string]unsafe.Pointer {
	if t := f.Type(); t.Kind() != reflect.Map || t.Key().Kind() != reflect.String || t.Elem().Kind() != reflect.Pointer {
		panic(fmt.Sprintf("engine: yaegi's table is a %v", t))
	}
	return (*map[string]unsafe.Pointer)(unsafe.Pointer(f.UnsafeAddr()))
}

// save takes a checkpoint before compiling code.
func (e *Engine) save(code string) *checkpoint {
	sc := e.mainScope()
	if !sc.IsValid() || sc.IsNil() {
		return nil
	}
	table := *symbolTable(sc)
	cp := &checkpoint{scope: sc, table: maps.Clone(table), generic: maps.Clone(*e.genericCache())}
	symType := field(sc.Elem(), "sym").Type().Elem().Elem()
	types := field(sc.Elem(), "types").Interface().([]reflect.Type)
	utypes := field(e.universe(), "types").Interface().([]reflect.Type)
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
		if typ := field(sym, "typ"); field(sym, "kind").Uint() == typeSym && !typ.IsNil() {
			m := field(typ.Elem(), "method")
			cp.methods = append(cp.methods, savedMethods{list: m, old: reflect.ValueOf(m.Interface())})
		}
		if i := int(field(sym, "index").Int()); i >= 0 && i < len(types) && i < len(utypes) {
			cp.slots = append(cp.slots, savedSlot{index: i, typ: types[i], universe: utypes[i]})
		}
	}
	return cp
}

func (e *Engine) universe() reflect.Value {
	return field(reflect.ValueOf(e.interp).Elem(), "universe").Elem()
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
	types := restoreLayout(field(cp.scope.Elem(), "types"), cp.types)
	utypes := restoreLayout(field(e.universe(), "types"), cp.utypes)
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
