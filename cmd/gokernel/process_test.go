package main

import (
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel/kerneltest"
)

// slowSuite skips a test of the kernel's robustness suite (make
// test-robust) unless GOKERNEL_ROBUST=1: they fill memory to the budget
// or wait on child processes, too slow for go test ./....
func slowSuite(t *testing.T) {
	t.Helper()
	if os.Getenv("GOKERNEL_ROBUST") != "1" {
		t.Skip("part of make test-robust (set GOKERNEL_ROBUST=1)")
	}
}

// kernelProcess is `gokernel kernel` started as a process of its own
// (this test binary, see TestMain), possibly under a command such as
// prlimit, with a frontend connected to it.
type kernelProcess struct {
	cmd    *exec.Cmd
	f      *kerneltest.Frontend
	exited chan struct{} // closed when the process has ended
}

// startKernelProcess starts the kernel as `wrapper... testbinary kernel
// --connection-file F` with env added to this process's environment. The
// wrapper must exec the kernel (prlimit does), so that the process started
// is the kernel. It is killed when the test ends.
func startKernelProcess(t *testing.T, env []string, wrapper ...string) *kernelProcess {
	t.Helper()
	info, conn := connectionFile(t)
	args := append(append([]string{}, wrapper...), os.Args[0], "kernel", "--connection-file", conn)
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = append(append(os.Environ(), "GOKERNEL_TEST_MAIN=1"), env...)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-exited
	})
	f, err := kerneltest.Dial(info)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(f.Close)
	return &kernelProcess{cmd: cmd, f: f, exited: exited}
}

// execute runs code and returns the execute_reply content and the text
// the cell showed (stdout, stderr, the result's text, the error's value).
// Cells that fill memory take long under load: the deadline is generous.
func (k *kernelProcess) execute(t *testing.T, code string) (map[string]any, string) {
	t.Helper()
	return executeWithin(t, k.f, code, 5*time.Minute, time.Minute)
}
