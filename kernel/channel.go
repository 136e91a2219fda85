package kernel

import (
	"encoding/json"
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
		k.log.Debug("received", "socket", name, "msg_type", msg.Header.MsgType, "msg_id", msg.Header.MsgID)
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
	k.log.Debug("sent", "socket", name, "msg_type", msg.Header.MsgType)
}

// newMessage builds an outgoing message answering parent (nil for none).
func (k *Kernel) newMessage(msgType string, parent *wire.Message, content any) *wire.Message {
	var parentHeader json.RawMessage
	if parent != nil {
		parentHeader = parent.RawHeader
	}
	msg := wire.New(k.session, msgType, parentHeader)
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
func (k *Kernel) status(state string, parent *wire.Message) {
	k.publish("status", parent, map[string]string{"execution_state": state})
}
