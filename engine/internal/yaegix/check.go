package yaegix

import (
	"fmt"
	"reflect"

	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
)

// layout is every field of yaegi's unexported structs that the engine
// reads or writes, by struct, with its kind.
var layout = map[string]map[string]reflect.Kind{
	"Interpreter": {"mutex": reflect.Struct, "done": reflect.Chan, "cancelChan": reflect.Bool, "id": reflect.Uint64,
		"scopes": reflect.Map, "generic": reflect.Map, "universe": reflect.Pointer, "roots": reflect.Slice,
		"frame": reflect.Pointer, "binPkg": reflect.Map},
	"frame":   {"data": reflect.Slice},
	"scope":   {"sym": reflect.Map, "types": reflect.Slice, "child": reflect.Slice},
	"symbol":  {"kind": reflect.Uint, "typ": reflect.Pointer, "index": reflect.Int},
	"itype":   {"method": reflect.Slice, "cat": reflect.Uint, "val": reflect.Pointer, "str": reflect.String},
	"node":    {"ident": reflect.String, "typ": reflect.Pointer, "child": reflect.Slice},
	"Program": {"root": reflect.Pointer},
}

// Check verifies that the yaegi linked in has the layout this package
// and the engine rely on (see layout) and the enumeration values TypeSym
// and ValueT, on a fresh interpreter.
func Check() error {
	in := interp.New(interp.Options{})
	if err := in.Use(stdlib.Symbols); err != nil {
		return err
	}
	if _, err := in.Eval("import \"time\"\ntype T int\nvar d time.Duration"); err != nil {
		return fmt.Errorf("yaegix: probe: %w", err)
	}
	prog, err := in.Compile("1")
	if err != nil {
		return fmt.Errorf("yaegix: probe: %w", err)
	}
	iv := Interpreter(in)
	types := map[string]reflect.Type{"Interpreter": iv.Type(), "Program": reflect.TypeOf(prog).Elem()}
	if t, ok := structField(types["Interpreter"], "universe"); ok {
		types["scope"] = t.Elem()
	}
	if t, ok := structField(types["scope"], "sym"); ok {
		types["symbol"] = t.Elem().Elem()
	}
	if t, ok := structField(types["symbol"], "typ"); ok {
		types["itype"] = t.Elem()
	}
	if t, ok := structField(types["Interpreter"], "frame"); ok {
		types["frame"] = t.Elem()
	}
	if t, ok := structField(types["Program"], "root"); ok {
		types["node"] = t.Elem()
	}
	for st, fields := range layout {
		t := types[st]
		if t == nil {
			return fmt.Errorf("yaegix: yaegi's struct %s not found", st)
		}
		for name, kind := range fields {
			ft, ok := structField(t, name)
			if !ok {
				return fmt.Errorf("yaegix: yaegi's %s has no field %s", st, name)
			}
			if ft.Kind() != kind {
				return fmt.Errorf("yaegix: yaegi's %s.%s is a %v, want a %v", st, name, ft.Kind(), kind)
			}
		}
	}
	if _, err := ErrorWrapper(in); err != nil {
		return err
	}
	main := Field(iv, "scopes").MapIndex(reflect.ValueOf("main"))
	if !main.IsValid() || main.IsNil() {
		return fmt.Errorf("yaegix: yaegi has no scope main")
	}
	syms := *PointerMap(Field(main.Elem(), "sym"))
	symOf := func(name string) (reflect.Value, error) {
		p, ok := syms[name]
		if !ok {
			return reflect.Value{}, fmt.Errorf("yaegix: probe symbol %s missing", name)
		}
		return reflect.NewAt(types["symbol"], p).Elem(), nil
	}
	typ, err := symOf("T")
	if err != nil {
		return err
	}
	if k := Field(typ, "kind").Uint(); k != TypeSym {
		return fmt.Errorf("yaegix: a type's symbol kind is %d, want TypeSym %d", k, TypeSym)
	}
	d, err := symOf("d")
	if err != nil {
		return err
	}
	if c := Field(Field(d, "typ").Elem(), "cat").Uint(); c != ValueT {
		return fmt.Errorf("yaegix: a compiled type's category is %d, want ValueT %d", c, ValueT)
	}
	return nil
}

func structField(t reflect.Type, name string) (reflect.Type, bool) {
	if t == nil || t.Kind() != reflect.Struct {
		return nil, false
	}
	f, ok := t.FieldByName(name)
	return f.Type, ok
}
