package kernel_test

import (
	"context"
	"fmt"
	"log/slog"
	"os"

	"github.com/gokernel/gokernel/kernel"
	"github.com/gokernel/gokernel/kernel/transport"
)

// A kernel serves the sockets of a connection file with an Interpreter
// until a frontend sends shutdown_request (or ctx ends).
func ExampleNew() {
	info := transport.ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", Key: "a-secret",
		SignatureScheme: "hmac-sha256"} // ports 0: the system picks them
	k, err := kernel.New(kernel.Config{
		Connection:  info,
		Interpreter: newScriptInterp(),
		Logger:      slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx, stop := context.WithCancel(context.Background())
	stop() // a real kernel would run until shutdown_request
	_, err = k.Run(ctx)
	fmt.Println(k.Connection().ShellPort > 0, err)
	// Output: true context canceled
}
