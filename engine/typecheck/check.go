package typecheck

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/gokernel/gokernel/engine/cellsplit"
)

// Env is what the engine knows and the session model does not: the
// packages imported by earlier cells, the automatic import of a package
// used without an import, and the names earlier cells declared.
type Env struct {
	// Imports maps the name of every package imported by earlier cells to
	// its import path.
	Imports map[string]string
	// AutoImport returns the import path of the one package named name
	// that the engine imports when a cell uses it without an import.
	AutoImport func(name string) (path string, ok bool)
	// Known reports whether earlier cells declared name (or imported a
	// package by that name). An "undefined" error about such a name means
	// that the model misses something: the check then decides nothing.
	Known func(name string) bool
	// Symbol reports whether the interpreter has the member name of the
	// package at path: an "undefined: pkg.Name" error about such a member
	// means that the type information is older than the package (see
	// symbols/exportdata), and the check decides nothing.
	Symbol func(path, name string) bool
	// Label names the cell in the positions of later errors that point at
	// its declarations ("In [3]", as the frontend numbers cells); "earlier
	// cell" when empty.
	Label string
}

// Error is one of Go's errors in a cell, at a cell line and column (both
// from 1).
type Error struct {
	Line, Col int
	Msg       string
}

func (e Error) String() string { return fmt.Sprintf("cell:%d:%d: %s", e.Line, e.Col, e.Msg) }

// MaxErrors is the number of errors reported at most, as go build does.
const MaxErrors = 10

// ErrUndecided wraps the reasons a check decides nothing (an import the
// model cannot read, a declaration of an earlier cell it does not know, a
// cell that does not parse): the engine then lets the interpreter decide.
var ErrUndecided = errors.New("the type check cannot decide")

// Result is the outcome of checking a cell.
type Result struct {
	// Errors are Go's errors in the cell, in order of position, at most
	// MaxErrors; none when the cell type-checks.
	Errors []Error
	// Err, wrapping ErrUndecided, says why the check decided nothing; then
	// Errors is empty.
	Err error
	// Info is what go/types found in the cell and the session's
	// declarations (Types, Defs, Uses, Selections); Pkg is the checked
	// package. Positions are those of Files: DeclFile holds the cell's
	// package-level declarations, Body the cell's statements in order;
	// both keep the cell's line:column (see Position).
	Info *types.Info
	Pkg  *types.Package

	files    *cellFiles
	declared []string              // the names the cell declares (methods as "Type.Method")
	promote  map[string]types.Type // see check
}

// Body returns the cell's statements as the check saw them: the body of
// one function, nil when nothing was checked.
func (r *Result) Body() *ast.BlockStmt {
	if r == nil || r.files == nil {
		return nil
	}
	return r.files.body
}

// Position returns the cell line and column of a position in Info (line
// 0 for a position outside the cell).
func (r *Result) Position(p token.Pos) (line, col int) {
	if r == nil || r.files == nil {
		return 0, 0
	}
	return r.files.position(p)
}

func undecided(format string, args ...any) *Result {
	return &Result{Err: fmt.Errorf("%w: %s", ErrUndecided, fmt.Sprintf(format, args...))}
}

// cellFiles are the two files a cell is checked as: its package-level
// declarations and a function holding its statements.
type cellFiles struct {
	code      string
	fset      *token.FileSet
	declFile  *ast.File
	stmtFile  *ast.File
	body      *ast.BlockStmt
	tokDecl   *token.File
	tokStmt   *token.File
	declStart int // offset of the cell's first byte in each file (the header's length)
	stmtStart int
	final     ast.Stmt // the cell's final expression statement, shown as its result
	label     string   // the cell's file name in positions
	full      bool     // the session was checked from source with the cell
}

// fileOf returns the file of the cell that holds p, if any. (The files
// are removed from the file set once checked.)
func (c *cellFiles) fileOf(p token.Pos) *token.File {
	for _, f := range []*token.File{c.tokDecl, c.tokStmt} {
		if f != nil && p.IsValid() && int(p) >= f.Base() && int(p) <= f.Base()+f.Size() {
			return f
		}
	}
	return nil
}

func (c *cellFiles) inCell(p token.Pos) bool { return c.fileOf(p) != nil }

// offset is the byte offset in the cell of a position in its files.
func (c *cellFiles) offset(p token.Pos) int {
	f := c.fileOf(p)
	switch f {
	case c.tokDecl:
		return f.Offset(p) - c.declStart
	case c.tokStmt:
		return f.Offset(p) - c.stmtStart
	}
	return -1
}

func (c *cellFiles) source(from, to token.Pos) string {
	a, b := c.offset(from), c.offset(to)
	if a < 0 || b < a || b > len(c.code) {
		return ""
	}
	return c.code[a:b]
}

func (c *cellFiles) position(p token.Pos) (line, col int) {
	f := c.fileOf(p)
	if f == nil {
		return 0, 0
	}
	pos := f.Position(p)
	if pos.Filename != c.label {
		return 0, 0 // the header
	}
	return pos.Line, pos.Column
}

// blank returns code with every byte outside the chunks of kind k
// replaced by a space, newlines kept.
func blank(code string, chunks []cellsplit.Chunk, k cellsplit.Kind) string {
	b := []byte(code)
	keep := make([]bool, len(b))
	for _, ch := range chunks {
		if ch.Kind == k {
			for i := ch.Start; i < ch.End && i < len(b); i++ {
				keep[i] = true
			}
		}
	}
	for i := range b {
		if !keep[i] && b[i] != '\n' {
			b[i] = ' '
		}
	}
	return string(b)
}

// cellFile is the file name of the header line of the cell's files (their
// other lines are named by the cell's label).
const cellFile = "gokernel-cell"

// mainQualifier is the package name go/types writes before the types of
// earlier cells (their package is another one than the cell's), which go
// build never shows for package main.
var mainQualifier = regexp.MustCompile(`\bmain\.`)

// cellPositions writes the positions of the checked cell in a message as
// the engine does: cell:L:C.
func cellPositions(msg, label string) string {
	return strings.ReplaceAll(msg, label+":", "cell:")
}

// Check type-checks a cell as Go against the session and env, with the
// notebook's rules: the cell's top-level variables are the session's
// globals (never "declared and not used"), its final expression is its
// result (not "is not used"), imports may serve later cells, and a name
// may be declared again. It never changes the session (see Commit).
func (s *Session) Check(code string, env Env) *Result {
	s.dropPending()
	chunks := cellsplit.Split(code)
	r := s.checkCell(code, chunks, env)
	if r.Err != nil {
		// What the cell declares is not known to the model any more.
		if names, err := packageNames(blank(code, chunks, cellsplit.Decls)); err == nil {
			for n := range names {
				r.declared = append(r.declared, n)
			}
		}
		r.declared = append(r.declared, topLevelNames(blank(code, chunks, cellsplit.Stmts))...)
		sort.Strings(r.declared)
	}
	return r
}

func (s *Session) checkCell(code string, chunks []cellsplit.Chunk, env Env) *Result {
	imports, err := s.cellImports(code, chunks)
	if err != nil {
		return undecided("%v", err)
	}
	r, missing := s.check(code, chunks, env, imports, nil, nil)
	if r.promote != nil {
		// The cell's functions use its top-level variables: check again
		// with them declared at package level.
		r, missing = s.check(code, chunks, env, imports, nil, r.promote)
	}
	if len(missing) == 0 {
		return r
	}
	// Packages used without an import: the engine imports them when the
	// name is unambiguous, and reports the candidates otherwise.
	auto := map[string]string{}
	for _, name := range missing {
		p, ok := "", false
		if env.AutoImport != nil {
			p, ok = env.AutoImport(name)
		}
		if !ok {
			return undecided("undefined: %s", name)
		}
		auto[name] = p
	}
	if r, missing = s.check(code, chunks, env, imports, auto, nil); len(missing) > 0 {
		return undecided("undefined: %s", missing[0])
	}
	if r.promote != nil {
		r, missing = s.check(code, chunks, env, imports, auto, r.promote)
	}
	if len(missing) > 0 {
		return undecided("undefined: %s", missing[0])
	}
	return r
}

// hasKind reports whether some chunk is of kind k.
func hasKind(chunks []cellsplit.Chunk, k cellsplit.Kind) bool {
	for _, ch := range chunks {
		if ch.Kind == k {
			return true
		}
	}
	return false
}

// cellImports returns the imports the cell writes, name -> path.
func (s *Session) cellImports(code string, chunks []cellsplit.Chunk) (map[string]string, error) {
	imports := map[string]string{}
	if !hasKind(chunks, cellsplit.Imports) {
		return imports, nil
	}
	f, err := parser.ParseFile(token.NewFileSet(), "", "package main\n"+blank(code, chunks, cellsplit.Imports), parser.ImportsOnly)
	if err != nil {
		return nil, err
	}
	for _, spec := range f.Imports {
		p, err := strconv.Unquote(spec.Path.Value)
		if err != nil {
			return nil, err
		}
		name := ""
		if spec.Name != nil {
			name = spec.Name.Name
		}
		if name == "." || name == "_" {
			return nil, fmt.Errorf("import %s %q", name, p)
		}
		if name == "" {
			if _, err := s.imp.Import(p); err != nil {
				return nil, err
			}
			name = s.imp.name(p)
		}
		imports[name] = p
	}
	return imports, nil
}

var (
	undefinedMsg = regexp.MustCompile(`^undefined: ([\p{L}_][\p{L}\p{N}_]*)$`)
	undefinedSel = regexp.MustCompile(`^undefined: ([\p{L}_][\p{L}\p{N}_]*)\.([\p{L}_][\p{L}\p{N}_]*)$`)
	unusedVarMsg = regexp.MustCompile(`^declared and not used: ([\p{L}_][\p{L}\p{N}_]*)$`)
)

// check runs go/types once; missing lists the names used as packages that
// are undefined (candidates for an automatic import).
//
// promote declares at package level variables of the cell's top level
// (with their types from a first check): the cell's functions use them.
func (s *Session) check(code string, chunks []cellsplit.Chunk, env Env, cellImps, auto map[string]string, promote map[string]types.Type) (r *Result, missing []string) {
	// The cell's package-level names, then what the session file may hold.
	declSrc := blank(code, chunks, cellsplit.Decls)
	stmtSrc := blank(code, chunks, cellsplit.Stmts)
	declNames := map[string]bool{}
	hasDecls := hasKind(chunks, cellsplit.Decls)
	if hasDecls {
		var err error
		if declNames, err = packageNames(declSrc); err != nil {
			return undecided("%v", err), nil
		}
	}
	skip := map[string]bool{}
	for k := range declNames {
		skip[k] = true
	}
	for name := range cellImps {
		skip[name] = true
	}
	for name := range auto {
		skip[name] = true
	}
	// A name the cell's top level defines again is left out of the session:
	// the cell's functions see the new one in the engine. (Without
	// functions, the cell's definitions hide the session's anyway.)
	if hasDecls {
		for _, name := range topLevelNames(stmtSrc) {
			skip[name] = true
		}
	}
	// A cell of statements only is checked in the session's package; one
	// with package-level declarations (or a stale package) with the
	// session's declarations from source, in a new package.
	full := len(declNames) > 0 || s.pkg == nil || s.fastChecks >= maxFastChecks
	var entries []*entry
	pkgLevel := map[string]bool{}
	for k := range declNames {
		pkgLevel[k] = true
	}
	if full {
		entries = s.sortedEntries(skip)
		for _, e := range entries {
			if e.obj != nil {
				pkgLevel[e.obj.Name()] = true
			} else {
				for _, n := range declaredNames(e.decl) {
					pkgLevel[n] = true
				}
			}
		}
	}

	imports := map[string]string{}
	for name, p := range env.Imports {
		if !full && s.pkg.Scope().Lookup(name) != nil {
			continue
		}
		if !pkgLevel[name] && name != "." && name != "_" {
			imports[name] = p
		}
	}
	for name, p := range cellImps {
		imports[name] = p
	}
	for name, p := range auto {
		imports[name] = p
	}
	for name, p := range imports {
		if _, err := s.imp.Import(p); err != nil {
			if cellImps[name] == p || auto[name] == p {
				return undecided("%v", err), nil
			}
			delete(imports, name) // a package the model cannot read: uses of it are undefined, and undecided
		}
	}
	hdr := importHeader(imports)

	label := env.Label
	if label == "" {
		label = "earlier cell"
	}
	c := &cellFiles{code: code, fset: s.fset, label: label, full: full}
	// A line directive gives the cell's lines their own numbers, under the
	// label: later errors that point at a declaration of this cell say
	// "In [3]:2:6".
	directive := "//line " + label + ":1:1\n"
	declText := hdr + "\n" + directive
	stmtText := hdr + " var _ = func() {\n" + directive
	c.declStart, c.stmtStart = len(declText), len(stmtText)
	var err error
	if hasDecls {
		c.declFile, err = parser.ParseFile(s.fset, cellFile, declText+declSrc, parser.SkipObjectResolution)
		if err != nil {
			return undecided("%v", err), nil
		}
		c.tokDecl = s.fset.File(c.declFile.Pos())
		s.pending = append(s.pending, c.tokDecl) // removed unless committed
	} else {
		c.declFile = &ast.File{Name: ast.NewIdent("main")}
	}
	c.stmtFile, err = parser.ParseFile(s.fset, cellFile, stmtText+stmtSrc+"\n}", parser.SkipObjectResolution)
	if err != nil {
		return undecided("%v", err), nil
	}
	c.tokStmt = s.fset.File(c.stmtFile.Pos())
	s.pending = append(s.pending, c.tokStmt)
	c.body = c.stmtFile.Decls[len(c.stmtFile.Decls)-1].(*ast.GenDecl).Specs[0].(*ast.ValueSpec).Values[0].(*ast.FuncLit).Body
	if n := len(c.body.List); n > 0 && len(chunks) > 0 && chunks[len(chunks)-1].Kind == cellsplit.Stmts {
		if es, ok := c.body.List[n-1].(*ast.ExprStmt); ok {
			c.final = es
		}
	}

	// The session's file: its imports (the hidden ones of variables'
	// types too) and the declarations of source.
	sessImports := map[string]string{}
	for name, p := range imports {
		if env.Imports[name] == p {
			sessImports[name] = p
		}
	}
	for p, name := range s.hidden {
		sessImports[name] = p
	}
	var pkg *types.Package
	var files []*ast.File
	if c.full {
		pkg = types.NewPackage(mainPath, "main")
		files = []*ast.File{c.stmtFile}
		if hasDecls {
			files = append(files, c.declFile)
		}
		sess := &ast.File{Name: ast.NewIdent("main"), Decls: []ast.Decl{importDecl(sessImports)}}
		for _, e := range entries {
			if v, ok := e.obj.(*types.Var); ok {
				pkg.Scope().Insert(types.NewVar(v.Pos(), pkg, v.Name(), v.Type()))
			} else if e.obj != nil {
				pkg.Scope().Insert(e.obj)
			} else {
				sess.Decls = append(sess.Decls, e.decl)
			}
		}
		files = append([]*ast.File{sess}, files...)
		for name, t := range promote {
			if pkg.Scope().Lookup(name) == nil {
				pkg.Scope().Insert(types.NewVar(token.NoPos, pkg, name, t))
			}
		}
	} else {
		pkg = s.pkg
		s.fastChecks++
		files = []*ast.File{c.stmtFile}
	}

	info := &types.Info{
		Types:      map[ast.Expr]types.TypeAndValue{},
		Defs:       map[*ast.Ident]types.Object{},
		Uses:       map[*ast.Ident]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
	}
	var errs []types.Error
	conf := types.Config{
		GoVersion: "go1.24",
		Importer:  s.imp,
		Error:     func(err error) { errs = append(errs, err.(types.Error)) },
	}
	_ = types.NewChecker(&conf, s.fset, pkg, info).Files(files)
	if c.full && len(declNames) == 0 && len(entries) == len(s.entries) {
		// The package holds the whole session and nothing of the cell:
		// later cells of statements are checked in it.
		s.pkg, s.fastChecks = pkg, 0
	}

	r = &Result{Info: info, Pkg: pkg, files: c}
	globals := map[token.Pos]bool{} // the variables the cell's top level defines
	for _, st := range c.body.List {
		for _, id := range definedAt(st) {
			globals[id.Pos()] = true
		}
	}
	cellDefined := map[string]bool{}
	for id := range info.Defs {
		if c.inCell(id.Pos()) {
			cellDefined[id.Name] = true
		}
	}
	// The cell's top-level variables whose types the session can hold
	// (none of the cell's own types: a second check makes those anew).
	globalTypes := map[string]types.Type{}
	for _, st := range c.body.List {
		for _, id := range definedAt(st) {
			if v, ok := info.Defs[id].(*types.Var); ok && !involvesMain(v.Type(), map[types.Type]bool{}) {
				globalTypes[id.Name] = v.Type()
			}
		}
	}
	needPromote := false
	sessionFailed := false
	for _, e := range errs {
		if strings.Contains(e.Msg, "imported and not used") {
			continue
		}
		line, col := c.position(e.Pos)
		if line == 0 {
			if strings.Contains(e.Msg, "could not import") {
				return undecided("%s", e.Msg), nil
			}
			sessionFailed = true
			continue
		}
		e.Msg = mainQualifier.ReplaceAllString(cellPositions(e.Msg, c.label), "")
		if strings.Contains(e.Msg, "__gk") {
			return undecided("%s", e.Msg), nil
		}
		if unusedVarMsg.MatchString(e.Msg) && globals[e.Pos] {
			continue // a global of the session
		}
		if c.final != nil && e.Pos == c.final.Pos() && strings.HasSuffix(e.Msg, "is not used") {
			continue // the cell's result
		}
		for name := range s.unsure {
			if regexp.MustCompile(`\b` + regexp.QuoteMeta(name) + `\b`).MatchString(e.Msg) {
				return undecided("%s (the methods of %s are not known)", e.Msg, name), nil
			}
		}
		if m := undefinedSel.FindStringSubmatch(e.Msg); m != nil && env.Symbol != nil && imports[m[1]] != "" && env.Symbol(imports[m[1]], m[2]) {
			return undecided("%s (the interpreter has it: the type information is stale)", e.Msg), nil
		}
		if m := undefinedMsg.FindStringSubmatch(e.Msg); m != nil {
			name := m[1]
			if selectorBase(c, e.Pos) {
				missing = append(missing, name)
			}
			if promote == nil && c.full && globalTypes[name] != nil {
				needPromote = true
				continue
			}
			if cellDefined[name] || env.Known != nil && env.Known(name) {
				return undecided("%s", e.Msg), nil
			}
		}
		r.Errors = append(r.Errors, Error{Line: line, Col: col, Msg: goBuildMessage(e.Msg)})
	}
	if needPromote {
		u := undecided("the cell's functions use its top-level variables")
		u.promote = globalTypes
		return u, missing
	}
	if len(r.Errors) > 0 && sessionFailed {
		return undecided("the session's declarations do not type-check"), nil
	}
	sort.SliceStable(r.Errors, func(i, j int) bool {
		a, b := r.Errors[i], r.Errors[j]
		return a.Line < b.Line || a.Line == b.Line && a.Col < b.Col
	})
	if len(r.Errors) > MaxErrors {
		r.Errors = r.Errors[:MaxErrors]
	}
	return r, missing
}

// selectorBase reports whether the identifier at p is the X of an X.Sel
// in the cell.
func selectorBase(c *cellFiles, p token.Pos) bool {
	found := false
	for _, f := range []*ast.File{c.declFile, c.stmtFile} {
		ast.Inspect(f, func(n ast.Node) bool {
			if found {
				return false
			}
			if sel, ok := n.(*ast.SelectorExpr); ok {
				if id, ok := sel.X.(*ast.Ident); ok && id.Pos() == p {
					found = true
				}
			}
			return true
		})
	}
	return found
}

// importHeader is the one line that opens both files of a cell.
func importHeader(imports map[string]string) string {
	names := make([]string, 0, len(imports))
	for n := range imports {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("package main;")
	if len(names) > 0 {
		b.WriteString(" import (")
		for i, n := range names {
			if i > 0 {
				b.WriteString("; ")
			}
			b.WriteString(n + " " + strconv.Quote(imports[n]))
		}
		b.WriteString(");")
	}
	return b.String()
}

// importDecl declares imports (name -> path) in a file built as a tree.
func importDecl(imports map[string]string) ast.Decl {
	d := &ast.GenDecl{Tok: token.IMPORT, Lparen: 1, Rparen: 1}
	names := make([]string, 0, len(imports))
	for n := range imports {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		d.Specs = append(d.Specs, &ast.ImportSpec{Name: ast.NewIdent(n), Path: &ast.BasicLit{Kind: token.STRING, Value: strconv.Quote(imports[n])}})
	}
	return d
}

// packageNames returns the names a cell's package-level declarations
// declare (methods as "Type.Method").
func packageNames(declSrc string) (map[string]bool, error) {
	f, err := parser.ParseFile(token.NewFileSet(), "", "package main\n"+declSrc, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	names := map[string]bool{}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv != nil {
			if base := receiverBase(fd.Recv); base != "" {
				names[base+"."+fd.Name.Name] = true
			}
			continue
		}
		for _, n := range declaredNames(d) {
			names[n] = true
		}
	}
	return names, nil
}

// declaredNames returns the package-level names a declaration declares
// (none for a method).
func declaredNames(d ast.Decl) []string {
	var names []string
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Recv == nil {
			names = append(names, d.Name.Name)
		}
	case *ast.GenDecl:
		for _, sp := range d.Specs {
			switch sp := sp.(type) {
			case *ast.TypeSpec:
				names = append(names, sp.Name.Name)
			case *ast.ValueSpec:
				for _, n := range sp.Names {
					names = append(names, n.Name)
				}
			}
		}
	}
	return names
}

// topLevelNames returns the names the cell's top-level statements define,
// from a quick parse of them (none when they do not parse).
func topLevelNames(stmtSrc string) []string {
	f, err := parser.ParseFile(token.NewFileSet(), "", "package main; func _() {\n"+stmtSrc+"\n}", parser.SkipObjectResolution)
	if err != nil {
		return nil
	}
	var names []string
	for _, st := range f.Decls[0].(*ast.FuncDecl).Body.List {
		for _, id := range definedAt(st) {
			names = append(names, id.Name)
		}
	}
	return names
}
