package kerneltest

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/go-zeromq/zmq4"
	"github.com/gokernel/gokernel/kernel/transport"
	"github.com/gokernel/gokernel/kernel/wire"
)

// Channel names a socket of the frontend.
type Channel int

// The channels a frontend sends requests on.
const (
	Shell Channel = iota
	Control
	Stdin
)

// String names the channel: "shell", "control" or "stdin".
func (c Channel) String() string {
	return [...]string{"shell", "control", "stdin"}[c]
}

// Timeout is how long the helpers wait for a message by default.
const Timeout = 10 * time.Second

// Frontend is a fake Jupyter frontend connected to one kernel.
type Frontend struct {
	// Info is the kernel's connection information.
	Info transport.ConnectionInfo
	// Session is the frontend's session id (also its socket identity).
	Session string
	// FirstReply is when Dial received the kernel's first
	// kernel_info_reply (the kernel's start-up time is measured to it).
	FirstReply time.Time

	ctx     context.Context
	cancel  context.CancelFunc
	codec   *wire.Codec
	sockets [3]zmq4.Socket // by Channel
	iopub   zmq4.Socket
	hb      zmq4.Socket
	boxes   [3]*mailbox // replies by Channel (stdin: input_request)
	iopubs  *mailbox
}

// Dial connects a Frontend to the kernel described by info and waits
// until its IOPub subscription is live (by sending kernel_info_request
// until an IOPub message arrives, as jupyter_server does). The messages of
// that handshake are discarded.
func Dial(info transport.ConnectionInfo) (*Frontend, error) {
	signer, err := wire.NewSigner(info.SignatureScheme, []byte(info.Key))
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	f := &Frontend{Info: info, Session: wire.NewID(), ctx: ctx, cancel: cancel,
		codec: wire.NewCodec(signer, nil), iopubs: newMailbox()}
	id := zmq4.WithID(zmq4.SocketIdentity(f.Session))
	// Retry dialing every 5 ms for up to Timeout: a kernel process that
	// has just been started may not listen yet.
	retry, retries := zmq4.WithDialerRetry(5*time.Millisecond), zmq4.WithDialerMaxRetries(int(Timeout/(5*time.Millisecond)))
	for c := range f.sockets {
		f.sockets[c] = zmq4.NewDealer(ctx, id, retry, retries)
		f.boxes[c] = newMailbox()
	}
	f.iopub = zmq4.NewSub(ctx, retry, retries)
	f.hb = zmq4.NewReq(ctx, retry, retries)
	dials := []struct {
		sock zmq4.Socket
		port int
	}{
		{f.sockets[Shell], info.ShellPort}, {f.sockets[Control], info.ControlPort},
		{f.sockets[Stdin], info.StdinPort}, {f.iopub, info.IOPubPort}, {f.hb, info.HBPort},
	}
	for _, d := range dials {
		if err := d.sock.Dial(transport.BufferedEndpoint(info.Endpoint(d.port))); err != nil {
			f.Close()
			return nil, fmt.Errorf("kerneltest: dial %s: %w", info.Endpoint(d.port), err)
		}
	}
	if err := f.iopub.SetOption(zmq4.OptionSubscribe, ""); err != nil {
		f.Close()
		return nil, err
	}
	for c := range f.sockets {
		go f.receive(f.sockets[c], f.boxes[c])
	}
	go f.receive(f.iopub, f.iopubs)
	if err := f.awaitIOPub(); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// awaitIOPub sends kernel_info_request until IOPub delivers something,
// noting when the first kernel_info_reply arrived.
func (f *Frontend) awaitIOPub() error {
	deadline := time.Now().Add(Timeout)
	for time.Now().Before(deadline) {
		if _, err := f.Send(Shell, "kernel_info_request", map[string]any{}); err != nil {
			return err
		}
		if f.FirstReply.IsZero() {
			if _, err := f.boxes[Shell].take("", Timeout); err != nil {
				return fmt.Errorf("kerneltest: no kernel_info_reply: %w", err)
			}
			f.FirstReply = time.Now()
		}
		if _, err := f.iopubs.take("", 10*time.Millisecond); err == nil {
			// Let the handshake's remaining messages arrive, then forget them.
			time.Sleep(20 * time.Millisecond)
			f.Flush()
			return nil
		}
	}
	return fmt.Errorf("kerneltest: IOPub never delivered a message: %w", ErrTimeout)
}

// receive decodes messages from sock into box until the frontend closes.
// Undecodable messages from the kernel are a bug in the kernel: they are
// kept as a message of type "kerneltest_bad_message" so that tests see
// them.
func (f *Frontend) receive(sock zmq4.Socket, box *mailbox) {
	for {
		raw, err := sock.Recv()
		if f.ctx.Err() != nil {
			return
		}
		if err != nil {
			continue
		}
		msg, err := f.codec.Decode(raw.Frames)
		if err != nil {
			msg = &wire.Message{Header: wire.Header{MsgType: "kerneltest_bad_message"}}
			_ = msg.SetContent(map[string]string{"error": err.Error()})
		}
		box.put(msg)
	}
}

// Close disconnects the frontend.
func (f *Frontend) Close() {
	f.cancel()
	for _, s := range append(f.sockets[:], f.iopub, f.hb) {
		if s != nil {
			s.Close()
		}
	}
}

// NewMessage builds a request of msgType with content, in the frontend's
// session, ready to be sent (or tampered with).
func (f *Frontend) NewMessage(msgType string, content any) (*wire.Message, error) {
	msg := wire.New(f.Session, msgType, nil)
	msg.Header.Username = "kerneltest"
	if err := msg.SetContent(content); err != nil {
		return nil, err
	}
	return msg, nil
}

// Send sends a new msgType request with content on ch and returns it.
func (f *Frontend) Send(ch Channel, msgType string, content any) (*wire.Message, error) {
	msg, err := f.NewMessage(msgType, content)
	if err != nil {
		return nil, err
	}
	return msg, f.SendMessage(ch, msg)
}

// SendMessage signs and sends msg on ch.
func (f *Frontend) SendMessage(ch Channel, msg *wire.Message) error {
	frames, err := f.codec.Encode(msg)
	if err != nil {
		return err
	}
	return f.SendFrames(ch, frames)
}

// SendFrames sends raw frames on ch, whatever they hold.
func (f *Frontend) SendFrames(ch Channel, frames [][]byte) error {
	return f.sockets[ch].SendMulti(zmq4.NewMsgFrom(frames...))
}

// Encode returns the frames of msg as SendMessage would send them.
func (f *Frontend) Encode(msg *wire.Message) ([][]byte, error) { return f.codec.Encode(msg) }

// Reply waits for the reply to request on ch (on Stdin: the kernel's
// next message that has request as parent).
func (f *Frontend) Reply(ch Channel, request *wire.Message, timeout time.Duration) (*wire.Message, error) {
	return f.boxes[ch].take(request.Header.MsgID, timeout)
}

// Next waits for the next message the kernel sends on ch, whatever its
// parent.
func (f *Frontend) Next(ch Channel, timeout time.Duration) (*wire.Message, error) {
	return f.boxes[ch].take("", timeout)
}

// IOPub collects the IOPub messages whose parent is request, from status
// busy to status idle inclusive.
func (f *Frontend) IOPub(request *wire.Message, timeout time.Duration) ([]*wire.Message, error) {
	deadline := time.Now().Add(timeout)
	var got []*wire.Message
	for {
		msg, err := f.iopubs.take(request.Header.MsgID, time.Until(deadline))
		if err != nil {
			return got, fmt.Errorf("after %d IOPub messages: %w", len(got), err)
		}
		got = append(got, msg)
		if msg.Header.MsgType == "status" && State(msg) == "idle" {
			return got, nil
		}
	}
}

// NextIOPub waits for the next IOPub message whatever its parent.
func (f *Frontend) NextIOPub(timeout time.Duration) (*wire.Message, error) {
	return f.iopubs.take("", timeout)
}

// Flush forgets every message received and not yet taken.
func (f *Frontend) Flush() {
	for _, b := range f.boxes {
		b.drain()
	}
	f.iopubs.drain()
}

// Ping sends a heartbeat and waits for its echo.
func (f *Frontend) Ping(timeout time.Duration) error {
	payload := []byte("ping " + wire.NewID())
	errc := make(chan error, 1)
	go func() {
		if err := f.hb.Send(zmq4.NewMsg(payload)); err != nil {
			errc <- err
			return
		}
		msg, err := f.hb.Recv()
		if err == nil && (len(msg.Frames) != 1 || string(msg.Frames[0]) != string(payload)) {
			err = fmt.Errorf("kerneltest: heartbeat echoed %q", msg.Frames)
		}
		errc <- err
	}()
	select {
	case err := <-errc:
		return err
	case <-time.After(timeout):
		return fmt.Errorf("kerneltest: heartbeat: %w", ErrTimeout)
	}
}

// ParentID is the msg_id of msg's parent, "" when it has none.
func ParentID(msg *wire.Message) string {
	var h wire.Header
	_ = json.Unmarshal(msg.ParentHeader, &h)
	return h.MsgID
}

// State is the execution_state of a status message.
func State(msg *wire.Message) string {
	var c struct {
		State string `json:"execution_state"`
	}
	_ = msg.Unmarshal(&c)
	return c.State
}

// Content decodes msg's content into a map.
func Content(msg *wire.Message) map[string]any {
	var c map[string]any
	_ = msg.Unmarshal(&c)
	return c
}
