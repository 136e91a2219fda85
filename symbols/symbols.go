package symbols

import "reflect"

// Symbols maps "import/path/name" to the exported symbols of a compiled
// package, in the form yaegi's interp.Use expects. The generated files of
// this package fill it in their init functions.
var Symbols = map[string]map[string]reflect.Value{}

//go:generate go run github.com/traefik/yaegi/cmd/yaegi extract gonum.org/v1/gonum/mat gonum.org/v1/gonum/floats gonum.org/v1/gonum/stat
//go:generate go run github.com/traefik/yaegi/cmd/yaegi extract gonum.org/v1/plot gonum.org/v1/plot/plotter gonum.org/v1/plot/plotutil gonum.org/v1/plot/vg gonum.org/v1/plot/vg/draw gonum.org/v1/plot/vg/vgimg gonum.org/v1/plot/vg/vgsvg gonum.org/v1/plot/palette
//go:generate go run github.com/traefik/yaegi/cmd/yaegi extract github.com/gokernel/gokernel/nnlib github.com/gokernel/gokernel/nnlib/datasets github.com/gokernel/gokernel/display github.com/gokernel/gokernel/nnplot github.com/gokernel/gokernel/widgets
//go:generate env GOTOOLCHAIN=go1.24.13 go run github.com/traefik/yaegi/cmd/yaegi extract os/exec
//go:generate env GOTOOLCHAIN=go1.24.13 go run github.com/traefik/yaegi/cmd/yaegi extract -tag linux,amd64 syscall
//go:generate go run ./internal/gendocs bufio bytes errors fmt image image/color io maps math math/rand os os/exec slices sort strconv strings sync syscall time unicode gonum.org/v1/gonum/mat gonum.org/v1/gonum/floats gonum.org/v1/gonum/stat gonum.org/v1/plot gonum.org/v1/plot/plotter gonum.org/v1/plot/plotutil gonum.org/v1/plot/vg gonum.org/v1/plot/vg/draw gonum.org/v1/plot/vg/vgimg gonum.org/v1/plot/vg/vgsvg gonum.org/v1/plot/palette github.com/gokernel/gokernel/nnlib github.com/gokernel/gokernel/nnlib/datasets github.com/gokernel/gokernel/display github.com/gokernel/gokernel/nnplot github.com/gokernel/gokernel/widgets
