package memlimit_test

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/internal/memlimit"
)

func TestParseBytes(t *testing.T) {
	good := map[string]uint64{
		"1073741824": 1 << 30, "3.5GiB": 3.5 * (1 << 30), "512 MiB": 512 << 20, "4G": 4 << 30,
		"2gb": 2e9, "100k": 100 << 10, "1TiB": 1 << 40, "64B": 64,
	}
	for s, want := range good {
		if got, err := memlimit.ParseBytes(s); err != nil || got != want {
			t.Errorf("ParseBytes(%q) = %d, %v; want %d", s, got, err, want)
		}
	}
	for _, s := range []string{"", "lots", "-1G", "0", "1e400", "GiB", "3.2 parsecs"} {
		if _, err := memlimit.ParseBytes(s); err == nil || !strings.Contains(err.Error(), "bad memory size") {
			t.Errorf("ParseBytes(%q): error %v, want a bad memory size", s, err)
		}
	}
}

func TestDetectFromEnvironment(t *testing.T) {
	t.Setenv(memlimit.EnvVar, "3.2GiB")
	b, err := memlimit.Detect()
	gib := 3.2
	if err != nil || b.Bytes != uint64(gib*(1<<30)) || b.Source != memlimit.EnvVar || b.String() != "3.2 GiB (GOKERNEL_MEMORY_LIMIT)" {
		t.Errorf("Detect = %+v, %v", b, err)
	}
	t.Setenv(memlimit.EnvVar, "off")
	if b, err := memlimit.Detect(); err != nil || b.Bytes != 0 {
		t.Errorf("off: Detect = %+v, %v", b, err)
	}
	t.Setenv(memlimit.EnvVar, "plenty")
	if _, err := memlimit.Detect(); err == nil || !strings.Contains(err.Error(), memlimit.EnvVar) {
		t.Errorf("bad value: error %v", err)
	}
	t.Setenv(memlimit.EnvVar, "")
	if b, err := memlimit.Detect(); err != nil || b.Bytes == 0 {
		// This machine has memory available, at least.
		t.Errorf("detected: %+v, %v", b, err)
	}
}

// recovered returns the value f panics with.
func recovered(f func()) (r any) {
	defer func() { r = recover() }()
	f()
	return nil
}

func TestGuardRefusesWhatDoesNotFit(t *testing.T) {
	g := memlimit.NewGuard(memlimit.Budget{Bytes: 256 << 20, Source: "test"})
	defer memlimit.NewGuard(memlimit.Budget{})
	if n := g.Make("[]byte", []byte(nil), 1<<20); n != 1<<20 {
		t.Errorf("Make of 1 MiB = %d", n)
	}
	r := recovered(func() { g.Make("[]byte", []byte(nil), 30<<30) })
	var oom *memlimit.Error
	if err, ok := r.(error); !ok || !errors.As(err, &oom) {
		t.Fatalf("Make of 30 GiB panicked with %v", r)
	}
	if _, ok := r.(runtime.Error); !ok {
		t.Errorf("%T is not a runtime.Error", r)
	}
	want := "runtime error: out of memory: make([]byte, 32212254720) needs 30 GiB, more than the kernel's 256 MiB budget has left"
	if !strings.HasPrefix(oom.Error(), want) {
		t.Errorf("error %q\nwant prefix %q", oom, want)
	}
	if r := recovered(func() { g.Make("[]float64", []float64(nil), int64(40<<20)) }); r == nil {
		t.Error("make([]float64, 40M) = 320 MiB fits a 256 MiB budget")
	}
	if r := recovered(func() { g.Make("map[int]int", map[int]int(nil), uint(100<<20)) }); r == nil {
		t.Error("a map of 100M entries fits a 256 MiB budget")
	}
	if n := g.Make("[]byte", []byte(nil), -1); n != -1 {
		t.Errorf("negative size: %d, want it passed on to make", n)
	}
	s := make([]int64, 8<<20, 8<<20) // 64 MiB, full
	if r := recovered(func() { g.Grow(s, 1) }); r != nil {
		t.Errorf("append growing 64 MiB to 128 MiB: %v", r)
	}
	big := make([]int64, 20<<20) // 160 MiB, full: growing needs 200 MiB more
	if r := recovered(func() { g.Grow(big, 1) }); r == nil || !strings.Contains(fmt.Sprint(r), "append to a []int64 of 20971520 elements") {
		t.Errorf("append growing 160 MiB: %v", r)
	}
	if r := recovered(func() { g.Grow(big[:0], 1) }); r != nil {
		t.Errorf("append with room: %v", r)
	}
	runtime.KeepAlive(big)
}

func TestWatchStopsGrowth(t *testing.T) {
	g := memlimit.NewGuard(memlimit.Budget{Bytes: 128 << 20, Source: "test"})
	defer memlimit.NewGuard(memlimit.Budget{})
	stopped := make(chan error, 1)
	end := g.Watch(func(err error) { stopped <- err })
	defer end()
	var keep [][]byte
	for {
		select {
		case err := <-stopped:
			if !strings.Contains(err.Error(), "out of memory: the cell's values take") {
				t.Errorf("watchdog: %v", err)
			}
			return
		default:
			keep = append(keep, make([]byte, 64<<10))
		}
		if len(keep) > 8<<10 { // 512 MiB
			t.Fatal("the watchdog did not stop 512 MiB of growth in a 128 MiB budget")
		}
	}
}

func ExampleFormatBytes() {
	fmt.Println(memlimit.FormatBytes(3435973837), memlimit.FormatBytes(682<<20), memlimit.FormatBytes(512))
	// Output: 3.2 GiB 682 MiB 512 B
}

var sink []byte

func TestReleaseAfterDroppedValues(t *testing.T) {
	g := memlimit.NewGuard(memlimit.Budget{})
	g.Release()
	if g.Release() {
		t.Error("Release with nothing retained released")
	}
	sink = make([]byte, 256<<20)
	for i := range sink {
		sink[i] = 1 // touch the pages
	}
	sink = nil
	if !g.Release() {
		t.Error("Release after dropping 256 MiB did not release")
	}
}
