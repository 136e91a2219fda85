package kernel

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gokernel/gokernel/kernel/transport"
	"github.com/gokernel/gokernel/kernel/wire"
)

// Config configures a Kernel.
type Config struct {
	// Connection says where to listen and how to sign; tcp ports may be 0
	// to let the system choose (see Kernel.Connection).
	Connection transport.ConnectionInfo
	// Interpreter runs the code.
	Interpreter Interpreter
	// Logger receives the kernel's diagnostics; nil discards them. Nothing
	// is ever logged to IOPub.
	Logger *slog.Logger
	// HistoryBytes bounds the memory of the cell history that
	// history_request serves (inputs plus outputs); the oldest cells are
	// forgotten first. 0 means DefaultHistoryBytes.
	HistoryBytes int
}

// Kernel is a running Jupyter kernel. Create it with New and serve with
// Run.
type Kernel struct {
	interp  Interpreter
	log     *slog.Logger
	codec   *wire.Codec
	session string
	socks   *transport.Sockets
	ctx     context.Context // cancelled when Run ends
	stop    context.CancelFunc

	// Send paths, one lock per socket so that frames of two messages
	// never interleave and IOPub keeps the order of publication.
	shellOut, controlOut, stdinOut, iopubOut sync.Mutex

	// shellQueue feeds the shell worker; it runs requests one at a time.
	shellQueue chan *wire.Message
	// stdinReplies carries input_reply messages to a waiting Input call.
	stdinReplies chan *wire.Message

	// State of the shell worker (only it touches these).
	count   int
	history history

	runMu     sync.Mutex
	cancelRun context.CancelFunc // interrupts the running cell; nil when idle
	runCtx    context.Context    // the running cell's context; nil when idle

	// current is the shell request being served, the parent of the comm
	// messages the kernel sends.
	current atomic.Pointer[wire.Message]
	comms   comms

	shutdownOnce sync.Once
	shutdown     chan struct{}
	restart      bool

	infoSentOnce sync.Once
	infoSent     chan struct{} // closed with the first kernel_info_reply
}

// New binds the kernel's sockets. Serve them with Run.
func New(cfg Config) (*Kernel, error) {
	if cfg.Interpreter == nil {
		return nil, errors.New("kernel: no Interpreter")
	}
	logger := cfg.Logger
	if logger == nil {
		logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	signer, err := wire.NewSigner(cfg.Connection.SignatureScheme, []byte(cfg.Connection.Key))
	if err != nil {
		return nil, err
	}
	ctx, stop := context.WithCancel(context.Background())
	zlog := log.New(&slogWriter{logger}, "zmq4: ", 0)
	socks, err := transport.Listen(ctx, cfg.Connection, zlog)
	if err != nil {
		stop()
		return nil, fmt.Errorf("kernel: %w", err)
	}
	return &Kernel{
		interp:       cfg.Interpreter,
		log:          logger,
		codec:        wire.NewCodec(signer, nil),
		session:      wire.NewID(),
		socks:        socks,
		ctx:          ctx,
		stop:         stop,
		shellQueue:   make(chan *wire.Message, 1024),
		stdinReplies: make(chan *wire.Message, 1),
		shutdown:     make(chan struct{}),
		infoSent:     make(chan struct{}),
		history:      history{budget: cfg.HistoryBytes},
	}, nil
}

// Connection is the connection information with the ports actually bound.
func (k *Kernel) Connection() transport.ConnectionInfo { return k.socks.Info }

// Run serves the kernel until a shutdown_request arrives or ctx ends, then
// closes the sockets. It reports whether the frontend asked for a restart.
func (k *Kernel) Run(ctx context.Context) (restart bool, err error) {
	go k.socks.ServeHeartbeat(k.ctx)
	go k.receive("shell", k.socks.Shell, k.enqueueShell)
	go k.receive("control", k.socks.Control, k.handleControl)
	go k.receive("stdin", k.socks.Stdin, k.handleStdin)
	go k.serveShell()
	k.log.Info("kernel listening", "transport", k.socks.Info.Transport, "ip", k.socks.Info.IP,
		"shell", k.socks.Info.ShellPort, "control", k.socks.Info.ControlPort,
		"iopub", k.socks.Info.IOPubPort, "stdin", k.socks.Info.StdinPort, "hb", k.socks.Info.HBPort)
	select {
	case <-ctx.Done():
		err = ctx.Err()
	case <-k.shutdown:
		// IOPub sends are queued inside zmq4; give the last status
		// messages a moment to leave before the sockets close.
		time.Sleep(100 * time.Millisecond)
	}
	k.Interrupt()
	k.stop()
	k.socks.Close()
	return k.restart, err
}

// KernelInfoSent is closed as the kernel sends its first
// kernel_info_reply, the moment a frontend considers it started. Work
// the first request does not need can begin then, leaving the CPU to the
// start before it.
func (k *Kernel) KernelInfoSent() <-chan struct{} { return k.infoSent }

// Interrupt cancels the running cell's context, if a cell runs. The
// interrupt_request handler and a trapped SIGINT call it.
func (k *Kernel) Interrupt() {
	k.runMu.Lock()
	defer k.runMu.Unlock()
	if k.cancelRun != nil {
		k.cancelRun()
	}
}

// requestShutdown ends Run once.
func (k *Kernel) requestShutdown(restart bool) {
	k.shutdownOnce.Do(func() {
		k.restart = restart
		close(k.shutdown)
	})
}

// slogWriter turns zmq4's log.Logger lines into warnings.
type slogWriter struct{ log *slog.Logger }

func (w *slogWriter) Write(p []byte) (int, error) {
	w.log.Warn(string(p))
	return len(p), nil
}
