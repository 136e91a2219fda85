package gomod

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"
	"golang.org/x/mod/sumdb/dirhash"
	modzip "golang.org/x/mod/zip"
)

// The module cache has the go command's layout (GOMODCACHE): a module
// cache that `go mod download` filled serves gokernel too, and back.
//
//	cache/download/<module>/@v/<version>.{info,mod,zip,ziphash}
//	<module>@<version>/   the extracted zip

// downloadPath is the cache file of module m with the given extension.
func (r *Resolver) downloadPath(m module.Version, ext string) (string, error) {
	esc, err := module.EscapePath(m.Path)
	if err != nil {
		return "", err
	}
	ev, err := module.EscapeVersion(m.Version)
	if err != nil {
		return "", err
	}
	return filepath.Join(r.cfg.Cache, "cache", "download", filepath.FromSlash(esc), "@v", ev+ext), nil
}

// extractedDir is the directory the zip of m is extracted to.
func (r *Resolver) extractedDir(m module.Version) (string, error) {
	esc, err := module.EscapePath(m.Path)
	if err != nil {
		return "", err
	}
	ev, err := module.EscapeVersion(m.Version)
	if err != nil {
		return "", err
	}
	return filepath.Join(r.cfg.Cache, filepath.FromSlash(esc)+"@"+ev), nil
}

// extracted reports whether the zip of m is extracted in the cache, whole.
func (r *Resolver) extracted(m module.Version) (string, bool) {
	dir, err := r.extractedDir(m)
	if err != nil {
		return "", false
	}
	if _, err := os.Stat(dir + ".partial"); err == nil {
		return dir, false
	}
	fi, err := os.Stat(dir)
	return dir, err == nil && fi.IsDir()
}

// cachedVersions lists the versions of module modPath extracted in the
// cache, highest first.
func (r *Resolver) cachedVersions(modPath string) []string {
	esc, err := module.EscapePath(modPath)
	if err != nil || r.cfg.Cache == "" {
		return nil
	}
	parent, base := filepath.Split(filepath.Join(r.cfg.Cache, filepath.FromSlash(esc)))
	entries, err := os.ReadDir(parent)
	if err != nil {
		return nil
	}
	var vs []string
	for _, e := range entries {
		ev, ok := strings.CutPrefix(e.Name(), base+"@")
		if !ok || !e.IsDir() {
			continue
		}
		v, err := module.UnescapeVersion(ev)
		if err != nil || !semver.IsValid(v) {
			continue
		}
		if _, ok := r.extracted(module.Version{Path: modPath, Version: v}); ok {
			vs = append(vs, v)
		}
	}
	semver.Sort(vs)
	for i, j := 0, len(vs)-1; i < j; i, j = i+1, j-1 {
		vs[i], vs[j] = vs[j], vs[i]
	}
	return vs
}

// goMod returns the go.mod of m: from the cache, else from the proxy
// (checked, then cached).
func (r *Resolver) goMod(ctx context.Context, m module.Version) ([]byte, error) {
	file, err := r.downloadPath(m, ".mod")
	if err != nil {
		return nil, err
	}
	if data, err := os.ReadFile(file); err == nil {
		return data, r.checkSum(ctx, m, "/go.mod", goModHash(data), false)
	}
	data, err := r.proxyGet(ctx, m.Path, "@v/"+filepath.Base(file))
	if err != nil {
		return nil, fmt.Errorf("%s@%s: go.mod: %w", m.Path, m.Version, err)
	}
	if err := r.checkSum(ctx, m, "/go.mod", goModHash(data), true); err != nil {
		return nil, err
	}
	return data, writeFile(file, data)
}

// goModHash is the go.sum hash of a go.mod file.
func goModHash(data []byte) string {
	h, err := dirhash.DefaultHash([]string{"go.mod"}, func(string) (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(data)), nil
	})
	if err != nil {
		panic(err) // reading from memory does not fail
	}
	return h
}

// download returns the directory of module m, extracted in the cache,
// downloading and checking its zip first if needed.
func (r *Resolver) download(ctx context.Context, m module.Version) (string, error) {
	dir, ok := r.extracted(m)
	if ok {
		if hash, err := os.ReadFile(r.mustPath(m, ".ziphash")); err == nil {
			if err := r.checkSum(ctx, m, "", strings.TrimSpace(string(hash)), false); err != nil {
				return "", err
			}
		}
		return dir, nil
	}
	zipFile, err := r.downloadPath(m, ".zip")
	if err != nil {
		return "", err
	}
	data, err := r.proxyGet(ctx, m.Path, "@v/"+filepath.Base(zipFile))
	if err != nil {
		return "", fmt.Errorf("%s@%s: %w", m.Path, m.Version, err)
	}
	r.progress(fmt.Sprintf("go: downloading %s %s (%s)", m.Path, m.Version, size(len(data))))
	if err := writeFile(zipFile+".tmp", data); err != nil {
		return "", err
	}
	defer os.Remove(zipFile + ".tmp")
	hash, err := dirhash.HashZip(zipFile+".tmp", dirhash.DefaultHash)
	if err != nil {
		return "", fmt.Errorf("%s@%s: not a module zip: %w", m.Path, m.Version, err)
	}
	if err := r.checkSum(ctx, m, "", hash, true); err != nil {
		return "", err
	}
	if err := os.Rename(zipFile+".tmp", zipFile); err != nil {
		return "", err
	}
	if err := writeFile(r.mustPath(m, ".ziphash"), []byte(hash+"\n")); err != nil {
		return "", err
	}
	return dir, r.extract(m, zipFile, dir)
}

// extract unzips the module zip into dir, marking dir partial meanwhile
// as the go command does.
func (r *Resolver) extract(m module.Version, zipFile, dir string) error {
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(dir+".partial", nil, 0o644); err != nil {
		return err
	}
	os.RemoveAll(dir)
	if err := modzip.Unzip(dir, m, zipFile); err != nil {
		os.RemoveAll(dir)
		return fmt.Errorf("%s@%s: extracting: %w", m.Path, m.Version, err)
	}
	return os.Remove(dir + ".partial")
}

func (r *Resolver) mustPath(m module.Version, ext string) string {
	p, _ := r.downloadPath(m, ext)
	return p
}

// writeFile writes data to file through a temporary file and a rename,
// so that a reader never sees half of it.
func writeFile(file string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), filepath.Base(file)+".*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), file)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("writing the module cache: %w", err)
	}
	return nil
}

// size formats a byte count as the go command's users read it.
func size(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
