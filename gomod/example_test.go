package gomod_test

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/gokernel/gokernel/gomod"
	"github.com/gokernel/gokernel/gomod/gomodtest"
)

// Import a package of a module, and the module it depends on, from a
// module proxy (here a file-based one) into an empty module cache.
func Example() {
	root, _ := os.MkdirTemp("", "proxy")
	cache, _ := os.MkdirTemp("", "modcache")
	defer os.RemoveAll(root)
	defer os.RemoveAll(cache)
	proxy, _, err := gomodtest.WriteProxy(root)
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := gomod.New(gomod.Config{
		Proxy: proxy,
		SumDB: "off",
		Cache: cache,
		Dir:   cache,
		Progress: func(msg string) {
			line, _, _ := strings.Cut(msg, " (") // the size follows
			fmt.Println(line)
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	pkg, err := r.Import(context.Background(), "example.com/shout")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("package", pkg.Name, "from", pkg.Module.Path, pkg.Module.Version)
	// Output:
	// go: downloading example.com/shout v1.0.0
	// go: downloading example.com/greet v1.0.0
	// package shout from example.com/shout v1.0.0
}
