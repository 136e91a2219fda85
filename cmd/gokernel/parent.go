package main

import (
	"context"
	"log/slog"
	"os"
	"strconv"
	"time"
)

// parentPollInterval is how often the kernel checks that the process that
// started it is still there.
const parentPollInterval = time.Second

// watchParent ends the kernel when the frontend process that started it
// has died. jupyter_client names itself in JPY_PARENT_PID; when that
// process is gone, the kernel has been handed to another parent (init or
// a subreaper), and nothing will ever send it shutdown_request: without
// this check a console killed with kill -9, or a closed terminal, would
// leave the kernel running — and burning a core if a cell loops. As
// ipykernel does, the check runs only when JPY_PARENT_PID names a process
// other than init. It watches the kernel's parent at start: that is the
// frontend, or a wrapper between them (a kernel.json that starts gokernel
// through a script), which lives as long as the kernel. stop is called
// once, when the parent is gone.
func watchParent(ctx context.Context, stop func(), logger *slog.Logger) {
	if frontend, err := strconv.Atoi(os.Getenv("JPY_PARENT_PID")); err != nil || frontend <= 1 {
		return
	}
	pid := os.Getppid()
	if pid <= 1 {
		return // already an orphan at start: nothing to watch
	}
	go func() {
		tick := time.NewTicker(parentPollInterval)
		defer tick.Stop()
		for {
			if os.Getppid() != pid {
				logger.Warn("the frontend that started the kernel is gone: exiting", "parent", pid, "new parent", os.Getppid())
				stop()
				return
			}
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
		}
	}()
}
