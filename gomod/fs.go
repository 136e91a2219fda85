package gomod

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// GoPath is the GOPATH to give the interpreter with the file system of
// FS (interp.Options{GoPath: gomod.GoPath, SourcecodeFilesystem:
// r.FS()}): it does not exist on disk.
const GoPath = "/gokernel-modules"

// FS is the source file system of the interpreter: GoPath/src/<import
// path> is the directory of a package that Import returned (or a package
// of the same module).
func (r *Resolver) FS() fs.FS { return sourceFS{r} }

type sourceFS struct{ r *Resolver }

// Open implements fs.FS for the paths the interpreter asks for.
func (s sourceFS) Open(name string) (fs.File, error) {
	rel, ok := strings.CutPrefix(filepath.ToSlash(name), GoPath+"/src/")
	if ok {
		if file := s.r.sourceFile(rel); file != "" {
			return os.Open(file)
		}
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// ReadDir implements fs.ReadDirFS: a package's files come in the order
// the interpreter must read them (see fileOrder).
func (s sourceFS) ReadDir(name string) ([]fs.DirEntry, error) {
	rel, ok := strings.CutPrefix(filepath.ToSlash(name), GoPath+"/src/")
	dir := ""
	if ok {
		dir = s.r.sourceFile(rel)
	}
	if dir == "" {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	s.r.mu.Lock()
	order := s.r.order[filepath.Clean(dir)]
	s.r.mu.Unlock()
	rank := map[string]int{}
	for i, n := range order {
		rank[n] = i + 1
	}
	sort.SliceStable(entries, func(i, j int) bool {
		ri, rj := rank[entries[i].Name()], rank[entries[j].Name()]
		return ri != 0 && (rj == 0 || ri < rj)
	})
	return entries, nil
}

// sourceFile maps a path under GoPath/src to the file in the module
// cache, or "".
func (r *Resolver) sourceFile(rel string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.mode == modVendor {
		if strings.HasPrefix(rel, "vendor/") {
			return ""
		}
		return filepath.Join(r.cfg.Dir, "vendor", filepath.FromSlash(rel))
	}
	for p := rel; p != "." && p != "/" && p != ""; p = path.Dir(p) {
		if dir, ok := r.dirs[p]; ok {
			return filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(rel[len(p):], "/")))
		}
	}
	return ""
}
