package engine

import (
	"context"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel/kerneltest"
)

// fuzzSeeds are cells of the shapes that used to hurt the engine: long
// lines that do not compile, invalid UTF-8, deep nesting, huge literals,
// and ordinary cells for the fuzzer to mutate.
var fuzzSeeds = []string{
	strings.Repeat("#", 2000),
	strings.Repeat("@", 500) + "\n" + strings.Repeat("#", 500),
	strings.Repeat("\u0301", 2000),
	"x := 1\xff\xfe\n" + strings.Repeat("\xc3", 300),
	"s := \"" + strings.Repeat("a", 5000),
	"s := `" + strings.Repeat("\x00", 1000),
	"n := " + strings.Repeat("9", 300),
	"f := " + strings.Repeat("9", 300) + ".5e" + strings.Repeat("9", 200),
	"x := " + strings.Repeat("(", 300) + "1" + strings.Repeat(")", 300),
	"x := " + strings.Repeat("[]", 500) + "int{}",
	strings.Repeat("{", 300) + strings.Repeat("}", 300),
	strings.Repeat("func f() {", 300),
	"if true {" + strings.Repeat("if true {", 500) + strings.Repeat("}", 501),
	"x := []int{" + strings.Repeat("1, ", 300) + "}\nlen(x)",
	"import \"fmt\"\nfmt.Println(\"hi\")",
	"type T struct{ A int }\nfunc (t T) String() string { return \"T\" }\nT{1}",
	"for i := range 3 { println(i) }",
	"func f(n int) int { return f(n + 1) }\nf(0)",
	"m := map[string]int{\"a\": 1}\nv, ok := m[\"a\"]\nv",
	"x := 1\ny := )\nz := (",
	"var s []int\ns[3]",
}

// FuzzExecute runs arbitrary cells in one engine, as a student typing
// anything would: the engine must answer every cell, stay usable (a
// trivial cell afterwards computes its value), keep errors short and
// not retain memory (64 MiB at most per cell). A cell that runs long is interrupted.
func FuzzExecute(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	e := newEngine(f)
	f.Fuzz(func(t *testing.T, code string) {
		if touchesSystem(code) {
			t.Skip("cells that reach the file system or processes are not fuzzed")
		}
		before := liveHeap()
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		res := e.Execute(ctx, code, 0, &kerneltest.Recorder{})
		if res.Err != nil {
			size := len(res.Err.Value)
			for _, l := range res.Err.Traceback {
				size += len(l)
			}
			if size > 64<<10 {
				t.Errorf("error of %d bytes for a cell of %d bytes: %.300q", size, len(code), res.Err.Traceback)
			}
		}
		after := e.Execute(context.Background(), "1 + 1", 0, &kerneltest.Recorder{})
		if after.Err != nil || plain(after) != "2" {
			t.Fatalf("after %.200q the engine computes 1 + 1 = %q, error %v", code, plain(after), after.Err)
		}
		if grew := int64(liveHeap()) - int64(before); grew > 64<<20 {
			t.Fatalf("after %.200q the engine holds %d MiB more", code, grew>>20)
		}
	})
}

// touchesSystem reports whether code names what could change the machine
// the fuzzer runs on (files, processes); the fuzzer skips such cells.
func touchesSystem(code string) bool {
	for _, s := range []string{"os", "exec", "syscall", "ioutil", "net", "unsafe", "plugin"} {
		if strings.Contains(code, s) {
			return true
		}
	}
	return false
}

// liveHeap is the heap in use after a collection.
func liveHeap() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}
