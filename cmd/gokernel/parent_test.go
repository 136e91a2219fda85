package main

import (
	"bufio"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel/kerneltest"
)

// TestMain lets a test start this test binary as the gokernel command, in
// a process of its own: GOKERNEL_TEST_MAIN=1 runs main's dispatch.
func TestMain(m *testing.M) {
	if os.Getenv("GOKERNEL_TEST_MAIN") == "1" {
		os.Exit(dispatch(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// TestKernelExitsWhenItsFrontendDies: a shell plays the frontend process
// that starts the kernel (as jupyter_client does, naming itself in
// JPY_PARENT_PID); the kernel is busy in an endless loop when the shell is
// killed with SIGKILL, so no shutdown_request will ever come. The kernel
// must notice and exit instead of running on as an orphan.
func TestKernelExitsWhenItsFrontendDies(t *testing.T) {
	info, conn := connectionFile(t)
	sh := exec.Command("/bin/sh", "-c", `JPY_PARENT_PID=$$ GOKERNEL_TEST_MAIN=1 "$0" kernel --connection-file "$1" & echo $!; wait`,
		os.Args[0], conn)
	stdout, err := sh.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := sh.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	kpid, err := strconv.Atoi(strings.TrimSpace(line))
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Kill(kpid, syscall.SIGKILL) // if the test fails

	f, err := kerneltest.Dial(info)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	req, err := f.Send(kerneltest.Shell, "execute_request", map[string]any{"code": "for {\n}"})
	if err != nil {
		t.Fatal(err)
	}
	for {
		m, err := f.NextIOPub(30 * time.Second)
		if err != nil {
			t.Fatal(err)
		}
		if m.Header.MsgType == "execute_input" && kerneltest.ParentID(m) == req.Header.MsgID {
			break
		}
	}
	if !alive(kpid) {
		t.Fatal("the kernel exited while its frontend was alive")
	}
	if err := sh.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	sh.Wait()
	deadline := time.Now().Add(10 * parentPollInterval)
	for alive(kpid) {
		if time.Now().After(deadline) {
			t.Fatalf("kernel %d still running %v after its frontend died", kpid, 10*parentPollInterval)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// alive reports whether pid is a running process (not gone, not a zombie
// waiting for a parent that does not reap it).
func alive(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	return i < 0 || i+2 >= len(s) || s[i+2] != 'Z'
}
