package kernel

import (
	"context"
	"encoding/json"
	"log/slog"
	"sync"

	"github.com/go-zeromq/zmq4"
	"github.com/gokernel/gokernel/kernel/wire"
)

// receive reads socket until the kernel stops, decoding each message and
// passing it to handle. Whatever fails to decode — bad or missing
// signature, replay, garbage, invalid JSON, missing header fields — is
// logged and dropped.
func (k *Kernel) receive(name string, sock zmq4.Socket, handle func(*wire.Message)) {
	for {
		raw, err := sock.Recv()
		if k.ctx.Err() != nil {
			return
		}
		if err != nil {
			k.log.Warn("receive failed", "socket", name, "err", err)
			continue
		}
		msg, err := k.codec.Decode(raw.Frames)
		if err != nil {
			k.log.Warn("dropped message", "socket", name, "err", err, "frames", len(raw.Frames))
			continue
		}
		if k.debug() {
			k.log.Debug("received", "socket", name, "msg_type", msg.Header.MsgType, "msg_id", msg.Header.MsgID)
		}
		handle(msg)
	}
}

// send encodes and sends msg on sock, serialised by mu.
func (k *Kernel) send(name string, sock zmq4.Socket, mu *sync.Mutex, msg *wire.Message) {
	frames, err := k.codec.Encode(msg)
	if err != nil {
		k.log.Error("encode failed", "socket", name, "msg_type", msg.Header.MsgType, "err", err)
		return
	}
	mu.Lock()
	err = sock.SendMulti(zmq4.NewMsgFrom(frames...))
	mu.Unlock()
	if err != nil {
		k.log.Warn("send failed", "socket", name, "msg_type", msg.Header.MsgType, "err", err)
		return
	}
	if k.debug() {
		k.log.Debug("sent", "socket", name, "msg_type", msg.Header.MsgType)
	}
}

// debug reports whether debug logging is on: the arguments of a Debug
// call on the message path cost allocations even when it logs nothing.
func (k *Kernel) debug() bool { return k.log.Enabled(context.Background(), slog.LevelDebug) }

// newMessage builds an outgoing message answering parent (nil for none).
func (k *Kernel) newMessage(msgType string, parent *wire.Message, content any) *wire.Message {
	var parentHeader json.RawMessage
	if parent != nil {
		parentHeader = parent.RawHeader
	}
	msg := wire.New(k.session, msgType, parentHeader)
	if raw, ok := content.(json.RawMessage); ok {
		msg.Content = raw
		return msg
	}
	if err := msg.SetContent(content); err != nil {
		// Content is built by the kernel from JSON-able values; a value an
		// interpreter put in a bundle may not be. Say so instead.
		k.log.Error("unencodable content", "msg_type", msgType, "err", err)
		_ = msg.SetContent(map[string]any{"status": "error", "ename": "EncodingError",
			"evalue": err.Error(), "traceback": []string{err.Error()}})
	}
	return msg
}

// publish sends a message on IOPub with parent as its parent.
func (k *Kernel) publish(msgType string, parent *wire.Message, content any) {
	k.send("iopub", k.socks.IOPub, &k.iopubOut, k.newMessage(msgType, parent, content))
}

// status publishes the kernel's execution_state with parent as parent.
func (k *Kernel) status(state executionState, parent *wire.Message) {
	k.publish("status", parent, statusContent[state])
}

// executionState is a state a status message announces.
type executionState int

const (
	busy executionState = iota
	idle
)

// statusContent is the content of the status messages, two of which go
// with every request: marshalled once.
var statusContent = [...]json.RawMessage{
	busy: json.RawMessage(`{"execution_state":"busy"}`),
	idle: json.RawMessage(`{"execution_state":"idle"}`),
}
