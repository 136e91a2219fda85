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
}

// result is what was measured of one kernel.
type result struct {
	name             string
	start            time.Duration
	p50, p99         time.Duration
	idleRSS, soakRSS int64 // bytes
}

// measure starts the kernel, times it and shuts it down.
func measure(k kernelCmd, n, soak int) (result, error) {
	r := result{name: k.name}
	dir, err := os.MkdirTemp("", "kernelbench")
	if err != nil {
		return r, err
	}
	defer os.RemoveAll(dir)
	info, err := connectionInfo()
	if err != nil {
		return r, err
	}
	conn := filepath.Join(dir, "connection.json")
	b, _ := json.Marshal(info)
	if err := os.WriteFile(conn, b, 0o600); err != nil {
		return r, err
	}

	argv := k.argv(conn)
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stderr = os.Stderr
	began := time.Now()
	if err := cmd.Start(); err != nil {
		return r, err
	}
	defer func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	}()
	f, err := kerneltest.Dial(info)
	if err != nil {
		return r, err
	}
	defer f.Close()
	r.start = f.FirstReply.Sub(began)

	if _, err := execute(f, k.setup); err != nil {
		return r, err
	}
	// Warm up, then time n round trips.
	for range 50 {
		if _, err := execute(f, k.trivial); err != nil {
			return r, err
		}
	}
	times := make([]time.Duration, n)
	for i := range times {
		if times[i], err = execute(f, k.trivial); err != nil {
			return r, err
		}
	}
	slices.Sort(times)
	r.p50 = times[n/2]
	r.p99 = times[min(n-1, n*99/100)]

	time.Sleep(500 * time.Millisecond)
	if r.idleRSS, err = rss(cmd.Process.Pid); err != nil {
		return r, err
	}
	for range soak {
		if _, err := execute(f, k.trivial); err != nil {
			return r, err
		}
	}
	time.Sleep(500 * time.Millisecond)
	if r.soakRSS, err = rss(cmd.Process.Pid); err != nil {
		return r, err
	}

	if _, err := f.Send(kerneltest.Control, "shutdown_request", map[string]any{"restart": false}); err != nil {
		return r, err
	}
	exited := make(chan struct{})
	go func() { _, _ = cmd.Process.Wait(); close(exited) }()
	select {
	case <-exited:
	case <-time.After(5 * time.Second):
		fmt.Fprintf(os.Stderr, "%s did not exit after shutdown_request; killed\n", k.name)
	}
	return r, nil
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
