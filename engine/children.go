package engine

import (
	"context"
	"reflect"

	"github.com/gokernel/gokernel/internal/procgroup"
)

// Child processes. Cells may import os/exec and syscall (their symbols
// are generated into package symbols). The processes a cell starts with
// exec.Command, exec.CommandContext or os.StartProcess lead process
// groups of their own (package procgroup): an interrupt of the cell sends
// SIGINT to those groups, as Ctrl-C in a terminal would, and the kernel
// command kills them when it shuts down, restarts or exits.

// childOverrides are the replacements of the functions that start
// processes.
func childOverrides() map[string]map[string]reflect.Value {
	return map[string]map[string]reflect.Value{
		"os/exec/exec": {
			"Command":        reflect.ValueOf(procgroup.Command),
			"CommandContext": reflect.ValueOf(procgroup.CommandContext),
		},
		"os/os": {"StartProcess": reflect.ValueOf(procgroup.StartProcess)},
	}
}

// interruptChildren makes an interrupt of the running cell (ctx
// cancelled before the cell ends) send SIGINT to the children's process
// groups. The returned function ends the watch.
func interruptChildren(ctx context.Context) (stop func() bool) {
	return context.AfterFunc(ctx, procgroup.Interrupt)
}
