package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
)

func main() {
	gokernel := flag.String("gokernel", "bin/gokernel", "the gokernel `binary`")
	python := flag.String("python", "/usr/bin/python3", "the `python` that runs ipykernel (empty: skip ipykernel)")
	n := flag.Int("n", 1000, "execute round trips timed for the percentiles")
	soak := flag.Int("soak", 10000, "executes run before the second memory reading")
	flag.Parse()
	if *n < 1 || *soak < 0 {
		fmt.Fprintln(os.Stderr, "kernelbench: -n must be positive and -soak not negative")
		os.Exit(2)
	}
	kernels := []kernelCmd{{
		name: "gokernel",
		argv: func(conn string) []string {
			return []string{*gokernel, "kernel", "--connection-file", conn, "--log-level", "error"}
		},
		// A cell with no output and no value.
		setup: "x := 0", trivial: "x = 1",
	}}
	if *python != "" {
		kernels = append(kernels, kernelCmd{
			name:  "ipykernel",
			argv:  func(conn string) []string { return []string{*python, "-m", "ipykernel_launcher", "-f", conn} },
			setup: "x = 0", trivial: "x = 1",
		})
	}
	var results []result
	var errs []error
	for _, k := range kernels {
		fmt.Fprintf(os.Stderr, "measuring %s ...\n", k.name)
		r, err := measure(k, *n, *soak)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", k.name, err))
			continue
		}
		results = append(results, r)
	}
	fmt.Print(table(results, *n, *soak))
	if err := errors.Join(errs...); err != nil {
		fmt.Fprintln(os.Stderr, "kernelbench:", strings.ReplaceAll(err.Error(), "\n", "; "))
		os.Exit(1)
	}
}
