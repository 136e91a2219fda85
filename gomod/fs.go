package gomod

import (
	"bytes"
	"go/parser"
	"go/printer"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// GoPath is the GOPATH to give the interpreter with the file system of
// FS (interp.Options{GoPath: gomod.GoPath, SourcecodeFilesystem:
// r.FS()}): it does not exist on disk.
const GoPath = "/gokernel-modules"

// FS is the source file system of the interpreter: GoPath/src/<import
// path> is the directory of a package that Import returned (or a package
// of the same module). A package's files are listed in the order the
// interpreter must read them (see fileOrder), with BuiltinsFile when it
// needs it, and rewritten by Config.Rewrite.
func (r *Resolver) FS() fs.FS { return sourceFS{r} }

type sourceFS struct{ r *Resolver }

// Open implements fs.FS for the paths the interpreter asks for.
func (s sourceFS) Open(name string) (fs.File, error) {
	file := s.file(name)
	if file == "" {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	dir, base := filepath.Split(file)
	if base == BuiltinsFile {
		if src, ok := s.r.extraSource(dir); ok {
			return newMemFile(base, []byte(src)), nil
		}
	}
	if s.r.cfg.Rewrite != nil && strings.HasSuffix(base, ".go") && s.r.isPackageDir(dir) {
		if src, ok := s.r.rewritten(file); ok {
			return newMemFile(base, src), nil
		}
	}
	return os.Open(file)
}

// ReadDir implements fs.ReadDirFS.
func (s sourceFS) ReadDir(name string) ([]fs.DirEntry, error) {
	dir := s.file(name)
	if dir == "" {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	s.r.mu.Lock()
	order := s.r.order[filepath.Clean(dir)]
	_, extra := s.r.extra[filepath.Clean(dir)]
	s.r.mu.Unlock()
	rank := map[string]int{}
	for i, n := range order {
		rank[n] = i + 1
	}
	sort.SliceStable(entries, func(i, j int) bool {
		ri, rj := rank[entries[i].Name()], rank[entries[j].Name()]
		return ri != 0 && (rj == 0 || ri < rj)
	})
	if extra {
		entries = append([]fs.DirEntry{fs.FileInfoToDirEntry(memInfo{name: BuiltinsFile})}, entries...)
	}
	return entries, nil
}

// file maps a path of the interpreter to a file in the module cache, or "".
func (s sourceFS) file(name string) string {
	rel, ok := strings.CutPrefix(filepath.ToSlash(name), GoPath+"/src/")
	if !ok {
		return ""
	}
	return s.r.sourceFile(rel)
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

func (r *Resolver) extraSource(dir string) (string, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	src, ok := r.extra[filepath.Clean(dir)]
	return src, ok
}

func (r *Resolver) isPackageDir(dir string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	_, ok := r.order[filepath.Clean(dir)]
	return ok
}

// rewritten is file after Config.Rewrite, printed with //line comments
// that keep its positions; false when it does not parse (the interpreter
// then reports the error on the file itself).
func (r *Resolver) rewritten(file string) ([]byte, bool) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, nil, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, false
	}
	r.cfg.Rewrite(f)
	var buf bytes.Buffer
	cfg := printer.Config{Mode: printer.UseSpaces | printer.TabIndent | printer.SourcePos, Tabwidth: 8}
	if err := cfg.Fprint(&buf, fset, f); err != nil {
		return nil, false
	}
	return buf.Bytes(), true
}

// memFile is a file served from memory.
type memFile struct {
	*bytes.Reader
	info memInfo
}

func newMemFile(name string, data []byte) *memFile {
	return &memFile{Reader: bytes.NewReader(data), info: memInfo{name: name, size: int64(len(data))}}
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *memFile) Close() error               { return nil }

// memInfo describes a memFile.
type memInfo struct {
	name string
	size int64
}

func (i memInfo) Name() string       { return i.name }
func (i memInfo) Size() int64        { return i.size }
func (i memInfo) Mode() fs.FileMode  { return 0o444 }
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return false }
func (i memInfo) Sys() any           { return nil }
