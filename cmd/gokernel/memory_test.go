package main

import (
	"os/exec"
	"strings"
	"testing"
)

// asCap is the address-space cap the out-of-memory tests run the kernel
// under (prlimit --as), as a small classroom machine or container would.
const asCap = "4000000000"

// TestOutOfMemoryKeepsTheSession runs the kernel under a 4 GB address-space
// cap: a single huge allocation, an append loop and a loop of small
// allocations each end their cell with an out-of-memory error (the Go
// runtime would otherwise die of it), and the next cell sees the
// variables of the earlier ones.
func TestOutOfMemoryKeepsTheSession(t *testing.T) {
	slowSuite(t)
	prlimit, err := exec.LookPath("prlimit")
	if err != nil {
		t.Skip("prlimit (util-linux) is not installed")
	}
	k := startKernelProcess(t, []string{"GOKERNEL_MEMORY_LIMIT="}, prlimit, "--as="+asCap)
	expect := func(code, status string, wants ...string) {
		t.Helper()
		rep, out := k.execute(t, code)
		if rep["status"] != status {
			t.Errorf("%s: status %v, want %s; output %q", code, rep["status"], status, out)
		}
		for _, w := range wants {
			if !strings.Contains(out, w) {
				t.Errorf("%s: output %q does not contain %q", code, out, w)
			}
		}
	}
	expect("x := 41", "ok")
	expect("big := make([]byte, 30<<30)", "error",
		"runtime error: out of memory: make([]byte, 32212254720) needs 30 GiB", "budget", "RLIMIT_AS")
	expect("x + 1", "ok", "42")
	expect("var data []byte\nchunk := make([]byte, 1<<20)\nfor {\n\tdata = append(data, chunk...)\n}", "error",
		"runtime error: out of memory: append to a []uint8 of")
	expect("data = nil\nx + 1", "ok", "42")
	expect("var blocks [][]byte\nfor {\n\tblocks = append(blocks, make([]byte, 32<<10))\n}", "error",
		"out of memory")
	expect("blocks = nil\nx + 2", "ok", "43")
}
