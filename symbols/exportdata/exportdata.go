// Package exportdata holds the type information of the packages a cell
// can import: the standard library of the release that builds gokernel
// (Go 1.24), gonum, gonum/plot and this repository's preloaded packages,
// plus the generic packages the engine interprets from source (iter,
// maps, slices, cmp). Package engine/typecheck type-checks cells against
// it.
//
// The files under data/ are export data in the indexed format of
// golang.org/x/tools/go/gcexportdata, one per package, written by
// symbols/internal/genexport (`go generate`, with the toolchain pinned so
// that the files do not depend on the Go that runs it). They are embedded
// and read only when a cell imports their package: nothing is decoded
// when the kernel starts.
package exportdata

import (
	"embed"
	"fmt"
)

//go:generate env -u GOROOT GOTOOLCHAIN=go1.24.13 go run ../internal/genexport -extra iter,maps,slices,cmp

//go:embed data
var data embed.FS

// Read returns the export data of the package with import path path, or
// an error when there is none.
func Read(path string) ([]byte, error) {
	b, err := data.ReadFile("data/" + path + ".x")
	if err != nil {
		return nil, fmt.Errorf("exportdata: no type information for %q", path)
	}
	return b, nil
}
