package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/gokernel/gokernel/engine"
	"github.com/gokernel/gokernel/gomod"
)

func init() {
	register(command{name: "get", summary: "download packages and their modules into the module cache, for offline kernels", run: getPackages})
}

const getUsage = `Usage: gokernel get PACKAGE[@VERSION]...

Downloads each PACKAGE (an import path) and the modules it needs into the
module cache, as a cell's import would: through the module proxy (GOPROXY),
checked against go.sum and the checksum database (GOSUMDB), with no go
command. @VERSION pins the version of the module whose path PACKAGE is
(as a "%go get module@version" line does in a cell); otherwise the version already
in the cache is kept, else the latest release is taken.

The cache is GOMODCACHE (else $GOPATH/pkg/mod, else ~/go/pkg/mod), in the
go command's layout. A kernel that finds its modules there imports them with
no network, GOPROXY=off included: pre-fill it in a classroom image with

	GOMODCACHE=/opt/gokernel/modules gokernel get github.com/google/uuid@v1.6.0

and run the kernels with that GOMODCACHE.
`

// getPackages is the "get" sub-command: it fills the module cache.
func getPackages(args []string) error {
	fs := newFlagSet("get")
	fs.Usage = func() { io.WriteString(fs.Output(), getUsage) }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError("%v", err)
	}
	if fs.NArg() == 0 {
		return usageError("name at least one PACKAGE[@VERSION]")
	}
	cfg := gomod.ConfigFromEnv(nil)
	cfg.Known = engine.Preloaded
	cfg.Progress = func(msg string) { fmt.Fprintln(os.Stderr, msg) }
	r, err := gomod.New(cfg)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	for _, arg := range fs.Args() {
		path, version, pinned := strings.Cut(arg, "@")
		if engine.Preloaded(path) {
			fmt.Fprintf(os.Stderr, "%s: preloaded in gokernel, nothing to download\n", path)
			continue
		}
		if pinned {
			if _, err := r.Require(ctx, path, version); err != nil {
				return err
			}
		}
		pkg, err := r.Import(ctx, path)
		if err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "%s: package %s from %s@%s, in %s\n", path, pkg.Name, pkg.Module.Path, pkg.Module.Version, cfg.Cache)
	}
	return nil
}
