package typecheck

import (
	"go/token"
	"go/types"
	"testing"
)

// A type reached through two packages is one type, whichever package is
// imported first.
func TestImporterSharesTypes(t *testing.T) {
	imp := newImporter(token.NewFileSet())
	fmtPkg, err := imp.Import("fmt")
	if err != nil {
		t.Fatal(err)
	}
	ioPkg, err := imp.Import("io")
	if err != nil {
		t.Fatal(err)
	}
	fprintf := fmtPkg.Scope().Lookup("Fprintf").Type().(*types.Signature)
	w := fprintf.Params().At(0).Type()
	if w != ioPkg.Scope().Lookup("Writer").Type() {
		t.Fatalf("fmt.Fprintf's io.Writer is not io's: %v", w)
	}
	if _, err := imp.Import("no/such/package"); err == nil {
		t.Fatal("no error for a package without export data")
	}
}

// The preloaded packages of this repository and generic packages are there.
func TestImporterPackages(t *testing.T) {
	imp := newImporter(token.NewFileSet())
	for p, name := range map[string]string{
		"github.com/gokernel/gokernel/nnlib": "NewSequential",
		"slices":                             "Sorted",
		"math/rand/v2":                       "N",
		"gonum.org/v1/gonum/mat":             "NewDense",
	} {
		pkg, err := imp.Import(p)
		if err != nil {
			t.Fatal(err)
		}
		if pkg.Scope().Lookup(name) == nil {
			t.Errorf("%s has no %s", p, name)
		}
	}
}
