package engine

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path"
	"regexp"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"

	"github.com/gokernel/gokernel/engine/cellsplit"
	"github.com/gokernel/gokernel/engine/generic"
	"github.com/gokernel/gokernel/engine/rewrite"
	"github.com/gokernel/gokernel/gomod"
	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"
)

// modules fetches the packages cells import that are neither preloaded
// nor in the standard library, through the Go module proxy (package
// gomod); yaegi interprets them from source.
type modules struct {
	r   *gomod.Resolver
	err error // the configuration's error, reported by the first import that needs a module
	// wanted maps a package name to the module package a cell imported
	// under it, while that import has not succeeded: auto-import must not
	// put another package of that name in its place.
	wanted map[string]string
	// fetched holds the import paths fetched; docs their documentation,
	// once Inspect or Complete asked for it.
	fetched map[string]bool
	docs    map[string][]gomod.Doc
}

// newModules configures module fetching from the environment (GOPROXY,
// GOFLAGS, …; the working directory's go.mod); progress goes to the
// cell's standard error.
func newModules(e *Engine) *modules {
	cfg := gomod.ConfigFromEnv(nil)
	cfg.Known = e.knownPackage
	cfg.Versions = builtWith()
	// The cells' rewrites that need no engine hook: per-iteration loop
	// variables, range over an integer, min and max of float constants.
	cfg.Rewrite = func(f *ast.File) {
		rewrite.Run(f, rewrite.Options{}, rewrite.LoopVars, rewrite.RangeInt, rewrite.FloatMinMax)
	}
	cfg.Progress = func(msg string) { fmt.Fprintln(&e.stderr, msg) }
	r, err := gomod.New(cfg)
	return &modules{r: r, err: err, wanted: map[string]string{}, fetched: map[string]bool{}, docs: map[string][]gomod.Doc{}}
}

// builtWith maps the modules the kernel was built with to their
// versions: a package fetched from gonum comes from the gonum whose
// other packages are compiled in.
func builtWith() map[string]string {
	versions := map[string]string{}
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, d := range info.Deps {
			if d.Replace == nil && semver.IsValid(d.Version) {
				versions[d.Path] = d.Version
			}
		}
	}
	return versions
}

// fs is the interpreter's source file system (nil when unconfigured).
func (m *modules) fs() fs.FS {
	if m.r == nil {
		return nil
	}
	return m.r.FS()
}

// preloaded reports whether an import path needs no module: a compiled
// package, the engine's generic packages, or a path that cannot be a
// module's (no dot in its first element: the standard library's).
func preloaded(p string) bool {
	if _, ok := packageNames()[p]; ok || slices.Contains(generic.Packages, p) {
		return true
	}
	first, _, _ := strings.Cut(p, "/")
	return !strings.Contains(first, ".")
}

// knownPackage reports whether the interpreter has the package at p
// without a module: preloaded, or given to it with Use.
func (e *Engine) knownPackage(p string) bool {
	return preloaded(p) || e.interp != nil && len(e.interp.Symbols(p)) > 0
}

// fetchModules fetches the module packages that the cell's imports name
// and that are not imported yet, before the cell compiles.
func (e *Engine) fetchModules(ctx context.Context, code string, chunks []cellsplit.Chunk) *cellError {
	for _, ch := range chunks {
		if ch.Kind != cellsplit.Imports {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), srcName, fileHeader+blank(code, ch.Start, ch.End), parser.ImportsOnly)
		if err != nil {
			continue // the compilation reports it
		}
		for _, imp := range f.Imports {
			p, err := strconv.Unquote(imp.Path.Value)
			if err != nil || preloaded(p) {
				continue
			}
			name := path.Base(p)
			if imp.Name != nil {
				name = imp.Name.Name
			}
			// Imported before: nothing to do (asked first, as knownPackage
			// lists an interpreted package's symbols).
			if _, done := e.imports[name+" "+p]; done || e.knownPackage(p) {
				continue
			}
			if imp.Name == nil {
				name = guessName(p)
			}
			e.mods.wanted[name] = p
			pkg, kerr := e.mods.fetch(ctx, p)
			if kerr != nil {
				return kerr
			}
			if imp.Name == nil {
				if kerr := e.loadModule(ctx, code, pkg); kerr != nil {
					return kerr
				}
			}
		}
	}
	return nil
}

// guessName is the usual name of the package at import path p: its last
// element, without a major version suffix or a "go-" prefix.
func guessName(p string) string {
	if prefix, _, ok := module.SplitPathVersion(p); ok && prefix != p && prefix != "" {
		p = prefix
	}
	name := path.Base(p)
	name = strings.TrimPrefix(name, "go-")
	if i := strings.IndexAny(name, ".-"); i > 0 {
		name = name[:i]
	}
	return name
}

// fetch resolves one import path through the module proxy.
func (m *modules) fetch(ctx context.Context, p string) (*gomod.Package, *cellError) {
	if m.err != nil {
		return nil, importError(p, fmt.Errorf("module configuration: %w", m.err))
	}
	pkg, err := m.r.Import(ctx, p)
	if err != nil {
		if ctx.Err() != nil {
			return nil, interrupted(0, 0)
		}
		return nil, importError(p, err)
	}
	if pkg.Name != guessName(p) {
		m.wanted[pkg.Name] = p
	}
	m.fetched[p] = true
	return pkg, nil
}

// loadModule has yaegi import a fetched package on its own, before the
// cell compiles, so that a failure of yaegi on the package's source is
// reported as the package's (and leaves no trace).
func (e *Engine) loadModule(ctx context.Context, code string, pkg *gomod.Package) *cellError {
	cp := e.save(code)
	kerr := e.importNow(ctx, pkg.ImportPath)
	if kerr == nil {
		return nil
	}
	e.restore(cp)
	if kerr.kind == kindInterrupted {
		return kerr
	}
	why := moduleFiles(strings.TrimPrefix(kerr.value, "the interpreter failed on this cell: "))
	return importError(pkg.ImportPath, fmt.Errorf("yaegi cannot interpret package %s (%s@%s, files in %s): %s",
		pkg.ImportPath, pkg.Module.Path, pkg.Module.Version, pkg.Dir, why))
}

func importError(p string, err error) *cellError {
	msg := fmt.Sprintf("import %q: %v", p, err)
	var ce *gomod.CannotInterpretError
	if errors.As(err, &ce) {
		msg += " (yaegi interprets Go source only; use a pure-Go package)"
	}
	return newError(kindImport, msg, strings.Split(kindImport.String()+": "+msg, "\n")...)
}

// notSubstituted is missingImport's check: an undefined name that a
// module package imported under that name was to provide is reported as
// such, rather than auto-imported from another package of that name.
func (e *Engine) notSubstituted(name string, kerr *cellError) *cellError {
	p, ok := e.mods.wanted[name]
	if !ok || e.pkgNames[name] == p {
		return nil
	}
	hint := fmt.Sprintf(" (the import of %q failed; no other package is imported in its place)", p)
	return kerr.withSuffix(hint)
}

// sourcePos matches a position in a fetched package's file, as yaegi
// writes it: under gomod.GoPath.
var sourcePos = regexp.MustCompile(regexp.QuoteMeta(gomod.GoPath+"/src/") + `(\S+?\.go)`)

// moduleFiles rewrites the virtual paths of fetched packages' files in
// an error message to import paths.
func moduleFiles(msg string) string {
	return sourcePos.ReplaceAllString(msg, "$1")
}

// goGetLine is a %go get line: `%go get module@version ...`.
var goGetLine = regexp.MustCompile(`(?m)^[ \t]*%go[ \t]+get\b(.*)$`)

// goGet runs the cell's %go get lines (pinning module versions, as `go
// get module@version` does) and returns the cell without them.
func (e *Engine) goGet(ctx context.Context, code string) (string, *cellError) {
	locs := goGetLine.FindAllStringSubmatchIndex(code, -1)
	for _, loc := range locs {
		args := strings.Fields(code[loc[2]:loc[3]])
		if len(args) == 0 {
			return code, goGetError("name a module: %go get example.com/mod@v1.2.3")
		}
		for _, a := range args {
			if strings.HasPrefix(a, "-") {
				return code, goGetError("flags are not supported: " + a)
			}
			if e.mods.err != nil {
				return code, goGetError(fmt.Sprintf("%s: module configuration: %v", a, e.mods.err))
			}
			mod, version, _ := strings.Cut(a, "@")
			got, err := e.mods.r.Require(ctx, mod, version)
			if err != nil {
				if ctx.Err() != nil {
					return code, interrupted(0, 0)
				}
				return code, goGetError(err.Error())
			}
			fmt.Fprintf(&e.stderr, "go: added %s %s\n", got.Path, got.Version)
		}
	}
	return withoutGoGet(code), nil
}

// withoutGoGet blanks the %go get lines of a cell, so that the
// positions of the rest stay.
func withoutGoGet(code string) string {
	return goGetLine.ReplaceAllString(code, "")
}

func goGetError(msg string) *cellError {
	msg = "%go get: " + msg
	return newError(kindImport, msg, strings.Split(kindImport.String()+": "+msg, "\n")...)
}

// Preloaded reports whether the engine provides the package at
// importPath without fetching a module: compiled in (the standard
// library, gonum, gonum/plot, gokernel's own packages) or interpreted
// from the engine's source (slices, maps, iter).
func Preloaded(importPath string) bool {
	_, ok := packageNames()[importPath]
	return ok || slices.Contains(generic.Packages, importPath)
}

// docs returns the documentation of the fetched package that the name
// pkgName stands for in the cells, read from its source once.
func (e *Engine) fetchedDocs(pkgName string) ([]gomod.Doc, bool) {
	p, ok := e.pkgNames[pkgName]
	if !ok || !e.mods.fetched[p] {
		return nil, false
	}
	if d, ok := e.mods.docs[p]; ok {
		return d, true
	}
	d, err := e.mods.r.Docs(p)
	if err != nil {
		return nil, false
	}
	e.mods.docs[p] = d
	return d, true
}

// describeFetched is Inspect's text for a fetched package (parts[0]) or
// one of its members (pkg.Name, pkg.Type.Method), from its source.
func (e *Engine) describeFetched(parts []string, detail int) (string, bool) {
	docs, ok := e.fetchedDocs(parts[0])
	if !ok {
		return "", false
	}
	name := strings.Join(parts[1:], ".")
	for _, d := range docs {
		if d.Name != name {
			continue
		}
		decl := d.Decl
		if d.Kind == "package" {
			decl += fmt.Sprintf(" // import %q", e.pkgNames[parts[0]])
		}
		if d.Text == "" {
			return decl, true
		}
		return decl + "\n\n" + docText(d.Text, detail), true
	}
	return "", false
}

// fetchedMembers lists the exported members of the fetched package that
// pkgName stands for, for completion.
func (e *Engine) fetchedMembers(pkgName string) ([]candidate, bool) {
	docs, ok := e.fetchedDocs(pkgName)
	if !ok {
		return nil, false
	}
	var out []candidate
	for _, d := range docs {
		if d.Name != "" && d.Kind != "method" {
			out = append(out, candidate{d.Name, d.Kind})
		}
	}
	return out, true
}
