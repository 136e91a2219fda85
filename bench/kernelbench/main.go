package main

import (
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"
)

//go:embed roundtrip.py
var roundtripPy []byte

// options are the command's flags.
type options struct {
	gokernel, baseline       string
	python                   string
	jupyterClient, ipykernel bool
	n, starts, soak          int
	clients, busy            int
	duration                 time.Duration
}

func main() {
	var o options
	flag.StringVar(&o.gokernel, "gokernel", "bin/gokernel", "the gokernel `binary`")
	flag.StringVar(&o.baseline, "baseline", "", "an older gokernel `binary` to measure side by side (empty: none)")
	flag.StringVar(&o.python, "python", "/usr/bin/python3", "the `python` that runs ipykernel and jupyter_client (empty: skip both)")
	flag.BoolVar(&o.jupyterClient, "jupyter-client", true, "also time the round trips through jupyter_client (needs -python)")
	flag.BoolVar(&o.ipykernel, "ipykernel", true, "measure ipykernel too (needs -python)")
	flag.IntVar(&o.n, "n", 1000, "execute round trips timed for the percentiles, per client")
	flag.IntVar(&o.starts, "starts", 5, "starts timed, idle and again under load")
	flag.IntVar(&o.busy, "busy", runtime.NumCPU(), "busy loops running during the loaded starts (0: skip them)")
	flag.IntVar(&o.clients, "clients", 4, "frontends at once for the throughput")
	flag.DurationVar(&o.duration, "duration", 2*time.Second, "how long the throughput is measured")
	flag.IntVar(&o.soak, "soak", 10000, "executes run before the second memory reading")
	flag.Parse()
	if o.n < 1 || o.soak < 0 || o.starts < 1 || o.clients < 1 || o.busy < 0 {
		fmt.Fprintln(os.Stderr, "kernelbench: -n, -starts and -clients must be positive, -soak and -busy not negative")
		os.Exit(2)
	}
	gokernel := func(name, bin string) kernelCmd {
		return kernelCmd{
			name: name,
			argv: func(conn string) []string {
				return []string{bin, "kernel", "--connection-file", conn, "--log-level", "error"}
			},
			// A cell with no output and no value.
			setup: "x := 0", trivial: "x = 1",
		}
	}
	kernels := []kernelCmd{gokernel("gokernel", o.gokernel)}
	if o.baseline != "" {
		kernels = append(kernels, gokernel("gokernel (baseline)", o.baseline))
	}
	if o.python != "" && o.ipykernel {
		kernels = append(kernels, kernelCmd{
			name:  "ipykernel",
			argv:  func(conn string) []string { return []string{o.python, "-m", "ipykernel_launcher", "-f", conn} },
			setup: "x = 0", trivial: "x = 1", quiet: true,
		})
	}
	if o.python == "" {
		o.jupyterClient = false
	}
	var results []result
	var errs []error
	fmt.Fprintln(os.Stderr, "measuring starts ...")
	idle, loaded, err := allStarts(kernels, o)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kernelbench:", err)
		os.Exit(1)
	}
	for i, k := range kernels {
		fmt.Fprintf(os.Stderr, "measuring %s ...\n", k.name)
		r, err := measure(k, o)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", k.name, err))
			continue
		}
		r.startIdle, r.startLoaded = idle[i], loaded[i]
		results = append(results, r)
	}
	fmt.Print(table(results, o))
	if err := errors.Join(errs...); err != nil {
		fmt.Fprintln(os.Stderr, "kernelbench:", strings.ReplaceAll(err.Error(), "\n", "; "))
		os.Exit(1)
	}
}

// result is what was measured of one kernel.
type result struct {
	name                   string
	startIdle, startLoaded []time.Duration // sorted
	goTrips, pyTrips       []time.Duration // sorted
	perSecond              float64         // executes answered, o.clients at once
	cpuPerExecute          time.Duration   // the kernel process's CPU time per execute
	idleRSS, soakRSS       int64           // bytes
}

// allStarts times o.starts starts of every kernel, idle and then with
// o.busy busy loops, taking the kernels in turn so that whatever else
// loads the machine weighs on all of them alike. The times are sorted.
func allStarts(kernels []kernelCmd, o options) (idle, loaded [][]time.Duration, err error) {
	idle = make([][]time.Duration, len(kernels))
	loaded = make([][]time.Duration, len(kernels))
	run := func(into [][]time.Duration) error {
		for range o.starts {
			for i, k := range kernels {
				d, err := startOnce(k)
				if err != nil {
					return fmt.Errorf("%s: start: %w", k.name, err)
				}
				into[i] = append(into[i], d)
			}
		}
		for _, d := range into {
			slices.Sort(d)
		}
		return nil
	}
	if err := run(idle); err != nil {
		return nil, nil, err
	}
	if o.busy > 0 {
		stop, err := busyLoops(o.busy)
		if err != nil {
			return nil, nil, err
		}
		defer stop()
		if err := run(loaded); err != nil {
			return nil, nil, err
		}
	}
	return idle, loaded, nil
}

// measure runs the measurements of one running kernel.
func measure(k kernelCmd, o options) (result, error) {
	res := result{name: k.name}
	r, err := launch(k)
	if err != nil {
		return res, err
	}
	defer r.stop()
	if res.goTrips, err = roundTrips(r.f, k, o.n); err != nil {
		return res, err
	}
	if o.jupyterClient {
		if res.pyTrips, err = pythonRoundTrips(o.python, r, k, o.n); err != nil {
			return res, err
		}
	}
	if res.perSecond, err = throughput(r.info, k.trivial, o.clients, o.duration); err != nil {
		return res, fmt.Errorf("throughput: %w", err)
	}
	// Forget the throughput's IOPub messages, which the Go client
	// received too.
	time.Sleep(100 * time.Millisecond)
	r.f.Flush()
	time.Sleep(500 * time.Millisecond) // let the collectors settle before reading RSS
	if res.idleRSS, err = rss(r.cmd.Process.Pid); err != nil {
		return res, err
	}
	cpuBefore, err := cpuTime(r.cmd.Process.Pid)
	if err != nil {
		return res, err
	}
	if err := soak(r.f, k, o.soak); err != nil {
		return res, err
	}
	cpuAfter, err := cpuTime(r.cmd.Process.Pid)
	if err != nil {
		return res, err
	}
	if o.soak > 0 {
		res.cpuPerExecute = (cpuAfter - cpuBefore) / time.Duration(o.soak)
	}
	time.Sleep(500 * time.Millisecond)
	if res.soakRSS, err = rss(r.cmd.Process.Pid); err != nil {
		return res, err
	}
	return res, nil
}
