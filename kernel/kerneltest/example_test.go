package kerneltest_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/kernel"
	"github.com/gokernel/gokernel/kernel/kerneltest"
)

// echo is an Interpreter that prints each cell upper-cased.
type echo struct{}

func (echo) Execute(_ context.Context, code string, _ int, out kernel.Output) kernel.ExecuteResult {
	out.Stream("stdout", strings.ToUpper(code)+"\n")
	return kernel.ExecuteResult{}
}
func (echo) Evaluate(string) (map[string]any, *kernel.Error) { return nil, nil }
func (echo) Complete(string, int) kernel.Completion          { return kernel.Completion{} }
func (echo) Inspect(string, int, int) kernel.Inspection      { return kernel.Inspection{} }
func (echo) IsComplete(string) (string, string)              { return "complete", "" }

// In a test, Start runs a kernel with an Interpreter on loopback and gives
// a Frontend connected to it over real ZeroMQ sockets.
func TestExecuteEcho(t *testing.T) {
	s := kerneltest.Start(t, echo{})
	req, err := s.Send(kerneltest.Shell, "execute_request", map[string]any{"code": "hello"})
	if err != nil {
		t.Fatal(err)
	}
	reply, err := s.Reply(kerneltest.Shell, req, kerneltest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	msgs, err := s.IOPub(req, kerneltest.Timeout)
	if err != nil {
		t.Fatal(err)
	}
	var types []string
	for _, m := range msgs {
		types = append(types, m.Header.MsgType)
	}
	got := fmt.Sprintln(kerneltest.Content(reply)["status"], types)
	if want := "ok [status execute_input stream status]\n"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// Dial connects a Frontend to any kernel, here one started in-process.
func ExampleDial() {
	k, err := kernel.New(kernel.Config{Connection: kerneltest.Loopback(), Interpreter: echo{}})
	if err != nil {
		panic(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	go k.Run(ctx)

	f, err := kerneltest.Dial(k.Connection())
	if err != nil {
		panic(err)
	}
	defer f.Close()
	req, _ := f.Send(kerneltest.Shell, "execute_request", map[string]any{"code": "hi"})
	msgs, _ := f.IOPub(req, kerneltest.Timeout)
	for _, m := range msgs {
		if m.Header.MsgType == "stream" {
			fmt.Print(kerneltest.Content(m)["text"])
		}
	}
	// Output: HI
}

func ExampleRecorder() {
	out := &kerneltest.Recorder{Inputs: []string{"Ada"}}
	name, _ := out.Input("Name? ", false)
	out.Stream("stdout", "hello "+name+"\n")
	out.Display(map[string]any{"text/plain": "42"}, nil, "", false)
	fmt.Print(out.Text("stdout"))
	fmt.Println(out.Prompts(), out.Displays())
	// Output:
	// hello Ada
	// [Name? ] [map[text/plain:42]]
}
