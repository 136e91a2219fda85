package symbols_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/symbols"
	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
)

// TestEveryPackageImports loads the tables into an interpreter and
// imports each package by its usual path.
func TestEveryPackageImports(t *testing.T) {
	i := interp.New(interp.Options{})
	if err := i.Use(stdlib.Symbols); err != nil {
		t.Fatal(err)
	}
	if err := i.Use(symbols.Symbols); err != nil {
		t.Fatal(err)
	}
	for key := range symbols.Symbols {
		path := key[:strings.LastIndex(key, "/")]
		if _, err := i.Eval(`import "` + path + `"`); err != nil {
			t.Errorf("import %q: %v", path, err)
		}
	}
	v, err := i.Eval(`floats.Sum([]float64{1, 2, 3.5})`)
	if err != nil || v.Interface() != 6.5 {
		t.Errorf("floats.Sum = %v, %v", v, err)
	}
}

func ExampleDocs() {
	d := symbols.Docs["gonum.org/v1/gonum/floats.Sum"]
	fmt.Println(d.Decl)
	fmt.Println(d.Doc)
	// Output:
	// func Sum(s []float64) float64
	// Sum returns the sum of the elements of the slice.
}
