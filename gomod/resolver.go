package gomod

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"
)

// Resolver finds the module that provides an import path, downloads it
// and the modules it needs into the module cache, checks their hashes,
// and serves their source to the interpreter (FS). It never runs the go
// command. Its methods may be called from several goroutines.
type Resolver struct {
	cfg     Config
	mode    modMode
	proxies []proxyEntry
	noProxy string // GONOPROXY, else GOPRIVATE
	noSumDB string // GONOSUMDB and GOPRIVATE
	db      *sumDB
	mainMod string // module path of Dir's go.mod, if any
	// replaceDirs and replaceMods are the replace directives of Dir's
	// go.mod: module path -> directory, or -> module version.
	replaceDirs map[string]string
	replaceMods map[string]module.Version

	mu       sync.Mutex
	roots    map[string]string   // module -> version the notebook requires
	pinned   map[string]bool     // roots from go.mod or Require, which imports do not change
	selected map[string]string   // the build list: module -> version
	dirs     map[string]string   // module -> directory, for the modules packages were read from
	loaded   map[string]string   // module -> version of dirs
	packages map[string]*Package // import path -> package read
	order    map[string][]string // package directory -> its files in reading order
	extra    map[string]string   // package directory -> source of its BuiltinsFile

	sumMu sync.Mutex
	sums  map[string]string // go.sum lines: "module version[/go.mod]" -> hash
}

// Package is a package that a module provides, read and checked.
type Package struct {
	ImportPath string
	Name       string         // the name its files declare
	Dir        string         // its directory in the module cache
	Module     module.Version // the module that provides it
}

// New returns a Resolver for cfg. A go.mod in cfg.Dir pins the versions
// it requires, and its go.sum the hashes it lists; the packages of the
// go.mod's own module are read from cfg.Dir.
func New(cfg Config) (*Resolver, error) {
	r := &Resolver{
		cfg:      cfg,
		roots:    map[string]string{},
		pinned:   map[string]bool{},
		selected: map[string]string{},
		dirs:     map[string]string{},
		loaded:   map[string]string{},
		packages: map[string]*Package{},
		order:    map[string][]string{},
		extra:    map[string]string{},
		sums:     map[string]string{},

		replaceDirs: map[string]string{},
		replaceMods: map[string]module.Version{},
	}
	var err error
	if r.mode, err = cfg.mode(); err != nil {
		return nil, err
	}
	if r.proxies, err = parseProxy(cfg.Proxy); err != nil {
		return nil, err
	}
	r.noProxy = cfg.NoProxy
	if r.noProxy == "" {
		r.noProxy = cfg.Private
	}
	r.noSumDB = strings.Trim(cfg.NoSumDB+","+cfg.Private, ",")
	if r.db, err = newSumDB(r, cfg.SumDB); err != nil {
		return nil, err
	}
	if cfg.Cache == "" && r.mode != modVendor {
		return nil, errors.New("no module cache: set GOMODCACHE or GOPATH")
	}
	if err := r.readGoMod(); err != nil {
		return nil, err
	}
	return r, nil
}

// readGoMod takes the requirements of Dir's go.mod and the hashes of its
// go.sum.
func (r *Resolver) readGoMod() error {
	if err := r.readGoSum(); err != nil {
		return err
	}
	file := filepath.Join(r.cfg.Dir, "go.mod")
	data, err := os.ReadFile(file)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	f, err := modfile.Parse(file, data, nil)
	if err != nil {
		return err
	}
	if f.Module != nil {
		r.mainMod = f.Module.Mod.Path
		r.dirs[r.mainMod] = r.cfg.Dir
	}
	for _, req := range f.Require {
		r.roots[req.Mod.Path] = req.Mod.Version
		r.pinned[req.Mod.Path] = true
	}
	for _, rep := range f.Replace {
		if rep.New.Version == "" {
			dir := filepath.FromSlash(rep.New.Path)
			if !filepath.IsAbs(dir) {
				dir = filepath.Join(r.cfg.Dir, dir)
			}
			r.replaceDirs[rep.Old.Path] = dir
		} else {
			r.replaceMods[rep.Old.Path] = rep.New
		}
	}
	return nil
}

// replacement is the module whose files stand for m (replace directives
// of Dir's go.mod), m itself otherwise.
func (r *Resolver) replacement(m module.Version) module.Version {
	if rep, ok := r.replaceMods[m.Path]; ok {
		return rep
	}
	return m
}

// readGoSum takes the hashes of Dir's go.sum.
func (r *Resolver) readGoSum() error {
	file := filepath.Join(r.cfg.Dir, "go.sum")
	sum, err := os.ReadFile(file)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	for i, line := range strings.Split(string(sum), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if len(f) != 3 {
			return fmt.Errorf("%s:%d: malformed go.sum line", file, i+1)
		}
		r.sums[f[0]+" "+f[1]] = f[2]
	}
	return nil
}

// Require pins module path at version (a version, "latest" or "none"
// to drop the pin), as `go get path@version` does: later imports of its
// packages use that version. A module whose packages were already
// read stays at its version until the interpreter restarts.
func (r *Resolver) Require(ctx context.Context, modPath, version string) (module.Version, error) {
	if err := module.CheckPath(modPath); err != nil {
		return module.Version{}, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if version == "none" {
		delete(r.roots, modPath)
		delete(r.pinned, modPath)
		return module.Version{Path: modPath, Version: "none"}, nil
	}
	if r.mode == modVendor {
		return module.Version{}, errors.New("-mod=vendor (GOFLAGS): packages come from the vendor directory only")
	}
	switch {
	case version == "" || version == "latest":
		v, err := r.latest(ctx, modPath)
		if err != nil {
			return module.Version{}, err
		}
		version = v
	case !semver.IsValid(version) || semver.Canonical(version) != version && !strings.Contains(version, "+incompatible"):
		return module.Version{}, fmt.Errorf("%s@%s: not a full semantic version (want vX.Y.Z or latest)", modPath, version)
	}
	m := module.Version{Path: modPath, Version: version}
	if v, ok := r.loaded[modPath]; ok && v != version {
		return m, fmt.Errorf("%s is loaded at %s already: restart the kernel and pin it before the first import of its packages", modPath, v)
	}
	roots := clone(r.roots)
	roots[modPath] = version
	sel, err := r.buildList(ctx, roots)
	if err != nil {
		return m, err
	}
	if err := r.checkLoaded(sel); err != nil {
		return m, err
	}
	r.roots, r.selected = roots, sel
	r.pinned[modPath] = true
	if sel[modPath] != version {
		r.progress(fmt.Sprintf("go: %s@%s is required; %s selected (a dependency requires it)", modPath, version, sel[modPath]))
	}
	return module.Version{Path: modPath, Version: sel[modPath]}, nil
}

// checkLoaded fails when a new build list changes the version of a
// module whose packages the interpreter read already.
func (r *Resolver) checkLoaded(sel map[string]string) error {
	for p, v := range r.loaded {
		if sel[p] != v && sel[p] != "" && p != r.mainMod {
			return fmt.Errorf("this needs %s@%s, but %s is loaded already: restart the kernel (import the packages in an order that asks for the higher version first, or pin it with %%go get)", p, sel[p], v)
		}
	}
	return nil
}

// Import returns the package at importPath, from the module that
// provides it in the build list, else (unless GOFLAGS has -mod=readonly
// or -mod=vendor) from the latest version of the module found through
// the proxy, or in the module cache, whichever answers first: the cache,
// so that a pre-filled cache works offline. The packages it imports are
// fetched and checked too; a package the interpreter cannot run gives a
// *CannotInterpretError.
func (r *Resolver) Import(ctx context.Context, importPath string) (*Package, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.importPkg(ctx, importPath, nil)
}

// importPkg imports a package and, first, the packages it imports. stack
// holds the importers (for messages).
func (r *Resolver) importPkg(ctx context.Context, importPath string, stack []string) (*Package, error) {
	if pkg, ok := r.packages[importPath]; ok {
		return pkg, nil
	}
	if err := module.CheckImportPath(importPath); err != nil {
		return nil, err
	}
	pkg, err := r.find(ctx, importPath)
	if err != nil {
		if len(stack) > 0 {
			err = fmt.Errorf("%w (imported by %s)", err, strings.Join(stack, " <- "))
		}
		return nil, err
	}
	where := pkg.Module.Path + "@" + pkg.Module.Version + strings.TrimPrefix(importPath, pkg.Module.Path)
	if pkg.Module.Version == "" {
		where = filepath.Join(pkg.Dir)
	}
	src, err := readPackage(importPath, pkg.Dir, where)
	if err != nil {
		return nil, err
	}
	pkg.Name = src.name
	r.packages[importPath] = pkg
	r.order[filepath.Clean(pkg.Dir)] = src.order
	if src.extra != "" {
		r.extra[filepath.Clean(pkg.Dir)] = src.extra
	}
	for _, imp := range src.imports {
		if r.known(imp) {
			continue
		}
		if _, err := r.importPkg(ctx, imp, append([]string{importPath}, stack...)); err != nil {
			delete(r.packages, importPath)
			return nil, err
		}
	}
	return pkg, nil
}

// known reports whether an import path needs no module.
func (r *Resolver) known(p string) bool {
	if r.cfg.Known != nil && r.cfg.Known(p) {
		return true
	}
	first, _, _ := strings.Cut(p, "/")
	return !strings.Contains(first, ".")
}

// find locates the package directory of importPath.
func (r *Resolver) find(ctx context.Context, importPath string) (*Package, error) {
	if r.mode == modVendor {
		dir := filepath.Join(r.cfg.Dir, "vendor", filepath.FromSlash(importPath))
		if _, err := os.Stat(dir); err != nil {
			return nil, fmt.Errorf("package %s is not in %s (-mod=vendor in GOFLAGS)", importPath, filepath.Join(r.cfg.Dir, "vendor"))
		}
		return &Package{ImportPath: importPath, Dir: dir}, nil
	}
	if r.mainMod != "" && (importPath == r.mainMod || strings.HasPrefix(importPath, r.mainMod+"/")) {
		dir := filepath.Join(r.cfg.Dir, filepath.FromSlash(strings.TrimPrefix(importPath, r.mainMod)))
		return &Package{ImportPath: importPath, Dir: dir, Module: module.Version{Path: r.mainMod}}, nil
	}
	for p := importPath; p != "."; p = path.Dir(p) {
		if root, ok := r.replaceDirs[p]; ok {
			r.dirs[p] = root
			dir := filepath.Join(root, filepath.FromSlash(strings.TrimPrefix(importPath, p)))
			if _, err := os.Stat(dir); err != nil {
				return nil, fmt.Errorf("package %s: %w (go.mod replaces %s with %s)", importPath, err, p, root)
			}
			return &Package{ImportPath: importPath, Dir: dir, Module: module.Version{Path: p}}, nil
		}
	}
	if len(r.selected) == 0 && len(r.roots) > 0 {
		sel, err := r.buildList(ctx, r.roots)
		if err != nil {
			return nil, err
		}
		r.selected = sel
	}
	// The longest module path of the build list that has the package.
	for p := importPath; p != "."; p = path.Dir(p) {
		if v, ok := r.selected[p]; ok {
			if pkg, err := r.inModule(ctx, module.Version{Path: p, Version: v}, importPath); err != nil || pkg != nil {
				return pkg, err
			}
		}
	}
	if r.mode == modReadonly {
		return nil, fmt.Errorf("no required module provides package %s; GOFLAGS has -mod=readonly: require it in go.mod or with %%go get", importPath)
	}
	// Not in the build list: the longest module path that has it.
	var tried []string
	for p := importPath; p != "."; p = path.Dir(p) {
		if _, ok := r.selected[p]; ok {
			continue
		}
		if first, _, _ := strings.Cut(p, "/"); !strings.Contains(first, ".") {
			break
		}
		v, err := r.latest(ctx, p)
		if errors.Is(err, errNotFound) {
			tried = append(tried, p)
			continue
		}
		if err != nil {
			return nil, err
		}
		roots := clone(r.roots)
		roots[p] = v
		sel, err := r.buildList(ctx, roots)
		if err != nil {
			return nil, err
		}
		pkg, err := r.inModule(ctx, module.Version{Path: p, Version: sel[p]}, importPath)
		if err != nil {
			return nil, err
		}
		if pkg == nil {
			tried = append(tried, p+"@"+sel[p])
			continue
		}
		if err := r.checkLoaded(sel); err != nil {
			return nil, err
		}
		r.roots, r.selected = roots, sel
		return pkg, nil
	}
	return nil, fmt.Errorf("no module provides package %s (tried %s)", importPath, strings.Join(tried, ", "))
}

// inModule returns the package importPath of module m, downloading m, or
// nil when m has no such directory.
func (r *Resolver) inModule(ctx context.Context, m module.Version, importPath string) (*Package, error) {
	if v, ok := r.loaded[m.Path]; ok {
		m.Version = v
	}
	dir, err := r.download(ctx, r.replacement(m))
	if err != nil {
		return nil, err
	}
	pkgDir := filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(strings.TrimPrefix(importPath, m.Path), "/")))
	if fi, err := os.Stat(pkgDir); err != nil || !fi.IsDir() {
		return nil, nil
	}
	r.dirs[m.Path] = dir
	r.loaded[m.Path] = m.Version
	return &Package{ImportPath: importPath, Dir: pkgDir, Module: m}, nil
}

// latest is the version of modPath to use when nothing pins it: the
// version of Config.Versions, else the highest in the module cache, else
// the proxy's latest release (else its latest pre-release, else its
// @latest).
func (r *Resolver) latest(ctx context.Context, modPath string) (string, error) {
	if v, ok := r.cfg.Versions[modPath]; ok {
		return v, nil
	}
	if vs := r.cachedVersions(modPath); len(vs) > 0 {
		return vs[0], nil
	}
	data, err := r.proxyGet(ctx, modPath, "@v/list")
	if err != nil {
		return "", err
	}
	var release, pre []string
	for _, v := range strings.Fields(string(data)) {
		switch {
		case !semver.IsValid(v) || module.IsPseudoVersion(v):
		case semver.Prerelease(v) == "":
			release = append(release, v)
		default:
			pre = append(pre, v)
		}
	}
	for _, vs := range [][]string{release, pre} {
		if len(vs) > 0 {
			sort.Slice(vs, func(i, j int) bool { return semver.Compare(vs[i], vs[j]) > 0 })
			return vs[0], nil
		}
	}
	data, err = r.proxyGet(ctx, modPath, "@latest")
	if err != nil {
		return "", err
	}
	var info struct{ Version string }
	if err := json.Unmarshal(data, &info); err != nil || !semver.IsValid(info.Version) {
		return "", fmt.Errorf("%s: the proxy's @latest is not a version: %q", modPath, data)
	}
	return info.Version, nil
}

func (r *Resolver) progress(msg string) {
	if r.cfg.Progress != nil {
		r.cfg.Progress(msg)
	}
}

func clone(m map[string]string) map[string]string {
	c := make(map[string]string, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}
