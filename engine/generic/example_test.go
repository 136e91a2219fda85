package generic_test

import (
	"fmt"

	"github.com/gokernel/gokernel/engine/generic"
)

// The exported functions of the interpreter's slices package, as
// completion lists them.
func ExampleMembers() {
	for _, m := range generic.Members("slices")[:3] {
		fmt.Println(m.Kind, m.Decl)
	}
	// Output:
	// function func Sort[E ordered](x []E)
	// function func SortFunc[E any](x []E, cmp func(a, b E) int)
	// function func SortStableFunc[E any](x []E, cmp func(a, b E) int)
}
