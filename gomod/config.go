package gomod

import (
	"fmt"
	"go/ast"
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

// Config is what a Resolver needs to know of its environment: the
// go command's variables (GOPROXY, GOSUMDB, …) and the directory whose
// go.mod and go.sum pin versions. ConfigFromEnv fills it from the
// process environment.
type Config struct {
	Proxy    string // GOPROXY: proxy URLs separated by "," or "|", "off", "direct"
	SumDB    string // GOSUMDB: "off", or a database name, optionally with its key and URL
	NoSumDB  string // GONOSUMDB: module path patterns not checked against the database
	Private  string // GOPRIVATE: module path patterns that are private (no checksum database, no proxy)
	NoProxy  string // GONOPROXY: module path patterns not fetched through a proxy
	Insecure string // GOINSECURE: module path patterns that may be fetched without TLS
	Flags    string // GOFLAGS: only -mod=mod, -mod=readonly and -mod=vendor matter
	Cache    string // GOMODCACHE: the module cache, in the go command's layout
	Dir      string // directory of the go.mod and go.sum that pin versions (the notebook's)

	// Client makes the HTTP requests; nil means http.DefaultClient.
	Client *http.Client
	// Progress, if not nil, is told of each download ("go: downloading
	// example.com/m v1.2.0 (12.3 kB)").
	Progress func(msg string)
	// Known reports whether an import path is provided without a module
	// (preloaded or standard library); nil means only paths whose first
	// element has no dot.
	Known func(importPath string) bool
	// Versions are the default versions of modules: those the program
	// was built with (debug.ReadBuildInfo), so that a package fetched
	// from a module whose other packages are compiled in comes from the
	// same version.
	Versions map[string]string
	// Rewrite, if not nil, rewrites each Go file of a fetched package
	// before the interpreter reads it (the file is printed back with
	// //line comments, so that positions stay those of the file).
	Rewrite func(*ast.File)
}

// The module proxy and checksum database the go command uses when
// GOPROXY and GOSUMDB are not set.
const (
	DefaultProxy = "https://proxy.golang.org,direct"
	DefaultSumDB = "sum.golang.org"
)

// ConfigFromEnv reads the go command's variables with getenv (os.Getenv
// when nil), with the go command's defaults: GOPROXY DefaultProxy,
// GOSUMDB DefaultSumDB, GOMODCACHE $GOPATH/pkg/mod (GOPATH defaults to
// $HOME/go). Dir is the working directory.
func ConfigFromEnv(getenv func(string) string) Config {
	if getenv == nil {
		getenv = os.Getenv
	}
	c := Config{
		Proxy:    getenv("GOPROXY"),
		SumDB:    getenv("GOSUMDB"),
		NoSumDB:  getenv("GONOSUMDB"),
		Private:  getenv("GOPRIVATE"),
		NoProxy:  getenv("GONOPROXY"),
		Insecure: getenv("GOINSECURE"),
		Flags:    getenv("GOFLAGS"),
		Cache:    getenv("GOMODCACHE"),
		Dir:      ".",
	}
	if c.Proxy == "" {
		c.Proxy = DefaultProxy
	}
	if c.SumDB == "" {
		c.SumDB = DefaultSumDB
	}
	if c.Cache == "" {
		gopath := getenv("GOPATH")
		if gopath == "" {
			if home, err := os.UserHomeDir(); err == nil {
				gopath = filepath.Join(home, "go")
			}
		} else {
			gopath = filepath.SplitList(gopath)[0]
		}
		if gopath != "" {
			c.Cache = filepath.Join(gopath, "pkg", "mod")
		}
	}
	if wd, err := os.Getwd(); err == nil {
		c.Dir = wd
	}
	return c
}

// modMode is GOFLAGS' -mod: how imports not pinned may be resolved.
type modMode string

const (
	modMod      modMode = "mod"      // resolve any import through the proxy (the default)
	modReadonly modMode = "readonly" // only modules that go.mod or %go get require
	modVendor   modMode = "vendor"   // only packages in Dir's vendor directory, no network
)

// mode parses -mod= out of GOFLAGS.
func (c Config) mode() (modMode, error) {
	m := modMod
	for _, f := range strings.Fields(c.Flags) {
		f = strings.TrimPrefix(strings.TrimPrefix(f, "-"), "-")
		v, ok := strings.CutPrefix(f, "mod=")
		if !ok {
			continue
		}
		switch modMode(v) {
		case modMod, modReadonly, modVendor:
			m = modMode(v)
		default:
			return "", fmt.Errorf("GOFLAGS: -mod=%s: want mod, readonly or vendor", v)
		}
	}
	return m, nil
}
