package engine

import (
	"context"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gokernel/gokernel/cell"
	"github.com/gokernel/gokernel/kernel/kerneltest"
	"github.com/traefik/yaegi/interp"
)

// useTestPackage gives the engine a compiled package "example.com/loud"
// that writes the ways compiled libraries do.
func useTestPackage(t *testing.T, e *Engine) {
	t.Helper()
	err := e.interp.Use(interp.Exports{"example.com/loud/loud": {
		"Say":       reflect.ValueOf(func(s string) { fmt.Println(s) }),
		"Warn":      reflect.ValueOf(func(s string) { fmt.Fprintln(os.Stderr, s) }),
		"CellPrint": reflect.ValueOf(func(s string) { fmt.Fprintln(cell.Stdout(), s) }),
		"Show":      reflect.ValueOf(func(s string) { cell.Current().Display(map[string]any{"text/plain": s}, nil, "", false) }),
		"Wait": reflect.ValueOf(func() string {
			select {
			case <-cell.Context().Done():
				return "cancelled"
			case <-time.After(10 * time.Second):
				return "timeout"
			}
		}),
	}})
	if err != nil {
		t.Fatal(err)
	}
}

func TestOutputReachesStreamsInOrder(t *testing.T) {
	e := newEngine(t)
	useTestPackage(t, e)
	tests := []struct {
		name, code, stdout, stderr string
	}{
		{"fmt", "import \"fmt\"\nfmt.Print(\"a\"); fmt.Printf(\"%d\", 1); fmt.Println(\"b\")", "a1b\n", ""},
		{"println builtin", "println(\"p\", 2)", "p 2\n", ""},
		{"log", "import \"log\"\nlog.SetFlags(0)\nlog.Println(\"logged\")", "", "logged\n"},
		{"os.Stdout and os.Stderr of interpreted code", "import \"os\"\nos.Stdout.WriteString(\"o\\n\")\nfmt.Fprintln(os.Stderr, \"e\")", "o\n", "e\n"},
		{"compiled package writing to os.Stdout", "import \"example.com/loud\"\nfmt.Println(1)\nloud.Say(\"compiled\")\nfmt.Println(2)\nloud.CellPrint(\"env\")\nfmt.Println(3)", "1\ncompiled\n2\nenv\n3\n", ""},
		{"compiled package writing to os.Stderr", "loud.Warn(\"w\")", "", "w\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, out := run(t, e, tt.code)
			if got := out.Text("stdout"); got != tt.stdout {
				t.Errorf("stdout %q, want %q", got, tt.stdout)
			}
			if got := out.Text("stderr"); got != tt.stderr {
				t.Errorf("stderr %q, want %q", got, tt.stderr)
			}
		})
	}
}

func TestDisplayKeepsItsPlaceAmongStreams(t *testing.T) {
	e := newEngine(t)
	useTestPackage(t, e)
	for range 20 {
		_, out := run(t, e, "import \"example.com/loud\"\nimport \"fmt\"\nfmt.Println(\"before\")\nloud.Say(\"compiled before\")\nloud.Show(\"shown\")\nfmt.Println(\"after\")")
		if len(out.Displays()) != 1 || out.Displays()[0]["text/plain"] != "shown" {
			t.Fatalf("displays %v", out.Displays())
		}
		if got := out.TextBeforeDisplay(); got != "before\ncompiled before\n" {
			t.Fatalf("stdout before the display: %q", got)
		}
	}
}

func TestOutputStreamsWhileCellRuns(t *testing.T) {
	e := newEngine(t)
	out := &kerneltest.Recorder{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		e.Execute(context.Background(), "import \"fmt\"\nimport \"time\"\nfmt.Println(\"first\")\ntime.Sleep(500 * time.Millisecond)\nfmt.Println(\"second\")", 0, out)
	}()
	deadline := time.Now().Add(400 * time.Millisecond)
	for !strings.Contains(out.Text("stdout"), "first") {
		if time.Now().After(deadline) {
			t.Fatal("the first line did not arrive while the cell was running")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if strings.Contains(out.Text("stdout"), "second") {
		t.Error("the second line arrived too early")
	}
	<-done
	if got := out.Text("stdout"); got != "first\nsecond\n" {
		t.Errorf("stdout %q", got)
	}
}

func TestRichResults(t *testing.T) {
	e := newEngine(t)
	res, _ := run(t, e, "type R struct{}\nfunc (R) MIMEBundle() (map[string]any, map[string]any) {\n\treturn map[string]any{\"text/html\": \"<b>r</b>\", \"text/plain\": \"r\"}, nil\n}\nR{}")
	if res.Data["text/html"] != "<b>r</b>" {
		t.Errorf("cell-defined Renderer: %v", res.Data)
	}
	res, _ = run(t, e, "import \"image\"\nimage.NewRGBA(image.Rect(0, 0, 4, 4))")
	if _, ok := res.Data["image/png"]; !ok {
		t.Errorf("image result has no PNG: keys %v", keys(res.Data))
	}
	res, _ = run(t, e, "import \"gonum.org/v1/plot\"\np := plot.New()\np.Title.Text = \"t\"\np")
	if _, ok := res.Data["image/png"]; !ok {
		t.Errorf("plot result has no PNG: keys %v", keys(res.Data))
	}
	res, _ = run(t, e, "func newPlot() (*plot.Plot, error) { return plot.New(), nil }\nnewPlot()")
	if _, ok := res.Data["image/png"]; !ok {
		t.Errorf("(plot, nil) result has no PNG: keys %v", keys(res.Data))
	}
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestStdin(t *testing.T) {
	e := newEngine(t)
	out := &kerneltest.Recorder{Inputs: []string{"alice", "42", "line three"}}
	res := e.Execute(context.Background(), "import \"fmt\"\nimport \"bufio\"\nimport \"os\"\nvar name string\nfmt.Scanln(&name)\nvar n int\nfmt.Scanln(&n)\nr := bufio.NewReader(os.Stdin)\nl, _ := r.ReadString('\\n')\nfmt.Sprintf(\"%s %d %q\", name, n, l)", 0, out)
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	if got := plain(res); got != `alice 42 "line three\n"` {
		t.Errorf("result %q", got)
	}
	if len(out.Prompts()) != 3 {
		t.Errorf("%d input requests, want 3 (one per line)", len(out.Prompts()))
	}

	denied := &kerneltest.Recorder{NoStdin: true}
	res = e.Execute(context.Background(), "var s string\n_, err := fmt.Scanln(&s)\nerr", 0, denied)
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	if got := plain(res); !strings.Contains(got, "allow_stdin") {
		t.Errorf("denied stdin error %q does not explain", got)
	}
}

// TestStdinPrompt: what a cell prints on the line it then reads (a
// prompt) is the input request's prompt, not a stream; complete lines
// before it stay streams.
func TestStdinPrompt(t *testing.T) {
	e := newEngine(t)
	run(t, e, "import \"fmt\"\nimport \"bufio\"\nimport \"os\"")
	out := &kerneltest.Recorder{Inputs: []string{"Bob", "7", "x", "y"}}
	res := e.Execute(context.Background(), `fmt.Println("Welcome")
fmt.Print("Name: ")
var name string
fmt.Scanln(&name)
fmt.Printf("Hello %s\nAge? ", name)
var age int
fmt.Scanln(&age)
fmt.Scanln(&name)
os.Stdout.WriteString("Last: ")
bufio.NewReader(os.Stdin).ReadString('\n')
fmt.Println("done", age)`, 0, out)
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	if want := []string{"Name: ", "Age? ", "", "Last: "}; !slices.Equal(out.Prompts(), want) {
		t.Errorf("prompts %q, want %q", out.Prompts(), want)
	}
	if got, want := out.Text("stdout"), "Welcome\nHello Bob\ndone 7\n"; got != want {
		t.Errorf("stdout %q, want %q", got, want)
	}
}

func TestInterrupt(t *testing.T) {
	e := newEngine(t)
	useTestPackage(t, e)
	run(t, e, "import \"time\"\nimport \"example.com/loud\"\nkept := \"yes\"")
	for _, code := range []string{
		"for {}",
		"for i := 0; ; i++ { kept2 := i; _ = kept2 }",
		"for {\n\tv, ok := map[int]int{}[0]\n\t_, _ = v, ok\n}",
		"time.Sleep(time.Hour)",
		"ch := make(chan int)\n<-ch",
		"loud.Wait()",
	} {
		t.Run(code, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(100*time.Millisecond, cancel)
			start := time.Now()
			res := e.Execute(ctx, code, 0, &kerneltest.Recorder{})
			if res.Err == nil || res.Err.Name != kindInterrupted.String() {
				t.Fatalf("result %+v, want an Interrupted error", res)
			}
			if d := time.Since(start); d > 3*time.Second {
				t.Errorf("interrupt took %v", d)
			}
			if got := plain(mustRun(t, e, "kept")); got != "yes" {
				t.Errorf("kept = %q after interrupt", got)
			}
		})
	}
}

func TestEnginesInOneProcessKeepStdout(t *testing.T) {
	before := os.Stdout
	a, b := newEngine(t), newEngine(t)
	done := make(chan bool)
	for _, e := range []*Engine{a, b} {
		go func() {
			for range 20 {
				run(t, e, "import \"fmt\"\nfmt.Println(1)")
			}
			done <- true
		}()
	}
	<-done
	<-done
	if os.Stdout != before {
		t.Error("os.Stdout was not restored")
	}
}

func TestLateGoroutineOutputReachesTheCell(t *testing.T) {
	e := newEngine(t)
	_, out := run(t, e, "import \"fmt\"\nimport \"time\"\ngo func() {\n\ttime.Sleep(50 * time.Millisecond)\n\tfmt.Println(\"late\")\n}()")
	deadline := time.Now().Add(2 * time.Second)
	for out.Text("stdout") != "late\n" {
		if time.Now().After(deadline) {
			t.Fatalf("late output: %q", out.Text("stdout"))
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestStdinPromptWithoutStdin: when the frontend allows no input, the text
// the cell printed as a prompt is not lost: it reaches stdout.
func TestStdinPromptWithoutStdin(t *testing.T) {
	e := newEngine(t)
	out := &kerneltest.Recorder{NoStdin: true}
	res := e.Execute(context.Background(), "import \"fmt\"\nfmt.Print(\"Name: \")\nvar name string\n_, err := fmt.Scanln(&name)\nfmt.Println(err != nil)", 0, out)
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	if got, want := out.Text("stdout"), "Name: true\n"; got != want {
		t.Errorf("stdout %q, want %q", got, want)
	}
}

// TestStdinErrorKeepsItsCause: a read of standard input that fails for
// another reason than a frontend without input says so, with the cause.
func TestStdinErrorKeepsItsCause(t *testing.T) {
	e := newEngine(t)
	res, _ := run(t, e, "import \"fmt\"\nvar s string\n_, err := fmt.Scanln(&s)\nerr.Error()")
	if got := plain(res); got != "reading standard input: kerneltest: no more input" {
		t.Errorf("error %q, want the cause", got)
	}
	out := &kerneltest.Recorder{NoStdin: true}
	res = e.Execute(context.Background(), "_, err = fmt.Scanln(&s)\nerr.Error()", 0, out)
	if got := plain(res); got != ErrNoStdin.Error() {
		t.Errorf("without stdin: error %q, want ErrNoStdin", got)
	}
}
