package kernel

import (
	"fmt"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/go-zeromq/zmq4"
	"github.com/gokernel/gokernel/kernel/wire"
)

// channel names where a request came from and where its reply goes.
type channel int

const (
	shellChannel channel = iota
	controlChannel
)

// request is one message being handled, with the channel it came on.
type request struct {
	msg *wire.Message
	ch  channel
	// immediate is set for a comm message handled on arrival while the
	// kernel is busy (see isCommMessage).
	immediate bool
}

// handler answers one request type.
type handler func(k *Kernel, r *request)

// shellHandlers are the message types served on the shell channel, one
// at a time, by the shell worker; controlHandlers are served on the
// control channel, at once, even while a cell runs. (Set in init: the
// execute handler dispatches queued requests itself.)
var shellHandlers, controlHandlers map[string]handler

func init() {
	shellHandlers = map[string]handler{
		"kernel_info_request": (*Kernel).kernelInfo,
		"execute_request":     (*Kernel).execute,
		"complete_request":    (*Kernel).complete,
		"inspect_request":     (*Kernel).inspect,
		"is_complete_request": (*Kernel).isComplete,
		"history_request":     (*Kernel).historyRequest,
		"comm_info_request":   (*Kernel).commInfo,
		"comm_open":           (*Kernel).commOpen,
		"comm_msg":            (*Kernel).commMsg,
		"comm_close":          (*Kernel).commClose,
		"shutdown_request":    (*Kernel).shutdownRequest,
	}
	controlHandlers = map[string]handler{
		"kernel_info_request": (*Kernel).kernelInfo,
		"shutdown_request":    (*Kernel).shutdownRequest,
		"interrupt_request":   (*Kernel).interruptRequest,
	}
}

// enqueueShell hands a shell message to the shell worker.
func (k *Kernel) enqueueShell(msg *wire.Message) {
	if isCommMessage(msg.Header.MsgType) && k.busy() {
		k.call(shellHandlers[msg.Header.MsgType], &request{msg: msg, ch: shellChannel, immediate: true})
		return
	}
	select {
	case k.shellQueue <- msg:
	case <-k.ctx.Done():
	}
}

// serveShell runs shell requests in order until the kernel stops.
func (k *Kernel) serveShell() {
	for {
		select {
		case msg := <-k.shellQueue:
			k.current.Store(msg)
			k.dispatch(&request{msg: msg, ch: shellChannel}, shellHandlers)
		case <-k.ctx.Done():
			return
		}
	}
}

// handleControl serves a control message on the receiving goroutine.
func (k *Kernel) handleControl(msg *wire.Message) {
	k.dispatch(&request{msg: msg, ch: controlChannel}, controlHandlers)
}

// dispatch wraps the handling of r in status busy and idle, with r as
// parent. An unknown request type is logged and answered with an error
// reply; other unknown messages are only logged.
func (k *Kernel) dispatch(r *request, handlers map[string]handler) {
	k.status(busy, r.msg)
	defer k.status(idle, r.msg)
	msgType := r.msg.Header.MsgType
	if h, ok := handlers[msgType]; ok {
		k.call(h, r)
		return
	}
	k.log.Warn("unhandled message type", "msg_type", msgType, "channel", r.ch.String())
	if base, ok := strings.CutSuffix(msgType, "_request"); ok {
		k.reply(r, base+"_reply", map[string]any{
			"status": "error", "ename": "UnknownMessageType",
			"evalue":    msgType + " is not served on the " + r.ch.String() + " channel",
			"traceback": []string{},
		})
	}
}

// call runs h, containing a panic (of the Interpreter's Complete,
// Inspect or IsComplete, say): it is logged and a request gets an error
// reply.
func (k *Kernel) call(h handler, r *request) {
	defer func() {
		p := recover()
		if p == nil {
			return
		}
		msgType := r.msg.Header.MsgType
		k.log.Error("handler panicked", "msg_type", msgType, "panic", p, "stack", string(debug.Stack()))
		if base, ok := strings.CutSuffix(msgType, "_request"); ok {
			k.reply(r, base+"_reply", map[string]any{
				"status": "error", "ename": "InternalError", "evalue": fmt.Sprint(p), "traceback": []string{},
			})
		}
	}()
	h(k, r)
}

// reply answers r on the channel it came from, echoing its identities.
func (k *Kernel) reply(r *request, msgType string, content any) {
	msg := k.newMessage(msgType, r.msg, content)
	msg.Identities = r.msg.Identities
	sock, mu := k.socketOf(r.ch)
	k.send(r.ch.String(), sock, mu, msg)
}

func (k *Kernel) socketOf(ch channel) (zmq4.Socket, *sync.Mutex) {
	if ch == controlChannel {
		return k.socks.Control, &k.controlOut
	}
	return k.socks.Shell, &k.shellOut
}

func (c channel) String() string {
	if c == controlChannel {
		return "control"
	}
	return "shell"
}
