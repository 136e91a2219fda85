package main

import (
	"os"
	"os/exec"
	"strconv"
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

// rssBytes reads the resident set size of process pid from /proc.
func rssBytes(t *testing.T, pid int) uint64 {
	t.Helper()
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			return kb << 10
		}
	}
	t.Fatal("no VmRSS in /proc/pid/status")
	return 0
}

// TestMemoryReturned: after a cell printed a 100 MB line, the kernel gives
// the memory back: its RSS, read from /proc once the cell is done, is
// within 2x of its idle RSS — whether the string was built in a function
// (RSS stayed at ~650 MB before the kernel returned freed memory to the
// system), at the cell's top level, or inside the cell's final value
// (both stayed alive in the interpreter's global frame: +100 MB each).
func TestMemoryReturned(t *testing.T) {
	slowSuite(t)
	k := startKernelProcess(t, []string{"GOKERNEL_MEMORY_LIMIT="})
	pid := k.cmd.Process.Pid
	if rep, out := k.execute(t, "import \"strings\"\nfunc show() { fmt.Println(strings.Repeat(\"x\", 100<<20)) }\nx := 1\nx"); rep["status"] != "ok" || out != "1" {
		t.Fatalf("warm-up: %v %q", rep, out)
	}
	idle := rssBytes(t, pid)
	for _, c := range []struct{ code, want string }{
		{"show()", strings.Repeat("x", 100<<20) + "\n"},
		{"fmt.Println(strings.Repeat(\"y\", 100<<20))", strings.Repeat("y", 100<<20) + "\n"},
		{"len(strings.Repeat(\"z\", 100<<20))", "104857600"},
	} {
		rep, out := k.execute(t, c.code)
		if rep["status"] != "ok" || out != c.want {
			t.Fatalf("%s: %v, %d bytes", c.code, rep, len(out))
		}
		after := rssBytes(t, pid)
		t.Logf("%s: RSS idle %d MiB, after the cell %d MiB", c.code, idle>>20, after>>20)
		if after > 2*idle {
			t.Errorf("%s: RSS %d MiB after the cell, more than twice the idle %d MiB", c.code, after>>20, idle>>20)
		}
	}
}
