package transport

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"time"

	"github.com/go-zeromq/zmq4"
)

// sendTimeout bounds a send to a peer that has gone away, so that a
// vanished frontend cannot stall the kernel.
const sendTimeout = 10 * time.Second

// Sockets are a kernel's listening sockets.
type Sockets struct {
	Shell, Control, Stdin, IOPub, HB zmq4.Socket
	// Info is the connection information with the ports actually bound
	// (tcp port 0 in the request becomes the port the system chose).
	Info ConnectionInfo
}

// Listen binds the five sockets of info. logger receives zmq4's own
// diagnostics. The sockets live until Close or until ctx is cancelled.
func Listen(ctx context.Context, info ConnectionInfo, logger *log.Logger) (*Sockets, error) {
	if err := info.Validate(); err != nil {
		return nil, err
	}
	opts := []zmq4.Option{zmq4.WithTimeout(sendTimeout), zmq4.WithLogger(logger)}
	s := &Sockets{
		Shell:   zmq4.NewRouter(ctx, opts...),
		Control: zmq4.NewRouter(ctx, opts...),
		Stdin:   zmq4.NewRouter(ctx, opts...),
		IOPub:   zmq4.NewPub(ctx, opts...),
		HB:      zmq4.NewRep(ctx, opts...),
	}
	s.Info = info
	binds := []struct {
		sock zmq4.Socket
		port *int
		name string
	}{
		{s.Shell, &s.Info.ShellPort, "shell"},
		{s.Control, &s.Info.ControlPort, "control"},
		{s.Stdin, &s.Info.StdinPort, "stdin"},
		{s.IOPub, &s.Info.IOPubPort, "iopub"},
		{s.HB, &s.Info.HBPort, "hb"},
	}
	for _, b := range binds {
		if err := b.sock.Listen(BufferedEndpoint(info.Endpoint(*b.port))); err != nil {
			s.Close()
			return nil, fmt.Errorf("%s socket: %w", b.name, err)
		}
		if tcp, ok := b.sock.Addr().(*net.TCPAddr); ok {
			*b.port = tcp.Port
		}
	}
	return s, nil
}

// Close closes every socket.
func (s *Sockets) Close() error {
	var errs []error
	for _, sock := range []zmq4.Socket{s.Shell, s.Control, s.Stdin, s.IOPub, s.HB} {
		errs = append(errs, sock.Close())
	}
	return errors.Join(errs...)
}

// ServeHeartbeat echoes every heartbeat ping until ctx is cancelled (the
// context the sockets were created with, or one that ends before it). A
// malformed ping is skipped.
func (s *Sockets) ServeHeartbeat(ctx context.Context) {
	for ctx.Err() == nil {
		msg, err := s.HB.Recv()
		if err != nil {
			continue
		}
		_ = s.HB.Send(msg) // a ping whose peer left needs no answer
	}
}
