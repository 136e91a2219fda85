package engine

import (
	"strings"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel"
	"github.com/gokernel/gokernel/kernel/kerneltest"
)

func TestErrorsKeepState(t *testing.T) {
	tests := []struct {
		name     string
		code     string
		ename    string
		contains []string // in evalue + traceback
	}{
		{"syntax error points at the cell", "x := 1\ny := )", kindSyntax.String(), []string{"cell:2:6: expected operand"}},
		{"syntax error at the end of the cell", "x := 1\ny := (", kindSyntax.String(), []string{"cell:2:7: unexpected end of cell"}},
		{"syntax error in a declaration", "func f() {\n\treturn 1 +\n}", kindSyntax.String(), []string{"cell:3:1"}},
		{"compile error line and column", "a := 1\nb := a + undefinedName", kindCompile.String(), []string{"cell:2:10", "undefined: undefinedName"}},
		{"compile error in a func", "func broken() int {\n\treturn \"s\"\n}", kindCompile.String(), []string{"cell:2:"}},
		{"runtime panic with traceback", "func inner() { panic(\"boom\") }\nfunc outer() { inner() }\n\nouter()", kindPanic.String(), []string{"boom", "cell:1:16 in inner", "cell:2:16 in outer", "cell:4:1"}},
		{"index out of range", "s := []int{1}\n_ = s[5]", kindPanic.String(), []string{"index out of range"}},
		{"panic in compiled code", "import \"gonum.org/v1/gonum/mat\"\nvar m mat.Dense\nm.Mul(mat.NewDense(1, 2, nil), mat.NewDense(3, 1, nil))", kindPanic.String(), []string{"dimension mismatch", "cell:3:1"}},
		{"infinite recursion", "func down(n int) int { return down(n+1) + 1 }\ndown(0)", kindPanic.String(), []string{"stack overflow", "infinite recursion"}},
		{"deep but finite recursion", "func depthOf(n int) int { if n == 0 { return 0 }; return depthOf(n-1) + 1 }\n_ = depthOf(90000)", "", nil},
		{"infinite mutual recursion of methods", "type Ping struct{}\nfunc (p Ping) A(n int) int { return p.B(n) }\nfunc (p Ping) B(n int) int { return p.A(n + 1) }\nPing{}.A(0)", kindPanic.String(), []string{"stack overflow"}},
		{"os.Exit is contained", "import \"os\"\nos.Exit(3)", kindPanic.String(), []string{"os.Exit(3)"}},
		{"log.Fatal is contained", "import \"log\"\nlog.Fatal(\"fatal!\")", kindPanic.String(), []string{"fatal!"}},
		{"yaegi's own panics are contained", "type Q struct{ A int }\nvar q Q\nfor i := range q.A {}\n_ = q", "", nil},
		{"panic in a goroutine", "done := make(chan bool)\ngo func(n int) {\n\tdefer close(done)\n\tpanic(n)\n}(7)\n<-done\nimport \"time\"\ntime.Sleep(50 * time.Millisecond)", kindGoroutinePanic.String(), []string{"7"}},
		{"panic in a goroutine while the cell waits for it", "never := make(chan bool)\ngo func() {\n\tpanic(\"gone\")\n}()\n<-never", kindGoroutinePanic.String(), []string{"gone", "cell:3:2"}},
		{"unknown package", "import \"no/such/pkg\"", kindCompile.String(), []string{"no/such/pkg"}},
	}
	e := newEngine(t)
	run(t, e, "keep := 42")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := &kerneltest.Recorder{}
			res := e.Execute(t.Context(), tt.code, 0, out)
			if tt.ename != "" {
				if res.Err == nil {
					t.Fatalf("no error; result %v", res.Data)
				}
				if res.Err.Name != tt.ename {
					t.Errorf("ename %q, want %q (%v)", res.Err.Name, tt.ename, res.Err)
				}
				all := res.Err.Value + "\n" + strings.Join(res.Err.Traceback, "\n")
				for _, c := range tt.contains {
					if !strings.Contains(all, c) {
						t.Errorf("error %q lacks %q", all, c)
					}
				}
			}
			if got := plain(mustRun(t, e, "keep")); got != "42" {
				t.Errorf("state lost: keep = %q", got)
			}
			if _, ok := e.globals()["keep"]; !ok {
				t.Errorf("the interpreter's globals are unreadable after the error")
			}
		})
	}
}

func mustRun(t *testing.T, e *Engine, code string) (res kernel.ExecuteResult) {
	t.Helper()
	r, _ := run(t, e, code)
	return r
}

func TestGoroutinePanicAfterCellEnds(t *testing.T) {
	e := newEngine(t)
	run(t, e, "release := make(chan bool)\ngo func() {\n\t<-release\n\tpanic(\"late\")\n}()")
	// The goroutine panics once released, after its cell ended; the next
	// cell runs once the engine has recorded that panic (an event, not a
	// duration, so a loaded machine cannot reorder them).
	release, ok := e.globals()["release"]
	if !ok {
		t.Fatal("release is not defined")
	}
	release.Close()
	waitGoPanic(t, e)
	_, out := run(t, e, "1")
	if !strings.Contains(out.Text("stderr"), "late") {
		t.Errorf("stderr %q does not report the late goroutine panic", out.Text("stderr"))
	}
}

// TestStoppedCodeEndsBeforeTheNextCell: an interrupted or overflowing cell
// returns only once its interpreted code has stopped (yaegi's
// ExecuteWithContext returns at once and lets it run beside the next
// cell): here, every frame of the stopped recursion has returned.
func TestStoppedCodeEndsBeforeTheNextCell(t *testing.T) {
	e := newEngine(t)
	e.stopWait = time.Minute // the race detector slows unwinding down
	runErr(t, e, "func down(n int) int { return down(n+1) + 1 }\ndown(0)")
	if d := e.depth.Load(); d != 0 {
		t.Errorf("%d frames of the stopped recursion still running after Execute returned", d)
	}
}
