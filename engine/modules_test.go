package engine

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/gomod/gomodtest"
	"github.com/gokernel/gokernel/kernel/kerneltest"
)

// moduleEngine is an engine whose imports go to the test proxy, with a
// fresh module cache (returned) and the working directory dir.
func moduleEngine(t *testing.T) (*Engine, string) {
	url, _ := gomodtest.Proxy(t)
	cache := gomodtest.Env(t, url)
	t.Chdir(t.TempDir())
	return newEngine(t), cache
}

func TestImportModuleFirstAndCached(t *testing.T) {
	e, cache := moduleEngine(t)
	res, out := run(t, e, "import \"example.com/shout\"\nshout.Hello(\"ann\")")
	if got := plain(res); got != "HELLO, ANN" {
		t.Fatalf("result %q", got)
	}
	progress := out.Text("stderr")
	for _, want := range []string{"go: downloading example.com/shout v1.0.0 (", "go: downloading example.com/greet v1.0.0 ("} {
		if !strings.Contains(progress, want) {
			t.Errorf("progress %q lacks %q", progress, want)
		}
	}
	// Running the import again, or importing the dependency: no download.
	res, out = run(t, e, "import (\n\t\"example.com/greet\"\n\t\"example.com/shout\"\n)\ngreet.Version + \" \" + shout.GreetVersion")
	if got := plain(res); got != "v1.0.0 v1.0.0" || out.Text("stderr") != "" {
		t.Fatalf("result %q, stderr %q", got, out.Text("stderr"))
	}
	// A new kernel with the proxy off: the cache serves.
	t.Setenv("GOPROXY", "off")
	e2 := newEngine(t)
	res, out = run(t, e2, "import \"example.com/shout\"\nshout.Hello(\"bo\")")
	if got := plain(res); got != "HELLO, BO" || out.Text("stderr") != "" {
		t.Fatalf("offline: result %q, stderr %q", got, out.Text("stderr"))
	}
	if _, err := os.Stat(filepath.Join(cache, "example.com", "shout@v1.0.0", "shout.go")); err != nil {
		t.Fatal(err)
	}
}

func TestImportModulePinned(t *testing.T) {
	e, _ := moduleEngine(t)
	_, out := run(t, e, "%go get example.com/greet@v1.0.0\n")
	if got := out.Text("stderr"); got != "go: added example.com/greet v1.0.0\n" {
		t.Fatalf("stderr %q", got)
	}
	res, _ := run(t, e, "import \"example.com/greet\"\ngreet.Hello(\"x\")")
	if got := plain(res); got != "hello, x" {
		t.Fatalf("result %q (want v1.0.0's)", got)
	}
	kerr, _ := runErr(t, e, "%go get example.com/greet@v1.1.0")
	if kerr.Name != kindImport.String() || !strings.Contains(kerr.Value, "restart the kernel") {
		t.Fatalf("%s: %s", kerr.Name, kerr.Value)
	}
	for code, want := range map[string]string{
		"%go get":                         "%go get: name a module",
		"%go get -u example.com/greet":    "%go get: flags are not supported: -u",
		"%go get example.com/greet@v1":    "not a full semantic version",
		"%go get example.com/none@v1.0.0": "%go get: example.com/none@v1.0.0: go.mod: ",
	} {
		if kerr, _ := runErr(t, e, code); kerr.Name != kindImport.String() || !strings.Contains(kerr.Value, want) {
			t.Errorf("%s: %s: %s, want %q", code, kerr.Name, kerr.Value, want)
		}
	}
	if status, _ := e.IsComplete("%go get example.com/greet@v1.0.0\nimport \"fmt\""); status != "complete" {
		t.Errorf("IsComplete: %s", status)
	}
	// A %go get line in a cell with code: positions stay.
	kerr, _ = runErr(t, e, "%go get example.com/greet@v1.0.0\nundefinedThing()")
	if kerr.Name != kindCompile.String() || !strings.Contains(kerr.Value, "2:1") {
		t.Fatalf("%s: %s", kerr.Name, kerr.Value)
	}
}

func TestImportModuleGoModBesideNotebook(t *testing.T) {
	url, _ := gomodtest.Proxy(t)
	gomodtest.Env(t, url)
	dir := t.TempDir()
	t.Chdir(dir)
	os.WriteFile("go.mod", []byte("module example.com/course\n\ngo 1.21\n\nrequire example.com/greet v1.0.0\n"), 0o644)
	e := newEngine(t)
	res, _ := run(t, e, "import \"example.com/greet\"\ngreet.Version")
	if got := plain(res); got != "v1.0.0" {
		t.Fatalf("result %q", got)
	}
}

func TestImportModuleFailures(t *testing.T) {
	e, _ := moduleEngine(t)
	run(t, e, "x := 41")
	kerr, _ := runErr(t, e, "import \"example.com/fastsum\"\nfastsum.Sum([]int{1, 2})")
	if kerr.Name != kindImport.String() || !strings.Contains(kerr.Value, "package example.com/fastsum cannot be interpreted: example.com/fastsum@v1.0.0/sum.go:5: func Sum has no Go body (it is written in assembly)") {
		t.Fatalf("%s: %s", kerr.Name, kerr.Value)
	}
	kerr, _ = runErr(t, e, "import \"example.com/cbind\"")
	if kerr.Name != kindImport.String() || !strings.Contains(kerr.Value, `example.com/cbind@v1.0.0/cbind.go:5: uses cgo (import "C")`) {
		t.Fatalf("%s: %s", kerr.Name, kerr.Value)
	}
	kerr, _ = runErr(t, e, "import \"example.com/nothing\"")
	if kerr.Name != kindImport.String() || !strings.Contains(kerr.Value, "no module provides package example.com/nothing") {
		t.Fatalf("%s: %s", kerr.Name, kerr.Value)
	}
	// The kernel is alive and kept its state.
	res, _ := run(t, e, "x + 1")
	if got := plain(res); got != "42" {
		t.Fatalf("x + 1 = %q", got)
	}
}

func TestImportModuleProxyUnreachable(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	gomodtest.Env(t, "http://"+addr)
	t.Chdir(t.TempDir())
	e := newEngine(t)
	kerr, _ := runErr(t, e, "import \"example.com/greet\"")
	if kerr.Name != kindImport.String() || !strings.Contains(kerr.Value, "cannot reach the module proxy") {
		t.Fatalf("%s: %s", kerr.Name, kerr.Value)
	}
	res, _ := run(t, e, "1 + 1")
	if plain(res) != "2" {
		t.Fatal(plain(res))
	}
}

// TestFailedImportNotSubstituted: after a failed import of a module
// package named errors, errors.New is not taken from the standard library.
func TestFailedImportNotSubstituted(t *testing.T) {
	e, _ := moduleEngine(t)
	runErr(t, e, "import \"example.com/errors\"")
	kerr, _ := runErr(t, e, "errors.New(\"x\")")
	if kerr.Name != kindCompile.String() || !strings.Contains(kerr.Value, `undefined: errors (the import of "example.com/errors" failed; no other package is imported in its place)`) {
		t.Fatalf("%s: %s", kerr.Name, kerr.Value)
	}
	// Importing the standard library's errors explicitly works.
	res, _ := run(t, e, "import \"errors\"\nerrors.New(\"x\").Error()")
	if plain(res) != "x" {
		t.Fatal(plain(res))
	}
}

// TestImportModuleInitOrder: a package variable initialised through a
// function that reads a variable of a later file gets its value (yaegi
// alone would compute it from the zero value).
func TestImportModuleInitOrder(t *testing.T) {
	e, _ := moduleEngine(t)
	res, _ := run(t, e, "import \"example.com/initorder\"\ninitorder.Digits")
	if got := plain(res); got != "0123456789" {
		t.Fatalf("initorder.Digits = %q", got)
	}
}

// TestImportModuleYaegiGap: a package yaegi fails on is an ImportError
// that names it, and the kernel carries on.
func TestImportModuleYaegiGap(t *testing.T) {
	e, _ := moduleEngine(t)
	kerr, _ := runErr(t, e, "import \"example.com/gap\"\ngap.Huge(3)")
	if kerr.Name != kindImport.String() || !strings.Contains(kerr.Value, "yaegi cannot interpret package example.com/gap (example.com/gap@v1.0.0, files in ") ||
		!strings.Contains(kerr.Value, "example.com/gap@v1.0.0/gap.go:9: invalid operation") {
		t.Fatalf("%s: %s", kerr.Name, kerr.Value)
	}
	if res, _ := run(t, e, "1 + 2"); plain(res) != "3" {
		t.Fatal(plain(res))
	}
}

// TestImportModuleModernGo: a fetched package may range over an
// integer, call min, max and clear, and capture per-iteration loop
// variables, as cells may.
func TestImportModuleModernGo(t *testing.T) {
	e, _ := moduleEngine(t)
	res, _ := run(t, e, "import \"example.com/modern\"\nfmt.Sprint(modern.Count(4), modern.Clamp(9, 0, 5), modern.Clamp(-1, 0, 5), modern.Reset(map[string]int{\"a\": 1}), modern.Captured())")
	if got := plain(res); got != "6 5 0 0 [0 1 2]" {
		t.Fatalf("got %q", got)
	}
}

// TestFetchedPackageInspectAndComplete: Inspect shows a fetched
// package's docs from its source, Complete lists its members.
func TestFetchedPackageInspectAndComplete(t *testing.T) {
	e, _ := moduleEngine(t)
	run(t, e, "import \"example.com/greet\"")
	code := "greet.Hello"
	in := e.Inspect(code, len(code), 0)
	if got, _ := in.Data["text/plain"].(string); !in.Found || got != "func Hello(name string) string\n\nHello greets name, politely." {
		t.Fatalf("inspect %q: %v %q", code, in.Found, got)
	}
	in = e.Inspect("greet", 5, 0)
	if got, _ := in.Data["text/plain"].(string); got != "package greet // import \"example.com/greet\"\n\nPackage greet says hello (version 1.1.0)." {
		t.Fatalf("inspect greet: %q", got)
	}
	c := e.Complete("greet.", 6)
	if got := strings.Join(c.Matches, " "); got != "Hello Version" {
		t.Fatalf("complete greet.: %q", got)
	}
	c = e.Complete("greet.V", 7)
	if got := strings.Join(c.Matches, " "); got != "Version" {
		t.Fatalf("complete greet.V: %q", got)
	}
}

// TestImportModuleInterrupted: an interrupt during a download stops the
// cell with Interrupted, and the kernel carries on.
func TestImportModuleInterrupted(t *testing.T) {
	asked := make(chan struct{}, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case asked <- struct{}{}:
		default:
		}
		<-r.Context().Done() // answers only when the client gives up
	}))
	defer srv.Close()
	gomodtest.Env(t, srv.URL)
	t.Chdir(t.TempDir())
	e := newEngine(t)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-asked
		cancel()
	}()
	res := e.Execute(ctx, "import \"example.com/greet\"", 0, &kerneltest.Recorder{})
	if res.Err == nil || res.Err.Name != kindInterrupted.String() {
		t.Fatalf("got %v", res.Err)
	}
	if res, _ := run(t, e, "2 * 21"); plain(res) != "42" {
		t.Fatal(plain(res))
	}
}
