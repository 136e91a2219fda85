package main

import (
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel/kerneltest"
	"github.com/gokernel/gokernel/kernel/transport"
	"github.com/gokernel/gokernel/kernel/wire"
)

// freePort asks the system for a free loopback port.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// connectionFile writes a connection file of free loopback ports and a
// fresh key, as a frontend does before it starts a kernel.
func connectionFile(t *testing.T) (transport.ConnectionInfo, string) {
	t.Helper()
	info := transport.ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", Key: wire.NewID(),
		SignatureScheme: "hmac-sha256", ShellPort: freePort(t), ControlPort: freePort(t),
		IOPubPort: freePort(t), StdinPort: freePort(t), HBPort: freePort(t)}
	b, _ := json.Marshal(info)
	conn := filepath.Join(t.TempDir(), "kernel.json")
	if err := os.WriteFile(conn, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return info, conn
}

// executeCell runs code through f and returns the execute_reply content
// and the text the cell showed (see executeWithin).
func executeCell(t *testing.T, f *kerneltest.Frontend, code string) (map[string]any, string) {
	t.Helper()
	return executeWithin(t, f, code, 30*time.Second, 30*time.Second)
}

// executeWithin runs code through f, waiting up to replyWait for the
// execute_reply and then up to outputWait for the cell's IOPub messages,
// and returns the reply's content and the text the cell showed: stdout,
// stderr, the result's text, the error's name and value.
func executeWithin(t *testing.T, f *kerneltest.Frontend, code string, replyWait, outputWait time.Duration) (map[string]any, string) {
	t.Helper()
	req, err := f.Send(kerneltest.Shell, "execute_request", map[string]any{"code": code})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := f.Reply(kerneltest.Shell, req, replyWait)
	if err != nil {
		t.Fatalf("%s: %v", code, err)
	}
	msgs, err := f.IOPub(req, outputWait)
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	for _, m := range msgs {
		c := kerneltest.Content(m)
		switch m.Header.MsgType {
		case "stream":
			out.WriteString(c["text"].(string))
		case "execute_result":
			out.WriteString(c["data"].(map[string]any)["text/plain"].(string))
		case "error":
			out.WriteString(c["ename"].(string) + ": " + c["evalue"].(string))
		}
	}
	return kerneltest.Content(rep), out.String()
}

// TestKernelCommand runs "gokernel kernel" in-process with the real
// engine and drives it as a frontend: output, a result, SIGINT during a
// sleep (the process must survive it) and shutdown.
func TestKernelCommand(t *testing.T) {
	info, conn := connectionFile(t)
	done := make(chan error, 1)
	go func() { done <- runKernel([]string{"--connection-file", conn, "--log-level", "warn"}) }()
	f, err := kerneltest.Dial(info)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	execute := func(code string) (map[string]any, string) { return executeCell(t, f, code) }
	if rep, out := execute("import (\n\t\"fmt\"\n\t\"time\"\n)\nx := 40\nfmt.Println(\"hello, world\")"); rep["status"] != "ok" || out != "hello, world\n" {
		t.Errorf("hello: %v %q", rep, out)
	}
	if rep, out := execute("x + 2"); rep["status"] != "ok" || out != "42" {
		t.Errorf("x + 2: %v %q", rep, out)
	}

	req, _ := f.Send(kerneltest.Shell, "execute_request", map[string]any{"code": "time.Sleep(time.Hour)"})
	time.Sleep(300 * time.Millisecond)
	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	rep, err := f.Reply(kerneltest.Shell, req, 10*time.Second)
	if err != nil {
		t.Fatalf("SIGINT did not stop the sleep: %v", err)
	}
	if c := kerneltest.Content(rep); c["status"] != "error" {
		t.Errorf("interrupted cell: %v", c)
	}
	if rep, out := execute("x"); rep["status"] != "ok" || out != "40" {
		t.Errorf("state after SIGINT: %v %q", rep, out)
	}

	if _, err := f.Send(kerneltest.Control, "shutdown_request", map[string]any{"restart": false}); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("kernel command: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("kernel command did not return after shutdown_request")
	}
}
