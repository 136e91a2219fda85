package engine

import (
	"strings"
	"testing"

	"github.com/gokernel/gokernel/internal/memlimit"
)

// TestMemoryGuard: with a 256 MiB budget, make and append of computed
// sizes beyond it, and a loop of small allocations that grows the heap
// towards it, end their cells with out-of-memory errors; the session
// keeps its variables.
func TestMemoryGuard(t *testing.T) {
	t.Setenv(memlimit.EnvVar, "256MiB")
	e := newEngine(t)
	defer memlimit.NewGuard(memlimit.Budget{})
	run(t, e, "import (\n\t\"bytes\"\n\t\"strings\"\n)\nx := 7\nn := 30 << 30")
	for _, tt := range []struct{ code, want string }{
		{"b := make([]byte, n)", "panic: runtime error: out of memory: make([]byte, 32212254720) needs 30 GiB, more than the kernel's 256 MiB budget"},
		{"m := make(map[string]int, n)", "out of memory: make(map[string]int, 32212254720)"},
		// The repeats allocate in compiled code, where a failed allocation
		// would end the process.
		{"line := strings.Repeat(\"=\", n)", "panic: runtime error: out of memory: strings.Repeat(1 bytes, 32212254720) needs 30 GiB"},
		{"b := bytes.Repeat([]byte(\"ab\"), n/2)", "out of memory: bytes.Repeat(2 bytes, 16106127360) needs 30 GiB"},
		// Grow refuses at the budget, the watchdog at 90% of it: which comes
		// first depends on the collector's timing.
		{"var fs []float64\nchunk := make([]float64, 1<<20)\nfor {\n\tfs = append(fs, chunk...)\n}", "runtime error: out of memory: "},
		{"var keep [][]byte\nfor {\n\tkeep = append(keep, make([]byte, 16<<10))\n}", "OutOfMemory: runtime error: out of memory: the cell's values take"},
	} {
		kerr, _ := runErr(t, e, tt.code)
		if got := kerr.Name + ": " + kerr.Value + "\n" + strings.Join(kerr.Traceback, "\n"); !strings.Contains(got, tt.want) {
			t.Errorf("%s:\n got %s\nwant %s", tt.code, got, tt.want)
		}
	}
	if res, _ := run(t, e, "x + 1"); plain(res) != "8" {
		t.Errorf("after the guard: x + 1 = %q", plain(res))
	}
}
