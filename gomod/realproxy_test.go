package gomod_test

import (
	"context"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/gomod"
)

// realConfig is the environment's configuration (GOPROXY, GOSUMDB…)
// with a fresh cache; the test is skipped when the proxy cannot be
// reached.
func realConfig(t *testing.T) gomod.Config {
	cfg := gomod.ConfigFromEnv(nil)
	cfg.Cache, cfg.Dir = t.TempDir(), t.TempDir()
	cfg.Flags = ""
	probe, err := gomod.New(cfg)
	if err != nil {
		t.Skipf("GOPROXY/GOSUMDB: %v", err)
	}
	if _, err := probe.Require(context.Background(), "github.com/pkg/errors", "v0.9.1"); err != nil {
		t.Skipf("the module proxy cannot be reached: %v", err)
	}
	return cfg
}

func TestRealProxy(t *testing.T) {
	if testing.Short() {
		t.Skip("network")
	}
	cfg := realConfig(t)
	var progress []string
	cfg.Progress = func(msg string) { progress = append(progress, msg) }
	r, err := gomod.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"github.com/google/uuid", "github.com/pkg/errors"} {
		pkg, err := r.Import(context.Background(), p)
		if err != nil {
			t.Fatal(err)
		}
		if want := p[strings.LastIndex(p, "/")+1:]; pkg.Name != want {
			t.Errorf("%s: package %s", p, pkg.Name)
		}
	}
	if len(progress) != 2 {
		t.Errorf("progress %q", progress)
	}
}
