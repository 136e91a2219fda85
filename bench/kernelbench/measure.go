package main

import (
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gokernel/gokernel/kernel/kerneltest"
	"github.com/gokernel/gokernel/kernel/transport"
	"github.com/gokernel/gokernel/kernel/wire"
)

// kernelCmd says how to start one kernel and what to run in it.
type kernelCmd struct {
	name           string
	argv           func(connectionFile string) []string
	setup, trivial string
	// quiet discards the kernel's standard error (ipykernel's debugger
	// warnings at every start).
	quiet bool
}

// running is a kernel process with a Go frontend connected.
type running struct {
	cmd      *exec.Cmd
	f        *kerneltest.Frontend
	info     transport.ConnectionInfo
	connFile string
	dir      string
	start    time.Duration // exec → first kernel_info_reply
}

// launch starts k and connects a Frontend to it.
func launch(k kernelCmd) (*running, error) {
	dir, err := os.MkdirTemp("", "kernelbench")
	if err != nil {
		return nil, err
	}
	r := &running{dir: dir, connFile: filepath.Join(dir, "connection.json")}
	if r.info, err = connectionInfo(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	b, _ := json.Marshal(r.info)
	if err := os.WriteFile(r.connFile, b, 0o600); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	argv := k.argv(r.connFile)
	r.cmd = exec.Command(argv[0], argv[1:]...)
	if !k.quiet {
		r.cmd.Stderr = os.Stderr
	}
	began := time.Now()
	if err := r.cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if r.f, err = kerneltest.Dial(r.info); err != nil {
		r.stop()
		return nil, err
	}
	r.start = r.f.FirstReply.Sub(began)
	return r, nil
}

// stop asks the kernel to shut down (killing it if it does not) and
// cleans up.
func (r *running) stop() {
	if r.f != nil {
		if _, err := r.f.Send(kerneltest.Control, "shutdown_request", map[string]any{"restart": false}); err == nil {
			exited := make(chan struct{})
			go func() { _, _ = r.cmd.Process.Wait(); close(exited) }()
			select {
			case <-exited:
			case <-time.After(5 * time.Second):
				fmt.Fprintf(os.Stderr, "%s did not exit after shutdown_request; killed\n", r.cmd.Path)
			}
		}
		r.f.Close()
	}
	_ = r.cmd.Process.Kill()
	_ = r.cmd.Wait()
	os.RemoveAll(r.dir)
}

// startOnce times one start of k in a fresh process.
func startOnce(k kernelCmd) (time.Duration, error) {
	r, err := launch(k)
	if err != nil {
		return 0, err
	}
	r.stop()
	return r.start, nil
}

// busyLoops starts n shell busy loops, one per core, and returns what
// stops them.
func busyLoops(n int) (stop func(), err error) {
	var cmds []*exec.Cmd
	stop = func() {
		for _, c := range cmds {
			_ = c.Process.Kill()
			_ = c.Wait()
		}
	}
	for range n {
		c := exec.Command("sh", "-c", "while :; do :; done")
		if err := c.Start(); err != nil {
			stop()
			return nil, err
		}
		cmds = append(cmds, c)
	}
	return stop, nil
}

// roundTrips times n trivial executes through the Go frontend after a
// warm-up, sorted.
func roundTrips(f *kerneltest.Frontend, k kernelCmd, n int) ([]time.Duration, error) {
	if _, err := execute(f, k.setup); err != nil {
		return nil, err
	}
	for range 50 {
		if _, err := execute(f, k.trivial); err != nil {
			return nil, err
		}
	}
	times := make([]time.Duration, n)
	for i := range times {
		var err error
		if times[i], err = execute(f, k.trivial); err != nil {
			return nil, err
		}
	}
	slices.Sort(times)
	return times, nil
}

// pythonRoundTrips times n trivial executes through jupyter_client
// (roundtrip.py), sorted.
func pythonRoundTrips(python string, r *running, k kernelCmd, n int) ([]time.Duration, error) {
	script := filepath.Join(r.dir, "roundtrip.py")
	if err := os.WriteFile(script, roundtripPy, 0o600); err != nil {
		return nil, err
	}
	cmd := exec.Command(python, script, r.connFile, k.setup, k.trivial, strconv.Itoa(n))
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("jupyter_client round trips: %w", err)
	}
	var times []time.Duration
	for _, line := range strings.Fields(string(out)) {
		s, err := strconv.ParseFloat(line, 64)
		if err != nil {
			return nil, fmt.Errorf("jupyter_client round trips: %q: %w", line, err)
		}
		times = append(times, time.Duration(s*float64(time.Second)))
	}
	if len(times) != n {
		return nil, fmt.Errorf("jupyter_client round trips: %d times, want %d", len(times), n)
	}
	slices.Sort(times)
	return times, nil
}

// execute sends code and returns the time until the kernel's status idle
// for it.
func execute(f *kerneltest.Frontend, code string) (time.Duration, error) {
	began := time.Now()
	req, err := f.Send(kerneltest.Shell, "execute_request", map[string]any{
		"code": code, "silent": false, "store_history": true, "user_expressions": map[string]any{},
		"allow_stdin": false, "stop_on_error": true,
	})
	if err != nil {
		return 0, err
	}
	if _, err := f.IOPub(req, kerneltest.Timeout); err != nil {
		return 0, err
	}
	took := time.Since(began)
	rep, err := f.Reply(kerneltest.Shell, req, kerneltest.Timeout)
	if err != nil {
		return 0, err
	}
	if s := kerneltest.Content(rep)["status"]; s != "ok" {
		return 0, fmt.Errorf("%q: status %v: %s", code, s, rep.Content)
	}
	return took, nil
}

// soak runs n more trivial executes.
func soak(f *kerneltest.Frontend, k kernelCmd, n int) error {
	for range n {
		if _, err := execute(f, k.trivial); err != nil {
			return err
		}
	}
	return nil
}

// connectionInfo picks free loopback ports and a fresh key.
func connectionInfo() (transport.ConnectionInfo, error) {
	info := transport.ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", Key: wire.NewID(), SignatureScheme: "hmac-sha256"}
	for _, p := range []*int{&info.ShellPort, &info.ControlPort, &info.IOPubPort, &info.StdinPort, &info.HBPort} {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return info, err
		}
		*p = l.Addr().(*net.TCPAddr).Port
		defer l.Close()
	}
	return info, nil
}

// cpuTime is the CPU time (user + system) a process has used, from
// /proc/PID/stat (its threads included; not its children).
func cpuTime(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// The command name in parentheses may hold spaces: count fields
	// after its closing parenthesis. utime and stime are fields 14 and 15.
	i := strings.LastIndexByte(string(b), ')')
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0, fmt.Errorf("/proc/%d/stat: %d fields", pid, len(f))
	}
	var ticks int64
	for _, s := range f[11:13] {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return 0, err
		}
		ticks += n
	}
	return time.Duration(ticks) * time.Second / clockTicks, nil
}

// clockTicks is USER_HZ, the unit of /proc/PID/stat's times (100 on
// Linux for every architecture Go supports).
const clockTicks = 100

// rss is the resident set size of a process, from /proc.
func rss(pid int) (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10, err
		}
	}
	return 0, fmt.Errorf("no VmRSS for pid %d", pid)
}
