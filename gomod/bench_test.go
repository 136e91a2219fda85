package gomod_test

import (
	"context"
	"testing"

	"github.com/gokernel/gokernel/gomod"
	"github.com/gokernel/gokernel/gomod/gomodtest"
)

// BenchmarkImport compares a first import (download, checks, extraction
// of shout and greet from the file proxy) with the same import by a new
// resolver over the filled cache (what a restarted kernel does, offline)
// and by the same resolver again.
func BenchmarkImport(b *testing.B) {
	proxy, _ := gomodtest.Proxy(b)
	cfg := gomod.Config{Proxy: proxy, SumDB: "off", Dir: b.TempDir()}
	importShout := func(b *testing.B, r *gomod.Resolver) {
		if _, err := r.Import(context.Background(), "example.com/shout"); err != nil {
			b.Fatal(err)
		}
	}
	newResolver := func(b *testing.B, cfg gomod.Config) *gomod.Resolver {
		r, err := gomod.New(cfg)
		if err != nil {
			b.Fatal(err)
		}
		return r
	}
	b.Run("first", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			c := cfg
			c.Cache = b.TempDir()
			r := newResolver(b, c)
			b.StartTimer()
			importShout(b, r)
		}
	})
	warm := cfg
	warm.Cache = b.TempDir()
	importShout(b, newResolver(b, warm))
	warm.Proxy = "off"
	b.Run("cached-new-resolver", func(b *testing.B) {
		for b.Loop() {
			importShout(b, newResolver(b, warm))
		}
	})
	b.Run("again", func(b *testing.B) {
		r := newResolver(b, warm)
		importShout(b, r)
		for b.Loop() {
			importShout(b, r)
		}
	})
}
