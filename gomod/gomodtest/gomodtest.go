// Package gomodtest serves the small modules of its testdata directory
// as a file-based Go module proxy, for offline tests of module fetching
// (package gomod, the engine, the kernel).
//
// The modules: example.com/greet v1.0.0 and v1.1.0 (two versions),
// example.com/shout v1.0.0 (requires greet v1.0.0, has an internal
// package), example.com/fastsum v1.0.0 (a func written in assembly) and
// example.com/cbind v1.0.0 (cgo): those two cannot be interpreted;
// example.com/gap v1.0.0 (a constant expression yaegi v0.16.1 rejects);
// example.com/modern v1.0.0 (range over an int, min, max, clear,
// per-iteration loop variables);
// example.com/initorder v1.0.0 (a variable initialised through a
// function that reads a variable of a later file).
package gomodtest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	"golang.org/x/mod/module"
	"golang.org/x/mod/sumdb/dirhash"
	modzip "golang.org/x/mod/zip"
)

// Module is a module version of the test proxy with its go.sum hashes.
type Module struct {
	Path, Version, ZipHash, ModHash string
}

// Proxy writes a module proxy of the testdata modules into a new
// temporary directory and returns its file:// URL (for GOPROXY) and the
// modules it serves.
func Proxy(t testing.TB) (url string, mods []Module) {
	t.Helper()
	url, mods, err := WriteProxy(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return url, mods
}

// WriteProxy writes a module proxy of the testdata modules into the
// directory root and returns its file:// URL and the modules it serves.
func WriteProxy(root string) (url string, mods []Module, err error) {
	_, self, _, ok := runtime.Caller(0)
	if !ok {
		return "", nil, errors.New("gomodtest: no source path")
	}
	src := filepath.Join(filepath.Dir(self), "testdata")
	lists := map[string][]string{}
	err = filepath.WalkDir(src, func(dir string, d os.DirEntry, err error) error {
		if err != nil || !d.IsDir() || !strings.Contains(d.Name(), "@") {
			return err
		}
		rel, _ := filepath.Rel(src, dir)
		p, v, _ := strings.Cut(filepath.ToSlash(rel), "@")
		m := Module{Path: p, Version: v}
		if m.ZipHash, m.ModHash, err = write(root, dir, module.Version{Path: p, Version: v}); err != nil {
			return err
		}
		mods = append(mods, m)
		lists[p] = append(lists[p], v)
		return filepath.SkipDir
	})
	if err != nil {
		return "", nil, err
	}
	for p, vs := range lists {
		sort.Strings(vs)
		if err := os.WriteFile(filepath.Join(root, p, "@v", "list"), []byte(strings.Join(vs, "\n")+"\n"), 0o644); err != nil {
			return "", nil, err
		}
	}
	return "file://" + filepath.ToSlash(root), mods, nil
}

// write puts the .info, .mod and .zip of module m, whose files are in
// dir, into the proxy at root.
func write(root, dir string, m module.Version) (zipHash, modHash string, err error) {
	vdir := filepath.Join(root, filepath.FromSlash(m.Path), "@v")
	if err := os.MkdirAll(vdir, 0o755); err != nil {
		return "", "", err
	}
	base := filepath.Join(vdir, m.Version)
	info := fmt.Sprintf(`{"Version":%q,"Time":"2024-01-02T03:04:05Z"}`, m.Version)
	if err := os.WriteFile(base+".info", []byte(info), 0o644); err != nil {
		return "", "", err
	}
	mod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		return "", "", err
	}
	if err := os.WriteFile(base+".mod", mod, 0o644); err != nil {
		return "", "", err
	}
	var zip bytes.Buffer
	if err := modzip.CreateFromDir(&zip, m, dir); err != nil {
		return "", "", err
	}
	if err := os.WriteFile(base+".zip", zip.Bytes(), 0o644); err != nil {
		return "", "", err
	}
	if zipHash, err = dirhash.HashZip(base+".zip", dirhash.DefaultHash); err != nil {
		return "", "", err
	}
	modHash, err = dirhash.DefaultHash([]string{"go.mod"}, func(string) (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(mod)), nil
	})
	return zipHash, modHash, err
}

// Env sets the go command's variables for a test against the proxy at
// url: a fresh module cache (returned), no checksum database, -mod=mod.
func Env(t *testing.T, url string) (cache string) {
	cache = t.TempDir()
	t.Setenv("GOPROXY", url)
	t.Setenv("GOMODCACHE", cache)
	t.Setenv("GOSUMDB", "off")
	t.Setenv("GOFLAGS", "-mod=mod")
	t.Setenv("GONOSUMDB", "")
	t.Setenv("GOPRIVATE", "")
	t.Setenv("GONOPROXY", "")
	return cache
}
