// Package procgroup puts the child processes that notebook cells start in
// process groups of their own, so that the kernel can signal them when a
// cell is interrupted and kill them, with everything they started, when it
// shuts down, restarts or exits: nothing a cell started outlives the
// kernel.
//
// Command, CommandContext and StartProcess replace exec.Command,
// exec.CommandContext and os.StartProcess for interpreted code: the child
// becomes the leader of a new process group (SysProcAttr.Setpgid), which
// its own children join. Signal finds the groups by the kernel's children
// (/proc) and by the groups it recorded, so grandchildren whose parent
// ended are reached too.
package procgroup

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
)

var (
	mu     sync.Mutex
	groups = map[int]bool{} // process groups of children started through this package
)

// Command is exec.Command with the child in a process group of its own.
func Command(name string, arg ...string) *exec.Cmd {
	c := exec.Command(name, arg...)
	c.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	return c
}

// CommandContext is exec.CommandContext with the child in a process group
// of its own.
func CommandContext(ctx context.Context, name string, arg ...string) *exec.Cmd {
	c := exec.CommandContext(ctx, name, arg...)
	c.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	return c
}

// StartProcess is os.StartProcess with the child in a process group of
// its own (attr's other settings kept).
func StartProcess(name string, argv []string, attr *os.ProcAttr) (*os.Process, error) {
	a := os.ProcAttr{}
	if attr != nil {
		a = *attr
	}
	sys := syscall.SysProcAttr{}
	if a.Sys != nil {
		sys = *a.Sys
	}
	sys.Setpgid = true
	a.Sys = &sys
	p, err := os.StartProcess(name, argv, &a)
	if err == nil {
		mu.Lock()
		groups[p.Pid] = true
		mu.Unlock()
	}
	return p, err
}

// Signal sends sig to the process group of every child of this process
// that is not in the process's own group, and to the groups StartProcess
// recorded that still exist. It returns the groups it signalled.
func Signal(sig syscall.Signal) []int {
	own := syscall.Getpgrp()
	found := childGroups(os.Getpid())
	mu.Lock()
	defer mu.Unlock()
	for g := range groups {
		found[g] = true
	}
	var sent []int
	for g := range found {
		if g <= 1 || g == own {
			continue
		}
		if err := syscall.Kill(-g, sig); errors.Is(err, syscall.ESRCH) {
			delete(groups, g)
			continue
		}
		groups[g] = true
		sent = append(sent, g)
	}
	return sent
}

// Interrupt sends SIGINT to the children's process groups, as a terminal's
// Ctrl-C would.
func Interrupt() { Signal(syscall.SIGINT) }

// KillAll sends SIGKILL to the children's process groups.
func KillAll() { Signal(syscall.SIGKILL) }

// childGroups returns the process groups of the children of pid, read
// from /proc.
func childGroups(pid int) map[int]bool {
	found := map[int]bool{}
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return found
	}
	for _, e := range entries {
		if _, err := strconv.Atoi(e.Name()); err != nil {
			continue
		}
		b, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		// pid (comm) state ppid pgrp ...; comm may hold spaces.
		s := string(b)
		i := strings.LastIndexByte(s, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(s[i+1:])
		if len(f) < 3 {
			continue
		}
		ppid, _ := strconv.Atoi(f[1])
		pgrp, _ := strconv.Atoi(f[2])
		if ppid == pid && f[0] != "Z" {
			found[pgrp] = true
		}
	}
	return found
}
