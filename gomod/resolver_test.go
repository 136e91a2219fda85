package gomod_test

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"go/ast"
	"io/fs"
	"net"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/gomod"
	"github.com/gokernel/gokernel/gomod/gomodtest"
	"golang.org/x/mod/sumdb"
	"golang.org/x/mod/sumdb/note"
)

// fixture is a resolver over the test proxy with a fresh cache.
type fixture struct {
	proxy    string
	mods     []gomodtest.Module
	cfg      gomod.Config
	progress []string
}

func newFixture(t *testing.T) *fixture {
	f := &fixture{}
	f.proxy, f.mods = gomodtest.Proxy(t)
	f.cfg = gomod.Config{Proxy: f.proxy, SumDB: "off", Cache: t.TempDir(), Dir: t.TempDir()}
	f.cfg.Progress = func(msg string) { f.progress = append(f.progress, msg) }
	return f
}

func (f *fixture) resolver(t *testing.T) *gomod.Resolver {
	t.Helper()
	r, err := gomod.New(f.cfg)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func (f *fixture) module(path, version string) gomodtest.Module {
	for _, m := range f.mods {
		if m.Path == path && m.Version == version {
			return m
		}
	}
	panic("no test module " + path + "@" + version)
}

// readSource reads a file of a package through the interpreter's file system.
func readSource(t *testing.T, r *gomod.Resolver, importPath, file string) string {
	t.Helper()
	data, err := fs.ReadFile(r.FS(), gomod.GoPath+"/src/"+importPath+"/"+file)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestImportFetchesLatestVersion(t *testing.T) {
	f := newFixture(t)
	r := f.resolver(t)
	pkg, err := r.Import(context.Background(), "example.com/greet")
	if err != nil {
		t.Fatal(err)
	}
	if pkg.Name != "greet" || pkg.Module.Version != "v1.1.0" {
		t.Fatalf("got %s from %v, want greet from v1.1.0", pkg.Name, pkg.Module)
	}
	if len(f.progress) != 1 || !strings.HasPrefix(f.progress[0], "go: downloading example.com/greet v1.1.0 (") {
		t.Fatalf("progress %q", f.progress)
	}
	if src := readSource(t, r, "example.com/greet", "greet.go"); !strings.Contains(src, `"v1.1.0"`) {
		t.Fatalf("greet.go through FS:\n%s", src)
	}
	if _, err := fs.Stat(r.FS(), gomod.GoPath+"/src/vendor/example.com/greet"); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("vendor path: %v", err)
	}
	// Again: nothing downloaded.
	if _, err := r.Import(context.Background(), "example.com/greet"); err != nil || len(f.progress) != 1 {
		t.Fatalf("second import: %v, progress %q", err, f.progress)
	}
}

func TestImportFetchesDependencyByMinimalVersionSelection(t *testing.T) {
	f := newFixture(t)
	r := f.resolver(t)
	pkg, err := r.Import(context.Background(), "example.com/shout")
	if err != nil {
		t.Fatal(err)
	}
	if pkg.Module.Version != "v1.0.0" {
		t.Fatalf("shout %v", pkg.Module)
	}
	// shout requires greet v1.0.0: that version, though v1.1.0 exists.
	if src := readSource(t, r, "example.com/greet", "greet.go"); !strings.Contains(src, `"v1.0.0"`) {
		t.Fatalf("greet.go:\n%s", src)
	}
	if got := strings.Join(f.progress, "\n"); !strings.Contains(got, "example.com/shout v1.0.0") || !strings.Contains(got, "example.com/greet v1.0.0") {
		t.Fatalf("progress %q", f.progress)
	}
	if _, err := r.Import(context.Background(), "example.com/shout/internal/bang"); err != nil {
		t.Fatal(err)
	}
}

func TestImportFromCacheOffline(t *testing.T) {
	f := newFixture(t)
	if _, err := f.resolver(t).Import(context.Background(), "example.com/shout"); err != nil {
		t.Fatal(err)
	}
	f.progress = nil
	f.cfg.Proxy = "off"
	r := f.resolver(t)
	pkg, err := r.Import(context.Background(), "example.com/shout")
	if err != nil {
		t.Fatal(err)
	}
	if pkg.Module.Version != "v1.0.0" || len(f.progress) != 0 {
		t.Fatalf("%v, progress %q", pkg.Module, f.progress)
	}
	// A module never fetched is not there offline.
	_, err = r.Import(context.Background(), "example.com/fastsum")
	if err == nil || !strings.Contains(err.Error(), "module lookup disabled by GOPROXY=off") {
		t.Fatalf("got %v", err)
	}
}

func TestRequirePinsVersion(t *testing.T) {
	f := newFixture(t)
	r := f.resolver(t)
	if _, err := r.Require(context.Background(), "example.com/greet", "v9.9.9"); err == nil || !strings.Contains(err.Error(), "not found") {
		t.Fatalf("got %v", err)
	}
	m, err := r.Require(context.Background(), "example.com/greet", "v1.0.0")
	if err != nil || m.Version != "v1.0.0" {
		t.Fatalf("%v %v", m, err)
	}
	pkg, err := r.Import(context.Background(), "example.com/greet")
	if err != nil || pkg.Module.Version != "v1.0.0" {
		t.Fatalf("%v %v", pkg, err)
	}
	// Loaded: another version needs a restart.
	if _, err := r.Require(context.Background(), "example.com/greet", "v1.1.0"); err == nil || !strings.Contains(err.Error(), "restart the kernel") {
		t.Fatalf("got %v", err)
	}
	if _, err := r.Require(context.Background(), "example.com/greet", "v1"); err == nil || !strings.Contains(err.Error(), "not a full semantic version") {
		t.Fatalf("got %v", err)
	}
}

func TestGoModBesideNotebookPins(t *testing.T) {
	f := newFixture(t)
	gomodFile := "module example.com/course\n\ngo 1.21\n\nrequire example.com/greet v1.0.0\n"
	os.WriteFile(filepath.Join(f.cfg.Dir, "go.mod"), []byte(gomodFile), 0o644)
	os.MkdirAll(filepath.Join(f.cfg.Dir, "util"), 0o755)
	os.WriteFile(filepath.Join(f.cfg.Dir, "util", "util.go"), []byte("package util\n\nimport \"example.com/greet\"\n\nvar V = greet.Version\n"), 0o644)
	r := f.resolver(t)
	pkg, err := r.Import(context.Background(), "example.com/course/util")
	if err != nil || pkg.Name != "util" {
		t.Fatalf("%v %v", pkg, err)
	}
	if src := readSource(t, r, "example.com/greet", "greet.go"); !strings.Contains(src, `"v1.0.0"`) {
		t.Fatalf("greet.go:\n%s", src)
	}
	if src := readSource(t, r, "example.com/course/util", "util.go"); !strings.Contains(src, "greet.Version") {
		t.Fatalf("util.go:\n%s", src)
	}
}

func TestCannotInterpret(t *testing.T) {
	for _, tc := range []struct{ path, file, reason string }{
		{"example.com/fastsum", "example.com/fastsum@v1.0.0/sum.go:5", "func Sum has no Go body (it is written in assembly)"},
		{"example.com/cbind", "example.com/cbind@v1.0.0/cbind.go:5", `uses cgo (import "C")`},
	} {
		f := newFixture(t)
		_, err := f.resolver(t).Import(context.Background(), tc.path)
		var ce *gomod.CannotInterpretError
		if !errors.As(err, &ce) || ce.ImportPath != tc.path || ce.File != tc.file || ce.Reason != tc.reason {
			t.Fatalf("%s: got %v", tc.path, err)
		}
		if !strings.HasPrefix(err.Error(), "package "+tc.path+" cannot be interpreted: "+tc.file) {
			t.Fatalf("message %q", err)
		}
	}
}

func TestBadChecksum(t *testing.T) {
	f := newFixture(t)
	good := f.module("example.com/greet", "v1.1.0")
	bad := strings.Replace(good.ZipHash, good.ZipHash[3:7], "AAAA", 1)
	sum := fmt.Sprintf("example.com/greet v1.1.0 %s\nexample.com/greet v1.1.0/go.mod %s\n", bad, good.ModHash)
	os.WriteFile(filepath.Join(f.cfg.Dir, "go.sum"), []byte(sum), 0o644)
	_, err := f.resolver(t).Import(context.Background(), "example.com/greet")
	if err == nil || !strings.Contains(err.Error(), "verifying example.com/greet@v1.1.0: checksum mismatch") || !strings.Contains(err.Error(), bad) {
		t.Fatalf("got %v", err)
	}
	// The right hash passes.
	os.WriteFile(filepath.Join(f.cfg.Dir, "go.sum"), []byte(strings.Replace(sum, bad, good.ZipHash, 1)), 0o644)
	if _, err := f.resolver(t).Import(context.Background(), "example.com/greet"); err != nil {
		t.Fatal(err)
	}
}

func TestProxyUnreachable(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	f := newFixture(t)
	f.cfg.Proxy = "http://" + addr
	_, err = f.resolver(t).Import(context.Background(), "example.com/greet")
	if err == nil || !strings.Contains(err.Error(), "cannot reach the module proxy") {
		t.Fatalf("got %v", err)
	}
}

func TestProxySettings(t *testing.T) {
	for _, tc := range []struct {
		name string
		set  func(*gomod.Config)
		want string
	}{
		{"direct", func(c *gomod.Config) { c.Proxy = "direct" }, "GOPROXY reached direct, which gokernel does not support"},
		{"not found, then direct", func(c *gomod.Config) { c.Proxy += "/nothing-here,direct" }, "no module provides package example.com/greet (tried example.com/greet, example.com)"},
		{"off", func(c *gomod.Config) { c.Proxy = "off" }, "module lookup disabled by GOPROXY=off"},
		{"private", func(c *gomod.Config) { c.Private = "example.com/*" }, "module example.com/greet is private (GOPRIVATE/GONOPROXY)"},
		{"readonly", func(c *gomod.Config) { c.Flags = "-mod=readonly" }, "no required module provides package example.com/greet; GOFLAGS has -mod=readonly"},
		{"vendor", func(c *gomod.Config) { c.Flags = "-mod=vendor" }, "package example.com/greet is not in"},
		{"not a module", func(c *gomod.Config) {}, "no module provides package example.com/nothing/here (tried example.com/nothing/here, example.com/nothing, example.com)"},
	} {
		f := newFixture(t)
		tc.set(&f.cfg)
		path := "example.com/greet"
		if tc.name == "not a module" {
			path = "example.com/nothing/here"
		}
		_, err := f.resolver(t).Import(context.Background(), path)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %q", tc.name, err, tc.want)
		}
	}
	// A proxy list falls through "not found" to the next proxy.
	f := newFixture(t)
	f.cfg.Proxy = f.proxy + "/nothing-here," + f.proxy
	if _, err := f.resolver(t).Import(context.Background(), "example.com/greet"); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []gomod.Config{{Proxy: "ftp://x"}, {Proxy: "off", Flags: "-mod=weird"}, {Proxy: "off", SumDB: "my.db"}} {
		if bad.Cache == "" {
			bad.Cache = t.TempDir()
		}
		if _, err := gomod.New(bad); err == nil {
			t.Errorf("%+v: no error", bad)
		}
	}
}

func TestVendorDirectory(t *testing.T) {
	f := newFixture(t)
	f.cfg.Flags = "-mod=vendor"
	dir := filepath.Join(f.cfg.Dir, "vendor", "example.com", "v")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "v.go"), []byte("package v\n\nconst X = 1\n"), 0o644)
	r := f.resolver(t)
	if _, err := r.Import(context.Background(), "example.com/v"); err != nil {
		t.Fatal(err)
	}
	if src := readSource(t, r, "example.com/v", "v.go"); !strings.Contains(src, "X = 1") {
		t.Fatal(src)
	}
}

// TestChecksumDatabase checks downloads against a checksum database
// served over loopback: the right hashes pass, a tampered module fails.
func TestChecksumDatabase(t *testing.T) {
	f := newFixture(t)
	skey, vkey, err := note.GenerateKey(rand.Reader, "sumdb.test")
	if err != nil {
		t.Fatal(err)
	}
	tamper := false
	gosum := func(path, vers string) ([]byte, error) {
		for _, m := range f.mods {
			if m.Path == path && m.Version == vers {
				h := m.ZipHash
				if tamper {
					h = f.module("example.com/greet", "v1.0.0").ZipHash
				}
				return []byte(fmt.Sprintf("%s %s %s\n%s %s/go.mod %s\n", path, vers, h, path, vers, m.ModHash)), nil
			}
		}
		return nil, os.ErrNotExist
	}
	srv := httptest.NewServer(sumdb.NewServer(sumdb.NewTestServer(skey, gosum)))
	defer srv.Close()
	f.cfg.SumDB = vkey + " " + srv.URL
	if _, err := f.resolver(t).Import(context.Background(), "example.com/shout"); err != nil {
		t.Fatal(err)
	}
	f.cfg.Cache = t.TempDir()
	tamper = true
	_, err = f.resolver(t).Import(context.Background(), "example.com/greet")
	if err == nil || !strings.Contains(err.Error(), "verifying example.com/greet@v1.1.0: checksum mismatch") || !strings.Contains(err.Error(), "sumdb.test:") {
		t.Fatalf("got %v", err)
	}
	// Exempt by GONOSUMDB: no check.
	f.cfg.NoSumDB = "example.com/greet"
	if _, err := f.resolver(t).Import(context.Background(), "example.com/greet"); err != nil {
		t.Fatal(err)
	}
}

// TestFSOrdersFilesForInitialisation: b.go declares the variable that
// a.go's initialiser reads through a function, so b.go is read first.
func TestFSOrdersFilesForInitialisation(t *testing.T) {
	f := newFixture(t)
	r := f.resolver(t)
	if _, err := r.Import(context.Background(), "example.com/initorder"); err != nil {
		t.Fatal(err)
	}
	entries, err := fs.ReadDir(r.FS(), gomod.GoPath+"/src/example.com/initorder")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if got := strings.Join(names, " "); got != "b.go a.go go.mod" {
		t.Fatalf("order %q", got)
	}
}

// TestFSAddsBuiltinsAndRewrites: a package calling min, max and clear
// gets BuiltinsFile declaring them; Config.Rewrite sees every Go file,
// printed back with //line comments that keep its positions.
func TestFSAddsBuiltinsAndRewrites(t *testing.T) {
	f := newFixture(t)
	var rewritten []string
	f.cfg.Rewrite = func(file *ast.File) { rewritten = append(rewritten, file.Name.Name) }
	r := f.resolver(t)
	if _, err := r.Import(context.Background(), "example.com/modern"); err != nil {
		t.Fatal(err)
	}
	dir := gomod.GoPath + "/src/example.com/modern"
	entries, err := fs.ReadDir(r.FS(), dir)
	if err != nil || len(entries) == 0 || entries[0].Name() != gomod.BuiltinsFile {
		t.Fatalf("entries %v, %v", entries, err)
	}
	src := readSource(t, r, "example.com/modern", gomod.BuiltinsFile)
	for _, want := range []string{"package modern", "func min[T gokernelOrdered]", "func max[T gokernelOrdered]", "func clear(x any)"} {
		if !strings.Contains(src, want) {
			t.Errorf("%s lacks %q:\n%s", gomod.BuiltinsFile, want, src)
		}
	}
	if src := readSource(t, r, "example.com/modern", "modern.go"); !strings.Contains(src, "//line ") || len(rewritten) != 1 {
		t.Fatalf("rewritten %v:\n%s", rewritten, src)
	}
	// greet calls none of them.
	if _, err := r.Import(context.Background(), "example.com/greet"); err != nil {
		t.Fatal(err)
	}
	if _, err := fs.Stat(r.FS(), gomod.GoPath+"/src/example.com/greet/"+gomod.BuiltinsFile); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("greet has a builtins file: %v", err)
	}
}

func TestDocs(t *testing.T) {
	f := newFixture(t)
	r := f.resolver(t)
	if _, err := r.Docs("example.com/greet"); err == nil {
		t.Fatal("docs of a package not imported: no error")
	}
	if _, err := r.Import(context.Background(), "example.com/greet"); err != nil {
		t.Fatal(err)
	}
	docs, err := r.Docs("example.com/greet")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range docs {
		got = append(got, fmt.Sprintf("%s|%s|%s|%s", d.Name, d.Kind, d.Decl, d.Text))
	}
	want := []string{
		"|package|package greet|Package greet says hello (version 1.1.0).",
		"Hello|function|func Hello(name string) string|Hello greets name, politely.",
		`Version|constant|const Version = "v1.1.0"|Version is the module version this package comes from.`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("docs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestDefaultVersions: Config.Versions (the versions a program was built
// with) come before the latest release.
func TestDefaultVersions(t *testing.T) {
	f := newFixture(t)
	f.cfg.Versions = map[string]string{"example.com/greet": "v1.0.0"}
	pkg, err := f.resolver(t).Import(context.Background(), "example.com/greet")
	if err != nil || pkg.Module.Version != "v1.0.0" {
		t.Fatalf("%v %v", pkg, err)
	}
}

// TestChecksumDatabaseUnreachable: a download that the checksum
// database cannot vouch for fails, saying how to skip the check.
func TestChecksumDatabaseUnreachable(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	f := newFixture(t)
	_, vkey, err := note.GenerateKey(rand.Reader, "sumdb.test")
	if err != nil {
		t.Fatal(err)
	}
	f.cfg.SumDB = vkey + " http://" + addr
	_, err = f.resolver(t).Import(context.Background(), "example.com/greet")
	if err == nil || !strings.Contains(err.Error(), "checksum database sumdb.test: ") || !strings.Contains(err.Error(), "cannot reach the checksum database") || !strings.Contains(err.Error(), "GONOSUMDB=example.com/greet or GOSUMDB=off skips the check") {
		t.Fatalf("got %v", err)
	}
}

// TestGoModReplace: the replace directives of the go.mod beside the
// notebook, by a directory and by another version.
func TestGoModReplace(t *testing.T) {
	f := newFixture(t)
	gomodFile := `module example.com/course

go 1.21

require example.com/greet v1.1.0

replace example.com/greet v1.1.0 => example.com/greet v1.0.0

replace example.com/shout => ./myshout
`
	os.WriteFile(filepath.Join(f.cfg.Dir, "go.mod"), []byte(gomodFile), 0o644)
	os.MkdirAll(filepath.Join(f.cfg.Dir, "myshout"), 0o755)
	os.WriteFile(filepath.Join(f.cfg.Dir, "myshout", "shout.go"), []byte("package shout\n\nimport \"example.com/greet\"\n\nvar V = \"local \" + greet.Version\n"), 0o644)
	r := f.resolver(t)
	pkg, err := r.Import(context.Background(), "example.com/shout")
	if err != nil || pkg.Name != "shout" {
		t.Fatalf("%v %v", pkg, err)
	}
	if src := readSource(t, r, "example.com/shout", "shout.go"); !strings.Contains(src, `"local "`) {
		t.Fatalf("shout.go:\n%s", src)
	}
	if src := readSource(t, r, "example.com/greet", "greet.go"); !strings.Contains(src, `"v1.0.0"`) {
		t.Fatalf("greet.go (want the replacement v1.0.0):\n%s", src)
	}
	if _, err := r.Import(context.Background(), "example.com/shout/nothing"); err == nil || !strings.Contains(err.Error(), "go.mod replaces example.com/shout with") {
		t.Fatalf("got %v", err)
	}
}
