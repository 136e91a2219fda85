package typecheck

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/parser"
	"go/token"
	"go/types"
	"sort"
	"strings"
)

// Session is the model of a notebook session that cells are checked
// against: the latest declaration of every name that earlier cells
// declared (functions and methods by their signatures, types and
// constants, variables with the types their check found). A Session is not
// safe for concurrent use.
type Session struct {
	fset    *token.FileSet
	imp     *importer
	entries map[string]*entry // by name; methods by "Type.Method"
	seq     int               // the order of the entries' declarations
	hidden  map[string]string // import path -> name the variables' types use for it

	// pkg is the package of the last check from source, completed with the
	// variables of the cells checked since: cells without package-level
	// declarations are checked in it (nil: stale, the next check is from
	// source).
	pkg        *types.Package
	fastChecks int           // checks in pkg (each leaves a file scope in it)
	pending    []*token.File // the files of the last check, until committed
	// unsure are the types whose methods the model may not know (a cell
	// that declared methods of them was not checked): errors that name
	// them decide nothing.
	unsure map[string]bool
}

// entry is one declaration of the session: a declaration of source (decl,
// parsed once) or an object inserted as it is (obj: a variable or constant
// whose type involves no type of the session, so that it stays exact).
type entry struct {
	seq  int
	decl ast.Decl
	file *token.File
	obj  types.Object
}

// NewSession returns an empty session.
func NewSession() *Session {
	fset := token.NewFileSet()
	return &Session{fset: fset, imp: newImporter(fset), entries: map[string]*entry{}, hidden: map[string]string{}, unsure: map[string]bool{}}
}

// mainPath is the import path of the package of the cells.
const mainPath = "main"

// Commit records the declarations of a cell that was checked (r.Err ==
// nil) and then ran: those that start before the byte offset upTo of the
// cell (len of the cell when all of it ran; the declarations of the parts
// that did not run were forgotten by the engine too). A later declaration
// of a name replaces the earlier one.
//
// After a check that decided nothing, Commit forgets the names the cell
// declares: the model no longer knows their types.
func (s *Session) Commit(r *Result, upTo int) {
	if r == nil {
		return
	}
	if r.Err != nil || r.files == nil {
		s.pkg = nil
		for _, name := range r.declared {
			s.forget(name)
			if base, _, method := strings.Cut(name, "."); method {
				s.unsure[base] = true
			}
		}
		return
	}
	c := r.files
	label := c.label
	s.commitObjects(r, upTo)
	for name := range s.unsure {
		if obj := r.Pkg.Scope().Lookup(name); obj != nil && c.inCell(obj.Pos()) && c.offset(obj.Pos()) < upTo {
			delete(s.unsure, name) // declared afresh
		}
	}
	before := func(p token.Pos) bool { return c.offset(p) < upTo }
	// at is a //line directive that gives a declaration of back-shift
	// bytes before p the position of p in the cell.
	at := func(p token.Pos, back int) string {
		line, col := c.position(p)
		if line == 0 || label == "" {
			return ""
		}
		return fmt.Sprintf("//line %s:%d:%d\n", label, line, max(col-back, 1))
	}
	for _, d := range c.declFile.Decls {
		if !before(d.Pos()) {
			continue
		}
		switch d := d.(type) {
		case *ast.FuncDecl:
			key := d.Name.Name
			if d.Recv != nil {
				base := receiverBase(d.Recv)
				if base == "" {
					continue
				}
				key = base + "." + key
			} else if key == "_" || key == "init" {
				continue
			}
			// The signature, with a body that go/types accepts for every
			// function (generic ones must have one).
			s.putSource(key, at(d.Pos(), 0)+c.source(d.Pos(), d.Type.End())+" { panic(0) }")
		case *ast.GenDecl:
			switch d.Tok {
			case token.TYPE:
				for _, sp := range d.Specs {
					ts := sp.(*ast.TypeSpec)
					if ts.Name.Name != "_" {
						s.putSource(ts.Name.Name, at(ts.Pos(), len("type "))+"type "+c.source(ts.Pos(), ts.End()))
					}
				}
			case token.CONST, token.VAR:
				for _, sp := range d.Specs {
					for _, n := range sp.(*ast.ValueSpec).Names {
						s.putObject(r.Info.Defs[n], at(n.Pos(), len("const ")))
					}
				}
			}
		}
	}
	for _, st := range c.body.List {
		if !before(st.Pos()) {
			continue
		}
		for _, id := range definedAt(st) {
			s.putObject(r.Info.Defs[id], at(id.Pos(), len("var ")))
		}
	}
}

// commitObjects updates the session's package with what the cell
// declared and ran: after a check from source, its package is the
// session's; after a check in the session's package, the cell's top-level
// variables join it. A variable defined again with another type, or a
// cell that did not run to its end, makes the package stale.
func (s *Session) commitObjects(r *Result, upTo int) {
	c := r.files
	s.pending = nil // the files stay: the objects' positions are in them
	if c.full {
		s.pkg = r.Pkg
		s.fastChecks = 0
		if upTo < len(c.code) {
			s.pkg = nil
			return
		}
	}
	if s.pkg == nil {
		return
	}
	scope := s.pkg.Scope()
	for _, st := range c.body.List {
		if c.offset(st.Pos()) >= upTo {
			continue
		}
		for _, id := range definedAt(st) {
			obj := r.Info.Defs[id]
			if obj == nil || obj.Name() == "_" {
				continue
			}
			old := scope.Lookup(obj.Name())
			v, isVar := obj.(*types.Var)
			switch {
			case old == nil && isVar:
				scope.Insert(types.NewVar(obj.Pos(), s.pkg, obj.Name(), v.Type()))
			case isVar && old != nil:
				if ov, ok := old.(*types.Var); !ok || !types.Identical(ov.Type(), v.Type()) {
					s.pkg = nil
					return
				}
			default:
				s.pkg = nil
				return
			}
		}
	}
}

// maxFastChecks bounds the checks made in one session package: each
// leaves its file scopes among the package scope's children.
const maxFastChecks = 256

// dropPending removes the files of a check that was not committed.
func (s *Session) dropPending() {
	for _, f := range s.pending {
		s.fset.RemoveFile(f)
	}
	s.pending = nil
}

// definedAt returns the identifiers a top-level statement of the cell
// defines: x, y := ... and var/const declarations.
func definedAt(st ast.Stmt) []*ast.Ident {
	var ids []*ast.Ident
	switch st := st.(type) {
	case *ast.AssignStmt:
		if st.Tok == token.DEFINE {
			for _, l := range st.Lhs {
				if id, ok := l.(*ast.Ident); ok {
					ids = append(ids, id)
				}
			}
		}
	case *ast.DeclStmt:
		if gd, ok := st.Decl.(*ast.GenDecl); ok {
			for _, sp := range gd.Specs {
				switch sp := sp.(type) {
				case *ast.ValueSpec:
					ids = append(ids, sp.Names...)
				case *ast.TypeSpec:
					ids = append(ids, sp.Name)
				}
			}
		}
	case *ast.LabeledStmt:
		return definedAt(st.Stmt)
	}
	return ids
}

// receiverBase is the name of a method's receiver base type (T of *T or
// T[K, V]).
func receiverBase(recv *ast.FieldList) string {
	if len(recv.List) != 1 {
		return ""
	}
	t := recv.List[0].Type
	for {
		switch x := t.(type) {
		case *ast.StarExpr:
			t = x.X
		case *ast.ParenExpr:
			t = x.X
		case *ast.IndexExpr:
			t = x.X
		case *ast.IndexListExpr:
			t = x.X
		case *ast.Ident:
			return x.Name
		default:
			return ""
		}
	}
}

// putSource records the declaration src (one func, method or type) under
// key, parsed once.
func (s *Session) putSource(key, src string) {
	f, err := parser.ParseFile(s.fset, "session", "package main\n"+src, parser.SkipObjectResolution)
	if err != nil || len(f.Decls) != 1 {
		s.forget(key)
		return
	}
	s.put(key, &entry{decl: f.Decls[0], file: s.fset.File(f.Pos())})
}

// putObject records a variable or constant a cell defined. Its type, if
// it involves no type of the session, is kept as it is; otherwise it is
// written as source (var x T), so that it names the session's current
// types; a type that cannot be written (an unexported type of another
// package) leaves the name unknown.
func (s *Session) putObject(obj types.Object, at string) {
	if obj == nil || obj.Name() == "_" {
		return
	}
	name := obj.Name()
	switch obj := obj.(type) {
	case *types.Var, *types.Const:
		if !involvesMain(obj.Type(), map[types.Type]bool{}) {
			s.put(name, &entry{obj: obj})
			return
		}
		typ, ok := s.typeSource(obj.Type())
		if !ok {
			s.forget(name)
			return
		}
		src := "var " + name + " " + typ
		if c, isConst := obj.(*types.Const); isConst {
			val, ok := constSource(c.Val())
			if !ok {
				s.forget(name)
				return
			}
			src = "const " + name + " " + typ + " = " + val
		}
		s.putSource(name, at+src)
	default:
		s.forget(name)
	}
}

func (s *Session) put(key string, e *entry) {
	s.forget(key)
	s.seq++
	e.seq = s.seq
	s.entries[key] = e
}

// forget drops the declaration recorded under key.
func (s *Session) forget(key string) {
	if old, ok := s.entries[key]; ok {
		if old.file != nil {
			s.fset.RemoveFile(old.file)
		}
		delete(s.entries, key)
	}
}

// involvesMain reports whether t names a type declared by the cells.
func involvesMain(t types.Type, seen map[types.Type]bool) bool {
	if seen[t] {
		return false
	}
	seen[t] = true
	switch t := t.(type) {
	case *types.Named:
		if pkg := t.Obj().Pkg(); pkg != nil && pkg.Path() == mainPath {
			return true
		}
		for i := range t.TypeArgs().Len() {
			if involvesMain(t.TypeArgs().At(i), seen) {
				return true
			}
		}
		return false
	case *types.Alias:
		if pkg := t.Obj().Pkg(); pkg != nil && pkg.Path() == mainPath {
			return true
		}
		return involvesMain(types.Unalias(t), seen)
	case *types.Pointer:
		return involvesMain(t.Elem(), seen)
	case *types.Slice:
		return involvesMain(t.Elem(), seen)
	case *types.Array:
		return involvesMain(t.Elem(), seen)
	case *types.Chan:
		return involvesMain(t.Elem(), seen)
	case *types.Map:
		return involvesMain(t.Key(), seen) || involvesMain(t.Elem(), seen)
	case *types.Signature:
		return involvesMain(t.Params(), seen) || involvesMain(t.Results(), seen)
	case *types.Tuple:
		for i := range t.Len() {
			if involvesMain(t.At(i).Type(), seen) {
				return true
			}
		}
	case *types.Struct:
		for i := range t.NumFields() {
			if involvesMain(t.Field(i).Type(), seen) {
				return true
			}
		}
	case *types.Interface:
		for i := range t.NumEmbeddeds() {
			if involvesMain(t.EmbeddedType(i), seen) {
				return true
			}
		}
		for i := range t.NumExplicitMethods() {
			if involvesMain(t.ExplicitMethod(i).Type(), seen) {
				return true
			}
		}
	case *types.TypeParam:
		return true // a type of a generic cell function: not writable
	}
	return false
}

// typeSource writes t as source of the session file: the cells' types by
// their names, other packages' through hidden imports. It fails for
// unexported types of other packages and types local to a function.
func (s *Session) typeSource(t types.Type) (string, bool) {
	ok := true
	var qualify func(types.Type)
	seen := map[types.Type]bool{}
	qualify = func(t types.Type) {
		if seen[t] {
			return
		}
		seen[t] = true
		switch t := t.(type) {
		case *types.Named:
			o := t.Obj()
			if o.Pkg() == nil {
				return
			}
			if o.Pkg().Path() != mainPath && !o.Exported() || o.Parent() != nil && o.Parent() != o.Pkg().Scope() {
				ok = false
			}
			for i := range t.TypeArgs().Len() {
				qualify(t.TypeArgs().At(i))
			}
		case *types.Alias:
			qualify(types.Unalias(t))
		case *types.Pointer:
			qualify(t.Elem())
		case *types.Slice:
			qualify(t.Elem())
		case *types.Array:
			qualify(t.Elem())
		case *types.Chan:
			qualify(t.Elem())
		case *types.Map:
			qualify(t.Key())
			qualify(t.Elem())
		case *types.Signature:
			qualify(t.Params())
			qualify(t.Results())
		case *types.Tuple:
			for i := range t.Len() {
				qualify(t.At(i).Type())
			}
		case *types.Struct:
			for i := range t.NumFields() {
				f := t.Field(i)
				if !f.Exported() && f.Pkg() != nil && f.Pkg().Path() != mainPath {
					ok = false
				}
				qualify(f.Type())
			}
		case *types.Interface:
			for i := range t.NumEmbeddeds() {
				qualify(t.EmbeddedType(i))
			}
			for i := range t.NumExplicitMethods() {
				m := t.ExplicitMethod(i)
				if !m.Exported() && m.Pkg() != nil && m.Pkg().Path() != mainPath {
					ok = false
				}
				qualify(m.Type())
			}
		case *types.TypeParam:
			ok = false
		}
	}
	qualify(t)
	if !ok {
		return "", false
	}
	return types.TypeString(t, func(p *types.Package) string {
		if p.Path() == mainPath {
			return ""
		}
		name, ok := s.hidden[p.Path()]
		if !ok {
			name = fmt.Sprintf("__gk_tc%d", len(s.hidden))
			s.hidden[p.Path()] = name
		}
		return name
	}), true
}

// constSource writes a constant's value as an untyped constant
// expression of its kind.
func constSource(v constant.Value) (string, bool) {
	switch v.Kind() {
	case constant.Bool, constant.String, constant.Int:
		return v.ExactString(), true
	case constant.Float:
		x := v.ExactString()
		if num, den, frac := strings.Cut(x, "/"); frac {
			return "(" + num + ".0/" + den + ")", true
		}
		if !strings.ContainsAny(x, ".eEpP") {
			x += ".0"
		}
		return x, true
	case constant.Complex:
		re, ok1 := constSource(constant.ToFloat(constant.Real(v)))
		im, ok2 := constSource(constant.ToFloat(constant.Imag(v)))
		return "(" + re + " + " + im + "i)", ok1 && ok2 && !strings.Contains(im, "/")
	}
	return "", false
}

// sortedEntries returns the entries in the order of their declaration,
// less those whose key is in skip (a method's key is "Type.Method").
func (s *Session) sortedEntries(skip map[string]bool) []*entry {
	out := make([]*entry, 0, len(s.entries))
	for key, e := range s.entries {
		if skip[key] {
			continue
		}
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].seq < out[j].seq })
	return out
}
