package kernel

import (
	"context"
	"sort"
	"sync"

	"github.com/gokernel/gokernel/kernel/wire"
)

// Comms are the Jupyter protocol's custom message channels between the
// kernel and a frontend (comm_open, comm_msg, comm_close), used by
// interactive widgets among others. The kernel knows nothing of what
// travels on them: a library registers a handler for a target name with
// RegisterCommTarget, or opens a comm itself with OpenComm. A comm_open
// for a target nobody registered is answered by closing the comm.
//
// While a cell (or a long comm handler) runs, comm messages from the
// frontend are handled at once, on the receiving goroutine, without busy
// and idle statuses (the kernel is busy already): a Stop button can stop
// a training run. When the kernel is idle they are served in order with
// the other shell requests.

// CommTarget is called when the frontend opens a comm for the target it
// was registered for. It typically sets the comm's handlers with
// Comm.OnMessage and Comm.OnClose.
type CommTarget func(c *Comm, open CommMessage)

// CommMessage is the content of a comm_open, comm_msg or comm_close.
type CommMessage struct {
	// Data is the message's data, Metadata its metadata, Buffers the
	// binary buffers that came with it.
	Data, Metadata map[string]any
	Buffers        [][]byte
	// Ctx is cancelled when the user interrupts the kernel.
	Ctx context.Context
	// Output receives the output of handling the message: it is published
	// with the message as parent.
	Output Output
}

// Comm is one open comm.
type Comm struct {
	// ID is the comm_id; Target the target_name.
	ID, Target string
	k          *Kernel

	mu      sync.Mutex
	onMsg   func(CommMessage)
	onClose func(CommMessage)
	closed  bool
}

// OnMessage sets the handler of the comm_msg messages of the frontend.
func (c *Comm) OnMessage(f func(CommMessage)) {
	c.mu.Lock()
	c.onMsg = f
	c.mu.Unlock()
}

// OnClose sets the handler called when the frontend closes the comm.
func (c *Comm) OnClose(f func(CommMessage)) {
	c.mu.Lock()
	c.onClose = f
	c.mu.Unlock()
}

// Send publishes a comm_msg on the comm; it does nothing once the comm is
// closed.
func (c *Comm) Send(data, metadata map[string]any, buffers [][]byte) {
	if c.isClosed() {
		return
	}
	c.k.publishComm("comm_msg", map[string]any{"comm_id": c.ID, "data": orEmpty(data)}, metadata, buffers)
}

// Close closes the comm from the kernel's side (comm_close); the frontend
// forgets it. Closing twice does nothing.
func (c *Comm) Close(data map[string]any) {
	c.mu.Lock()
	was := c.closed
	c.closed = true
	c.mu.Unlock()
	if was {
		return
	}
	c.k.forgetComm(c.ID)
	c.k.publishComm("comm_close", map[string]any{"comm_id": c.ID, "data": orEmpty(data)}, nil, nil)
}

func (c *Comm) isClosed() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.closed
}

// comms is the kernel's registry of comm targets and open comms.
type comms struct {
	mu      sync.Mutex
	targets map[string]CommTarget
	open    map[string]*Comm
}

// RegisterCommTarget makes open handle the comms a frontend opens for
// target; nil unregisters it.
func (k *Kernel) RegisterCommTarget(target string, open CommTarget) {
	k.comms.mu.Lock()
	defer k.comms.mu.Unlock()
	if k.comms.targets == nil {
		k.comms.targets = map[string]CommTarget{}
	}
	if open == nil {
		delete(k.comms.targets, target)
		return
	}
	k.comms.targets[target] = open
}

// OpenComm opens a comm to the frontend (comm_open on IOPub, with the
// request being served as parent).
func (k *Kernel) OpenComm(target string, data, metadata map[string]any, buffers [][]byte) *Comm {
	c := &Comm{ID: wire.NewID(), Target: target, k: k}
	k.addComm(c)
	k.publishComm("comm_open", map[string]any{"comm_id": c.ID, "target_name": target, "data": orEmpty(data)},
		metadata, buffers)
	return c
}

// RunCallback runs f, a handler of compiled code that may call
// interpreted code, with its standard output, standard error and rich
// output going to out, when the Interpreter supports that (see
// CallbackRunner); otherwise it just calls f.
func (k *Kernel) RunCallback(ctx context.Context, out Output, f func()) {
	if r, ok := k.interp.(CallbackRunner); ok {
		r.RunCallback(ctx, out, f)
		return
	}
	f()
}

// CallbackRunner is implemented by an Interpreter that can run a callback
// outside of Execute as if it were a cell: what it prints and displays
// goes to out, and ctx is the context it sees. It is called for comm
// handlers (widget callbacks) both while no cell runs and while one does.
type CallbackRunner interface {
	RunCallback(ctx context.Context, out Output, f func())
}

func (k *Kernel) addComm(c *Comm) {
	k.comms.mu.Lock()
	defer k.comms.mu.Unlock()
	if k.comms.open == nil {
		k.comms.open = map[string]*Comm{}
	}
	k.comms.open[c.ID] = c
}

func (k *Kernel) forgetComm(id string) {
	k.comms.mu.Lock()
	delete(k.comms.open, id)
	k.comms.mu.Unlock()
}

func (k *Kernel) comm(id string) *Comm {
	k.comms.mu.Lock()
	defer k.comms.mu.Unlock()
	return k.comms.open[id]
}

// publishComm publishes a comm message with the request being served
// as parent.
func (k *Kernel) publishComm(msgType string, content, metadata map[string]any, buffers [][]byte) {
	msg := k.newMessage(msgType, k.current.Load(), content)
	msg.Metadata = metadata
	msg.Buffers = buffers
	k.send("iopub", k.socks.IOPub, &k.iopubOut, msg)
}

// commContent is the content of the frontend's comm messages.
type commContent struct {
	CommID     string         `json:"comm_id"`
	TargetName string         `json:"target_name"`
	Data       map[string]any `json:"data"`
}

// commInfo answers comm_info_request: the open comms, those of
// target_name when it is given.
func (k *Kernel) commInfo(r *request) {
	var req struct {
		TargetName string `json:"target_name"`
	}
	_ = r.msg.Unmarshal(&req)
	k.comms.mu.Lock()
	list := map[string]any{}
	for id, c := range k.comms.open {
		if req.TargetName == "" || req.TargetName == c.Target {
			list[id] = map[string]any{"target_name": c.Target}
		}
	}
	k.comms.mu.Unlock()
	k.reply(r, "comm_info_reply", map[string]any{"status": "ok", "comms": list})
}

// commTargets lists the registered targets (for logs).
func (k *Kernel) commTargets() []string {
	k.comms.mu.Lock()
	defer k.comms.mu.Unlock()
	names := make([]string, 0, len(k.comms.targets))
	for name := range k.comms.targets {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// commOpen opens a comm for a registered target, or closes it at once
// when the target does not exist.
func (k *Kernel) commOpen(r *request) {
	var req commContent
	if err := r.msg.Unmarshal(&req); err != nil || req.CommID == "" {
		k.log.Warn("bad comm_open", "err", err)
		return
	}
	k.comms.mu.Lock()
	target := k.comms.targets[req.TargetName]
	k.comms.mu.Unlock()
	if target == nil {
		k.log.Info("comm_open for unknown target: closing", "target_name", req.TargetName,
			"comm_id", req.CommID, "targets", k.commTargets())
		k.publish("comm_close", r.msg, map[string]any{"comm_id": req.CommID, "data": map[string]any{}})
		return
	}
	c := &Comm{ID: req.CommID, Target: req.TargetName, k: k}
	k.addComm(c)
	k.handleComm(r, req, func(m CommMessage) { target(c, m) })
}

// commMsg passes a comm_msg to its comm's handler.
func (k *Kernel) commMsg(r *request) {
	var req commContent
	if err := r.msg.Unmarshal(&req); err != nil {
		k.log.Warn("bad comm_msg", "err", err)
		return
	}
	c := k.comm(req.CommID)
	if c == nil {
		k.log.Info("comm_msg for unknown comm dropped", "comm_id", req.CommID, "msg_id", r.msg.Header.MsgID)
		return
	}
	c.mu.Lock()
	h := c.onMsg
	c.mu.Unlock()
	if h != nil {
		k.handleComm(r, req, h)
	}
}

// commClose forgets a comm the frontend closed and tells its handler.
func (k *Kernel) commClose(r *request) {
	var req commContent
	if err := r.msg.Unmarshal(&req); err != nil {
		k.log.Warn("bad comm_close", "err", err)
		return
	}
	c := k.comm(req.CommID)
	if c == nil {
		k.log.Info("comm_close for unknown comm ignored", "comm_id", req.CommID)
		return
	}
	k.forgetComm(c.ID)
	c.mu.Lock()
	c.closed = true
	h := c.onClose
	c.mu.Unlock()
	if h != nil {
		k.handleComm(r, req, h)
	}
}

// handleComm calls h with the message. When the kernel is idle the
// handler can be interrupted like a cell: it holds the run context, and
// comm messages arriving meanwhile are handled at once (see
// isCommMessage).
func (k *Kernel) handleComm(r *request, req commContent, h func(CommMessage)) {
	out := newCellOutput(k, r.msg, false, false)
	m := CommMessage{Data: orEmpty(req.Data), Metadata: orEmpty(r.msg.Metadata), Buffers: r.msg.Buffers, Output: out}
	ctx := k.ctx
	if r.ch == shellChannel && !r.immediate {
		var endRun func()
		ctx, endRun = k.beginRun(k.ctx)
		defer endRun()
	} else {
		k.runMu.Lock()
		if k.runCtx != nil {
			ctx = k.runCtx
		}
		k.runMu.Unlock()
	}
	out.ctx = ctx
	m.Ctx = ctx
	defer out.flush()
	h(m)
}

// isCommMessage reports whether msgType is a comm message of the
// frontend.
func isCommMessage(msgType string) bool {
	return msgType == "comm_open" || msgType == "comm_msg" || msgType == "comm_close"
}

// busy reports whether a cell or a comm handler is running.
func (k *Kernel) busy() bool {
	k.runMu.Lock()
	defer k.runMu.Unlock()
	return k.cancelRun != nil
}
