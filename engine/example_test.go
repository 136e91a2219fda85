package engine_test

import (
	"context"
	"fmt"

	"github.com/gokernel/gokernel/engine"
	"github.com/gokernel/gokernel/kernel/kerneltest"
)

func ExampleEngine_Execute() {
	e, err := engine.New()
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	// The cell's output goes to a kernel.Output: in the kernel, IOPub
	// messages; here, a recorder. (While a cell runs, os.Stdout is
	// redirected into the cell, so an Output must not print to it.)
	out := &kerneltest.Recorder{}

	// A cell may mix imports, declarations and statements.
	res := e.Execute(ctx, `import "fmt"
func square(x int) int { return x * x }
for i := range 3 {
	fmt.Println(i, square(i))
}
square(12)`, 1, out)
	fmt.Print(out.Text("stdout"))
	fmt.Println("Out:", res.Data["text/plain"])

	// Errors point at the cell's lines; state survives them.
	res = e.Execute(ctx, "y := square(2)\ny + undefinedName", 2, out)
	fmt.Println(res.Err)
	res = e.Execute(ctx, "square(3)", 3, out)
	fmt.Println("Out:", res.Data["text/plain"])
	// Output:
	// 0 0
	// 1 1
	// 2 4
	// Out: 144
	// CompileError: cell:2:5: undefined: undefinedName
	// Out: 9
}

func ExampleEngine_Complete() {
	e, _ := engine.New()
	e.Execute(context.Background(), `import "strings"`, 1, &kerneltest.Recorder{})
	c := e.Complete("strings.ToU", 11)
	fmt.Println(c.Matches, c.CursorStart, c.CursorEnd)
	// Output:
	// [ToUpper ToUpperSpecial] 8 11
}

func ExampleEngine_IsComplete() {
	e, _ := engine.New()
	status, indent := e.IsComplete("for i := range 3 {")
	fmt.Printf("%s %q\n", status, indent)
	status, indent = e.IsComplete("x := 1")
	fmt.Printf("%s %q\n", status, indent)
	// Output:
	// incomplete "    "
	// complete ""
}
