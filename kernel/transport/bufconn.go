package transport

import (
	"bufio"
	"context"
	"net"
	"sync"

	"github.com/go-zeromq/zmq4"
	zmqtransport "github.com/go-zeromq/zmq4/transport"
)

// zmq4 writes each frame of a ROUTER or REQ/REP message as two writes
// (flags and length, then the body) straight to the connection, and reads
// each frame with two reads: a Jupyter message of six frames costs twelve
// system calls and, with TCP_NODELAY, a reply as many TCP segments. The kernel's sockets use
// connections that fix this on our side of the net.Conn zmq4 is given:
// reads come from a buffer, and writes are held until the ZMTP message
// they belong to is complete, then written with one system call. Nothing
// else changes: the bytes on the wire are the same.

// Buffered transports: zmq4's tcp and ipc transports with bufferedConns,
// registered under these names (zmq4 does not let a program replace its
// own "tcp" and "ipc").
const (
	bufferedTCP = "gokernel-tcp"
	bufferedIPC = "gokernel-ipc"
)

func init() {
	for name, network := range map[string]string{bufferedTCP: "tcp", bufferedIPC: "unix"} {
		if err := zmq4.RegisterTransport(name, bufferedTransport{zmqtransport.New(network)}); err != nil {
			panic(err) // registered twice: a bug
		}
	}
}

// BufferedEndpoint is endpoint (tcp://… or ipc://…) served by the
// buffered transport: what Listen binds, and what a Go frontend dials for
// the same speed-up.
func BufferedEndpoint(endpoint string) string {
	switch {
	case len(endpoint) > 6 && endpoint[:6] == "tcp://":
		return bufferedTCP + endpoint[3:]
	case len(endpoint) > 6 && endpoint[:6] == "ipc://":
		return bufferedIPC + endpoint[3:]
	}
	return endpoint
}

// bufferedTransport wraps the connections of a zmq4 transport.
type bufferedTransport struct{ zmqtransport.Transport }

func (t bufferedTransport) Dial(ctx context.Context, d zmqtransport.Dialer, addr string) (net.Conn, error) {
	c, err := t.Transport.Dial(ctx, d, addr)
	if err != nil {
		return nil, err
	}
	return newBufferedConn(c), nil
}

func (t bufferedTransport) Listen(ctx context.Context, addr string) (net.Listener, error) {
	l, err := t.Transport.Listen(ctx, addr)
	if err != nil {
		return nil, err
	}
	return bufferedListener{l}, nil
}

type bufferedListener struct{ net.Listener }

func (l bufferedListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return newBufferedConn(c), nil
}

// flushSize is the most a bufferedConn holds back: a larger message goes
// out in pieces of about this size as it is written.
const flushSize = 64 << 10

// bufferedConn is a net.Conn with a read buffer and a write buffer that
// is flushed at every end of a ZMTP message.
type bufferedConn struct {
	net.Conn
	r *bufio.Reader

	mu   sync.Mutex
	out  []byte
	scan frameScanner
}

func newBufferedConn(c net.Conn) *bufferedConn {
	return &bufferedConn{Conn: c, r: bufio.NewReaderSize(c, 16<<10)}
}

func (c *bufferedConn) Read(p []byte) (int, error) { return c.r.Read(p) }

// Write buffers p and writes out every complete message. It reports p
// written once it is buffered; an error of the connection is returned by
// the Write that flushes.
func (c *bufferedConn) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	end := c.scan.scan(p)
	if end < 0 && len(c.out) == 0 && len(p) >= flushSize {
		// A large body: no need to copy it.
		return c.Conn.Write(p)
	}
	c.out = append(c.out, p...)
	switch {
	case end >= 0:
		// Everything up to the last message end goes now; the start of
		// a message after it (zmq4 never writes one) waits for its end.
		cut := len(c.out) - len(p) + end
		_, err := c.Conn.Write(c.out[:cut])
		c.out = append(c.out[:0], c.out[cut:]...)
		if err != nil {
			return 0, err
		}
	case len(c.out) >= flushSize:
		_, err := c.Conn.Write(c.out)
		c.out = c.out[:0]
		if err != nil {
			return 0, err
		}
	}
	if len(c.out) == 0 && cap(c.out) > 4*flushSize {
		c.out = nil // do not keep a large message's buffer
	}
	return len(p), nil
}
