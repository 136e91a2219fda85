package gomod

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
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
