// Command gokernel is a Jupyter kernel for Go. Its sub-commands:
//
//	gokernel kernel --connection-file F [--log-level L]   serve a frontend (what kernel.json runs)
//	gokernel install [--user | --sys-prefix | --prefix DIR] [--name N] [--display-name S]
//	gokernel run [-o OUT | -inplace] NOTEBOOK     execute a notebook headless, no Jupyter needed
//	gokernel get PACKAGE[@VERSION]...            download modules into the module cache (for offline kernels)
//	gokernel version
//
// Run "gokernel help" for the full list.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
)

// command is one sub-command. Each lives in its own file and adds itself
// to the table with register from an init function.
type command struct {
	name    string
	summary string
	run     func(args []string) error
}

// commands is the sub-command table, by name.
var commands = map[string]command{}

// register adds c to the table.
func register(c command) {
	if _, dup := commands[c.name]; dup {
		panic("gokernel: sub-command registered twice: " + c.name)
	}
	commands[c.name] = c
}

// commandLineError is a mistake in the command line; dispatch reports it
// with exit status 2.
type commandLineError struct{ msg string }

func (e *commandLineError) Error() string { return e.msg }

// usageError returns a command-line error.
func usageError(format string, args ...any) error {
	return &commandLineError{fmt.Sprintf(format, args...)}
}

func main() {
	os.Exit(dispatch(os.Args[1:], os.Stdout, os.Stderr))
}

// dispatch runs the sub-command named by args[0] and returns the exit
// status.
func dispatch(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "gokernel: unknown command %q\n", args[0])
		usage(stderr)
		return 2
	}
	err := c.run(args[1:])
	var cmdLine *commandLineError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &cmdLine):
		fmt.Fprintf(stderr, "gokernel %s: %v\n", c.name, err)
		return 2
	default:
		fmt.Fprintf(stderr, "gokernel %s: %v\n", c.name, err)
		return 1
	}
}

// usage lists the sub-commands.
func usage(w io.Writer) {
	fmt.Fprintln(w, "gokernel — a Jupyter kernel for Go\n\nUsage: gokernel <command> [flags]\n\nCommands:")
	names := make([]string, 0, len(commands))
	for name := range commands {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(w, "  %-10s %s\n", name, commands[name].summary)
	}
	fmt.Fprintln(w, "\nRun \"gokernel <command> -h\" for a command's flags.")
}

// newFlagSet returns a flag set for a sub-command that reports errors
// instead of exiting.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("gokernel "+name, flag.ContinueOnError)
	fs.SetOutput(os.Stderr)
	return fs
}

// parseFlags parses args, turning flag errors into usage errors and
// rejecting positional arguments.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError("%v", err)
	}
	if fs.NArg() > 0 {
		return usageError("unexpected argument %q", fs.Arg(0))
	}
	return nil
}
