package kerneltest

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel"
	"github.com/gokernel/gokernel/kernel/transport"
	"github.com/gokernel/gokernel/kernel/wire"
)

// Server is a kernel running in-process for a test, with a Frontend
// connected to it.
type Server struct {
	*Frontend
	// Kernel is the kernel under test.
	Kernel *kernel.Kernel
	done   chan struct{}
}

// Loopback is connection information for a kernel on 127.0.0.1 with
// ports chosen by the system and a fresh signing key.
func Loopback() transport.ConnectionInfo {
	return transport.ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", Key: wire.NewID(),
		SignatureScheme: "hmac-sha256"}
}

// Start runs a kernel with interp on loopback and connects a Frontend to
// it; both stop when the test ends.
func Start(t testing.TB, interp kernel.Interpreter) *Server {
	t.Helper()
	return StartConfig(t, kernel.Config{Connection: Loopback(), Interpreter: interp})
}

// StartConfig is Start with a full configuration. Kernel logs go to the
// test log unless cfg.Logger is set.
func StartConfig(t testing.TB, cfg kernel.Config) *Server {
	t.Helper()
	if cfg.Logger == nil {
		w := &testWriter{t: t}
		t.Cleanup(w.close) // registered first, so it runs last
		cfg.Logger = slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	k, err := kernel.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &Server{Kernel: k, done: make(chan struct{})}
	go func() {
		defer close(s.done)
		_, _ = k.Run(ctx)
	}()
	f, err := Dial(k.Connection())
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	s.Frontend = f
	t.Cleanup(func() {
		f.Close()
		cancel()
		<-s.done
	})
	return s
}

// Done is closed when the kernel's Run has returned (after a
// shutdown_request, or at the end of the test).
func (s *Server) Done() <-chan struct{} { return s.done }

// WaitDone waits up to timeout for the kernel to stop.
func (s *Server) WaitDone(timeout time.Duration) bool {
	select {
	case <-s.done:
		return true
	case <-time.After(timeout):
		return false
	}
}

// testWriter sends log lines to the test log until the test ends.
type testWriter struct {
	t      testing.TB
	mu     sync.Mutex
	closed bool
}

func (w *testWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.closed {
		w.t.Log(strings.TrimSuffix(string(p), "\n"))
	}
	return len(p), nil
}

func (w *testWriter) close() {
	w.mu.Lock()
	w.closed = true
	w.mu.Unlock()
}
