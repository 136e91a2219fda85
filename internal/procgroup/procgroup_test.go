package procgroup_test

import (
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gokernel/gokernel/internal/procgroup"
)

// gone reports whether pid has ended (it may wait as a zombie to be
// reaped).
func gone(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return true
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	return i >= 0 && i+2 < len(s) && s[i+2] == 'Z'
}

func TestKillAllEndsChildrenAndTheirChildren(t *testing.T) {
	c := procgroup.Command("/bin/sh", "-c", "sleep 1000 & echo $!; wait")
	out, err := c.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 32)
	n, err := out.Read(buf)
	if err != nil {
		t.Fatal(err)
	}
	grandchild, err := strconv.Atoi(strings.TrimSpace(string(buf[:n])))
	if err != nil {
		t.Fatal(err)
	}
	p, err := procgroup.StartProcess("/bin/sleep", []string{"sleep", "1001"}, &os.ProcAttr{})
	if err != nil {
		t.Fatal(err)
	}
	if pg, _ := syscall.Getpgid(p.Pid); pg != p.Pid {
		t.Errorf("StartProcess: child in group %d, want its own %d", pg, p.Pid)
	}
	sent := procgroup.Signal(syscall.SIGKILL)
	if len(sent) != 2 {
		t.Errorf("signalled groups %v, want 2", sent)
	}
	c.Wait()
	p.Wait()
	// The killed grandchild is reparented; it ends when the signal is
	// delivered.
	deadline := time.Now().Add(10 * time.Second)
	for !gone(grandchild) {
		if time.Now().After(deadline) {
			syscall.Kill(grandchild, syscall.SIGKILL)
			t.Fatalf("grandchild %d outlived the group's SIGKILL", grandchild)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
