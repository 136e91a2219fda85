package main

import (
	"fmt"
	"os"
	"runtime"

	"github.com/gokernel/gokernel/kernel"
	"github.com/gokernel/gokernel/kernel/wire"
)

func init() {
	register(command{name: "version", summary: "print gokernel's version", run: runVersion})
}

// runVersion prints the kernel, protocol and Go versions.
func runVersion(args []string) error {
	fs := newFlagSet("version")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	_, err := fmt.Fprintf(os.Stdout, "gokernel %s (Jupyter protocol %s, %s %s/%s)\n",
		kernel.Version, wire.ProtocolVersion, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return err
}
