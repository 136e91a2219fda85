package main

import (
	"context"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/gokernel/gokernel/engine"
	"github.com/gokernel/gokernel/internal/procgroup"
	"github.com/gokernel/gokernel/kernel"
	"github.com/gokernel/gokernel/kernel/transport"
	"github.com/gokernel/gokernel/widgets"
)

func init() {
	register(command{name: "kernel", summary: "serve a Jupyter frontend (run by kernel.json)", run: runKernel})
}

// runKernel serves the frontend of a connection file with the yaegi
// engine until shutdown_request, SIGTERM, or the death of the frontend
// that started it (JPY_PARENT_PID). SIGINT interrupts the running cell
// instead of ending the process.
func runKernel(args []string) error {
	fs := newFlagSet("kernel")
	connFile := fs.String("connection-file", "", "the Jupyter connection `file` (required)")
	level := fs.String("log-level", "warn", "log `level` on stderr: debug, info, warn or error")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *connFile == "" {
		return usageError("--connection-file is required")
	}
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(strings.ToUpper(*level))); err != nil {
		return usageError("--log-level %q: want debug, info, warn or error", *level)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: lvl}))

	info, err := transport.ReadConnectionFile(*connFile)
	if err != nil {
		return err
	}
	// The engine is built once the first kernel_info_reply is out (the
	// start as a frontend sees it), or when a request needs it first
	// (see startingEngine).
	eng := newStartingEngine(engine.New, logger)
	// Shutdown, restart (a new process), SIGTERM or the frontend gone:
	// the processes that cells started end with the kernel.
	defer procgroup.KillAll()
	k, err := kernel.New(kernel.Config{Connection: info, Interpreter: eng, Logger: logger})
	if err != nil {
		return err
	}
	widgets.Serve(k)

	interrupts := make(chan os.Signal, 1)
	signal.Notify(interrupts, os.Interrupt)
	defer signal.Stop(interrupts)
	go func() {
		for range interrupts {
			logger.Info("SIGINT: interrupting the running cell")
			k.Interrupt()
		}
	}()
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	watchParent(ctx, stop, logger)

	served := make(chan struct{})
	defer close(served)
	go func() {
		select {
		case <-k.KernelInfoSent():
			eng.begin()
		case <-served:
		}
	}()
	restart, err := k.Run(ctx)
	if ctx.Err() != nil {
		logger.Info("SIGTERM or the frontend gone: exiting")
		return nil
	}
	logger.Info("kernel stopped", "restart", restart)
	return err
}
