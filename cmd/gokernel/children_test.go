package main

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel/kerneltest"
)

// childWithArgs returns the pid of a child of parent whose command line
// is args, or 0.
func childWithArgs(parent int, args string) int {
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		s := string(stat)
		f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
		if len(f) < 2 || f[1] != strconv.Itoa(parent) || f[0] == "Z" {
			continue
		}
		cmdline, _ := os.ReadFile("/proc/" + e.Name() + "/cmdline")
		if strings.TrimRight(strings.ReplaceAll(string(cmdline), "\x00", " "), " ") == args {
			return pid
		}
	}
	return 0
}

// waitFor polls cond until it holds; the deadline is generous, for a
// loaded machine: the processes it waits on end or start on their own.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within 30 s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestChildProcessesEnd: a cell may import os/exec and syscall; an
// interrupt stops exec.Command("sleep", "100").Run() by signalling the
// child's process group; processes a cell started with exec.Command and
// os.StartProcess (and their children) are gone after shutdown_request.
func TestChildProcessesEnd(t *testing.T) {
	slowSuite(t)
	k := startKernelProcess(t, nil)
	kpid := k.cmd.Process.Pid
	if rep, out := k.execute(t, "import (\n\t\"os\"\n\t\"os/exec\"\n\t\"syscall\"\n)\nsyscall.Getpid() == os.Getpid()"); rep["status"] != "ok" || out != "true" {
		t.Fatalf("importing os/exec and syscall: %v %q", rep, out)
	}

	req, err := k.f.Send(kerneltest.Shell, "execute_request", map[string]any{"code": "err := exec.Command(\"sleep\", \"100\").Run()\nn := 1"})
	if err != nil {
		t.Fatal(err)
	}
	var sleeper int
	waitFor(t, "the cell's sleep 100", func() bool { sleeper = childWithArgs(kpid, "sleep 100"); return sleeper != 0 })
	if _, err := k.f.Send(kerneltest.Control, "interrupt_request", map[string]any{}); err != nil {
		t.Fatal(err)
	}
	rep, err := k.f.Reply(kerneltest.Shell, req, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if c := kerneltest.Content(rep); c["status"] != "error" || c["ename"] != "Interrupted" {
		t.Errorf("interrupted Run: %v", c)
	}
	waitFor(t, "sleep 100 ending after the interrupt", func() bool { return !alive(sleeper) })

	rep2, out := k.execute(t, "c := exec.Command(\"/bin/sh\", \"-c\", \"sleep 1002 & sleep 1000\")\nc.Start()\np, _ := os.StartProcess(\"/bin/sleep\", []string{\"sleep\", \"1001\"}, &os.ProcAttr{})\nfmt.Println(c.Process.Pid, p.Pid)")
	if rep2["status"] != "ok" {
		t.Fatalf("starting processes: %v %q", rep2, out)
	}
	var pids []int
	for _, f := range strings.Fields(out) {
		pid, err := strconv.Atoi(f)
		if err != nil {
			t.Fatalf("pids: %q", out)
		}
		pids = append(pids, pid)
	}
	var grandchild int
	waitFor(t, "the shell's sleep 1002", func() bool { grandchild = childWithArgs(pids[0], "sleep 1002"); return grandchild != 0 })
	pids = append(pids, grandchild)

	if _, err := k.f.Send(kerneltest.Control, "shutdown_request", map[string]any{"restart": false}); err != nil {
		t.Fatal(err)
	}
	select {
	case <-k.exited:
	case <-time.After(time.Minute):
		t.Fatal("the kernel did not exit after shutdown_request")
	}
	for _, pid := range pids {
		waitFor(t, "process "+strconv.Itoa(pid)+" ending with the kernel", func() bool { return !alive(pid) })
	}
}
