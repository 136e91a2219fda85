"""Conformance of gokernel with the Jupyter messaging protocol, checked by
the community suite jupyter_kernel_test (Debian python3-jupyter-kernel-test).

Run it with test/conformance/run (or `make test-conformance`), which builds
gokernel, installs its kernelspec into a temporary prefix and points
JUPYTER_PATH at it. Run with /usr/bin/python3: the Debian Jupyter packages
are not visible to other Python builds.
"""

import unittest

import jupyter_kernel_test


class GoKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "gokernel"
    language_name = "go"
    file_extension = ".go"

    code_hello_world = 'import "fmt"\nfmt.Println("hello, world")'
    code_stderr = 'import (\n\t"fmt"\n\t"os"\n)\nfmt.Fprintln(os.Stderr, "to stderr")'

    completion_samples = [
        {"text": 'import "fmt"\nfmt.Print', "matches": {"Print", "Printf", "Println"}},
    ]

    complete_code_samples = ["x := 1", 'import "fmt"\nfmt.Println(1)', "func f() int { return 1 }"]
    incomplete_code_samples = ["func f() {", "for i := 0; i < 3; i++ {", "x := []int{1,"]
    invalid_code_samples = ["x := )", "for }", "}"]

    # The pager (payloads) is an IPython feature; gokernel shows help via inspect.
    code_page_something = ""

    code_generate_error = 'panic("boom")'

    code_execute_result = [
        {"code": "1+2", "result": "3"},
        {"code": '"go" + "pher"', "result": "gopher"},
        {"code": "[]int{1, 2, 3}", "result": "[1 2 3]"},
    ]

    code_display_data = [
        {
            "code": 'import "github.com/gokernel/gokernel/display"\ndisplay.Show(display.HTML("<b>hi</b>"))',
            "mime": "text/html",
        },
        {
            "code": 'import "github.com/gokernel/gokernel/display"\ndisplay.Show(display.Markdown("# hi"))',
            "mime": "text/markdown",
        },
    ]

    code_history_pattern = "1?2*"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "fmt.Println"

    code_clear_output = 'import "github.com/gokernel/gokernel/display"\ndisplay.Clear(true)'


if __name__ == "__main__":
    unittest.main()
