package notebook_test

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/gokernel/gokernel/kernel"
	"github.com/gokernel/gokernel/notebook"
)

func ExampleRead() {
	const ipynb = `{
 "cells": [
  {"cell_type": "markdown", "id": "a1", "metadata": {}, "source": ["# Hello\n", "Some text."]},
  {"cell_type": "code", "execution_count": null, "id": "b2", "metadata": {}, "outputs": [],
   "source": ["x := 40\n", "x + 2"]}
 ],
 "metadata": {"kernelspec": {"name": "gokernel", "display_name": "Go", "language": "go"}},
 "nbformat": 4, "nbformat_minor": 5
}`
	nb, err := notebook.Read(strings.NewReader(ipynb))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range nb.Cells {
		fmt.Printf("%s: %q\n", c.Type, c.Source)
	}
	// Output:
	// markdown: "# Hello\nSome text."
	// code: "x := 40\nx + 2"
}

func ExampleWrite() {
	nb := notebook.New()
	nb.Cells = []notebook.Cell{{
		ID: "c1", Type: notebook.Code, Source: `fmt.Println("hi")`, ExecutionCount: 1,
		Outputs: []notebook.Output{{Type: notebook.Stream, Name: "stdout", Text: "hi\n"}},
	}}
	if err := notebook.Write(os.Stdout, nb); err != nil {
		fmt.Println(err)
	}
	// Output:
	// {
	//  "cells": [
	//   {
	//    "cell_type": "code",
	//    "execution_count": 1,
	//    "id": "c1",
	//    "metadata": {},
	//    "outputs": [
	//     {
	//      "name": "stdout",
	//      "output_type": "stream",
	//      "text": [
	//       "hi\n"
	//      ]
	//     }
	//    ],
	//    "source": [
	//     "fmt.Println(\"hi\")"
	//    ]
	//   }
	//  ],
	//  "metadata": {},
	//  "nbformat": 4,
	//  "nbformat_minor": 5
	// }
}

// shout is a toy interpreter: it prints each cell's code in capitals.
type shout struct{}

func (shout) Execute(_ context.Context, code string, _ int, out kernel.Output) kernel.ExecuteResult {
	if code == "fail" {
		return kernel.ExecuteResult{Err: &kernel.Error{Name: "ShoutError", Value: "will not shout that"}}
	}
	out.Stream("stdout", strings.ToUpper(code)+"\n")
	return kernel.ExecuteResult{}
}
func (shout) Evaluate(string) (map[string]any, *kernel.Error) { return nil, nil }
func (shout) Complete(string, int) kernel.Completion          { return kernel.Completion{} }
func (shout) Inspect(string, int, int) kernel.Inspection      { return kernel.Inspection{} }
func (shout) IsComplete(string) (string, string)              { return "complete", "" }

func ExampleExecute() {
	nb := notebook.New()
	nb.Cells = []notebook.Cell{
		{Type: notebook.Code, Source: "hello"},
		{Type: notebook.Markdown, Source: "not run"},
		{Type: notebook.Code, Source: "fail"},
	}
	err := notebook.Execute(context.Background(), nb, shout{}, notebook.Options{})
	fmt.Println(err)
	fmt.Printf("In [%d]: %q\n", nb.Cells[0].ExecutionCount, nb.Cells[0].Outputs[0].Text)
	fmt.Println(nb.Cells[2].Outputs[0].Type, nb.Cells[2].Outputs[0].EName)
	// Output:
	// cell 3 (In [2]) failed: ShoutError: will not shout that
	// In [1]: "HELLO\n"
	// error ShoutError
}
