package kernel

import (
	"context"
	"errors"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/gokernel/gokernel/kernel/wire"
)

// Stream text is coalesced into one stream message per streamDelay (or
// per streamMax bytes), so that a chatty cell sends few messages while a
// long one still shows its lines as they happen.
const (
	streamDelay = 20 * time.Millisecond
	streamMax   = 64 << 10
)

// ErrStdinNotAllowed is returned by Output.Input when the execute request
// did not allow stdin.
var ErrStdinNotAllowed = errors.New("kernel: the frontend does not allow input (allow_stdin is false)")

// cellOutput is the kernel's Output for one execute request: every call
// becomes an IOPub message whose parent is the request.
type cellOutput struct {
	k          *Kernel
	parent     *wire.Message
	silent     bool
	allowStdin bool
	ctx        context.Context // set by run; cancelled on interrupt

	mu     sync.Mutex
	stream string // name of the buffered stream
	buf    []byte
	timer  *time.Timer
}

func newCellOutput(k *Kernel, parent *wire.Message, silent, allowStdin bool) *cellOutput {
	return &cellOutput{k: k, parent: parent, silent: silent, allowStdin: allowStdin, ctx: k.ctx}
}

// Stream implements Output.
func (o *cellOutput) Stream(name, text string) {
	if o.silent || text == "" {
		return
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if name != o.stream {
		o.flushLocked()
		o.stream = name
	}
	o.buf = append(o.buf, text...)
	switch {
	case len(o.buf) >= streamMax:
		o.sendStream(false)
	case o.timer == nil:
		o.timer = time.AfterFunc(streamDelay, o.flushRunes)
	}
}

// Display implements Output.
func (o *cellOutput) Display(data, metadata map[string]any, id string, update bool) {
	if o.silent {
		return
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	o.flushLocked()
	transient := map[string]any{}
	if id != "" {
		transient["display_id"] = id
	}
	msgType := "display_data"
	if update {
		msgType = "update_display_data"
	}
	o.k.publish(msgType, o.parent, map[string]any{
		"data": orEmpty(data), "metadata": orEmpty(metadata), "transient": transient,
	})
}

// ClearOutput implements Output.
func (o *cellOutput) ClearOutput(wait bool) {
	if o.silent {
		return
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	o.flushLocked()
	o.k.publish("clear_output", o.parent, map[string]any{"wait": wait})
}

// Input implements Output: it sends input_request on stdin to the
// frontend that sent the execute request and waits for its input_reply,
// or for an interrupt.
func (o *cellOutput) Input(prompt string, password bool) (string, error) {
	if !o.allowStdin {
		return "", ErrStdinNotAllowed
	}
	o.flush()
	// Forget a reply left over from an earlier, interrupted request.
	select {
	case <-o.k.stdinReplies:
	default:
	}
	msg := o.k.newMessage("input_request", o.parent, map[string]any{"prompt": prompt, "password": password})
	msg.Identities = o.parent.Identities
	o.k.send("stdin", o.k.socks.Stdin, &o.k.stdinOut, msg)
	select {
	case reply := <-o.k.stdinReplies:
		var content struct {
			Value string `json:"value"`
		}
		if err := reply.Unmarshal(&content); err != nil {
			return "", err
		}
		return content.Value, nil
	case <-o.ctx.Done():
		return "", o.ctx.Err()
	}
}

// flush sends all the buffered stream text now.
func (o *cellOutput) flush() {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.flushLocked()
}

// flushRunes sends the buffered text except a trailing incomplete UTF-8
// sequence, whose rest is still to come.
func (o *cellOutput) flushRunes() {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.sendStream(false)
}

func (o *cellOutput) flushLocked() { o.sendStream(true) }

// sendStream publishes the buffer as one stream message; unless all is
// set it keeps back a rune cut in the middle.
func (o *cellOutput) sendStream(all bool) {
	if o.timer != nil {
		o.timer.Stop()
		o.timer = nil
	}
	n := len(o.buf)
	if !all {
		n = completeRunes(o.buf)
	}
	if n == 0 {
		return
	}
	o.k.publish("stream", o.parent, map[string]any{"name": o.stream, "text": string(o.buf[:n])})
	o.buf = append(o.buf[:0], o.buf[n:]...)
}

// completeRunes is the length of the longest prefix of b that does not
// end inside a UTF-8 sequence.
func completeRunes(b []byte) int {
	start := len(b) - 1
	for start > 0 && start > len(b)-utf8.UTFMax && !utf8.RuneStart(b[start]) {
		start--
	}
	if start >= 0 && !utf8.FullRune(b[start:]) {
		return start
	}
	return len(b)
}

// handleStdin passes input_reply messages to the waiting Input call.
func (k *Kernel) handleStdin(msg *wire.Message) {
	if msg.Header.MsgType != "input_reply" {
		k.log.Warn("unexpected message on stdin", "msg_type", msg.Header.MsgType)
		return
	}
	select {
	case k.stdinReplies <- msg:
	default:
		k.log.Warn("input_reply nobody asked for", "msg_id", msg.Header.MsgID)
	}
}
