package difftest

import (
	"regexp"
	"strings"

	"github.com/gokernel/gokernel/kernel"
)

// Outcome is what one run of a program shows: its output and how it ended.
type Outcome struct {
	Stdout string
	Stderr string
	// Status is "ok", "panic: <first line>", "exit status N",
	// "compile error: <first error>", "timeout" or, for the engine's other
	// errors, "<name>: <message>" (see the package documentation).
	Status string
}

// Equal reports whether two outcomes are identical.
func (o Outcome) Equal(p Outcome) bool { return o == p }

// Status values that do not carry a message.
const (
	statusOK      = "ok"
	statusTimeout = "timeout"
)

var (
	hexAddr  = regexp.MustCompile(`0x[0-9a-f]+`)
	position = regexp.MustCompile(`^(\S+\.go:|cell:)?\d+:\d+: `)
	exitCall = regexp.MustCompile(`^os\.Exit\((\d+)\)$`)
	innerPos = regexp.MustCompile(`(\S+\.go|cell|In \[\d+\]|earlier cell):\d+:\d+`)
)

// firstLine is s up to its first newline.
func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// panicStatus is the status of a panic whose report starts with msg.
func panicStatus(msg string) string {
	return "panic: " + hexAddr.ReplaceAllString(firstLine(msg), "0x?")
}

// compileStatus is the status of a compilation error: its first line
// without the position.
func compileStatus(msg string) string {
	msg = position.ReplaceAllString(firstLine(strings.TrimSpace(msg)), "")
	return "compile error: " + innerPos.ReplaceAllString(msg, "prog.go:L:C")
}

// engineStatus turns the error a cell ended with into a status.
func engineStatus(err *kernel.Error) string {
	if err == nil {
		return statusOK
	}
	switch err.Name {
	case "panic", "GoroutinePanic":
		if m := exitCall.FindStringSubmatch(err.Value); m != nil {
			return "exit status " + m[1]
		}
		return panicStatus(err.Value)
	case "SyntaxError", "CompileError":
		return compileStatus(err.Value)
	case "Interrupted":
		return statusTimeout
	}
	return err.Name + ": " + firstLine(err.Value)
}

// splitPanic separates a compiled program's standard error into what the
// program wrote and the runtime's report of a panic or fatal error (its
// first line), if any.
func splitPanic(stderr string) (written, report string) {
	for _, prefix := range []string{"panic: ", "fatal error: "} {
		i := strings.Index(stderr, prefix)
		for i > 0 && stderr[i-1] != '\n' {
			j := strings.Index(stderr[i+1:], prefix)
			if j < 0 {
				i = -1
				break
			}
			i += 1 + j
		}
		if i >= 0 {
			return stderr[:i], stderr[i:]
		}
	}
	return stderr, ""
}
