// Package generic holds the interpreter's own source of the standard
// library packages whose API is generic — slices, maps and iter (Go 1.23
// API) — which yaegi v0.16.1 cannot take from compiled code ("yaegi
// extract" skips generic functions) and whose bundled copies it fails on
// (slices.Sort and slices.Max missing, slices.Clone and maps.Clone
// failing). The sub-packages are ordinary Go packages, tested compiled;
// the engine interprets their source, which Sources returns.
package generic

import (
	"embed"
	"path"
)

//go:embed iter/iter.go maps/maps.go slices/slices.go stdext/stdext.go
var files embed.FS

// Packages lists the packages in the order they are to be loaded.
var Packages = []string{"iter", "maps", "slices", "stdext"}

// ExtName is the name under which cells see package stdext (the
// engine's prelude imports it so).
const ExtName = "__gkstd"

// Extensions maps a generic function of a compiled standard library
// package, "importpath.Name", to the function of package stdext that
// stands for it.
var Extensions = map[string]string{
	"sync.OnceValue":  "SyncOnceValue",
	"sync.OnceValues": "SyncOnceValues",
}

// Source returns the source of package pkg (one of Packages) and the file
// name it is to be compiled under.
func Source(pkg string) (name, src string, err error) {
	name = path.Join(pkg, pkg+".go")
	b, err := files.ReadFile(name)
	return name, string(b), err
}
