package engine

import (
	"bytes"
	"errors"
	"io"
	"os"
	"regexp"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gokernel/gokernel/kernel"
)

// capture redirects the process's os.Stdout and os.Stderr into pipes for
// the duration of one execution and forwards what arrives to the cell's
// Output as stream messages, as soon as it arrives. Interpreted code and
// compiled packages write into the same pipes, so their output keeps its
// order.
type capture struct {
	oldOut, oldErr *os.File
	outW, errW     *os.File
	done           sync.WaitGroup

	syncMu sync.Mutex    // one sync at a time
	synced chan struct{} // a forwarder reached a sync marker
	prompt chan string   // the stdout forwarder reached a prompt marker
}

// syncMarker is written into a pipe to learn when everything written
// before it has been forwarded; promptMarker does the same on stdout and
// takes the unterminated last line written before it as an input prompt.
// Both have the same length.
var (
	syncMarker   = []byte("\x00gokernel-sync\x00")
	promptMarker = []byte("\x00gokernel-ask\x00\x00")
)

// partialLineDelay is how long the stdout forwarder holds back an
// unterminated last line: long enough for a read of standard input that
// follows a prompt (fmt.Print("Name: ")) to claim it, short enough for a
// progress line to show at once.
const partialLineDelay = 30 * time.Millisecond

// captureMu makes captures of several engines in one process take turns:
// os.Stdout and os.Stderr are process-wide.
var captureMu sync.Mutex

// startCapture swaps os.Stdout and os.Stderr for pipes that feed out. The
// capture must be stopped.
func startCapture(out kernel.Output) (*capture, error) {
	captureMu.Lock()
	c, err := newCapture(out)
	if err != nil {
		captureMu.Unlock()
	}
	return c, err
}

func newCapture(out kernel.Output) (*capture, error) {
	c := &capture{oldOut: os.Stdout, oldErr: os.Stderr, synced: make(chan struct{}, 2), prompt: make(chan string, 1)}
	outR, outW, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	errR, errW, err := os.Pipe()
	if err != nil {
		outR.Close()
		outW.Close()
		return nil, err
	}
	c.outW, c.errW = outW, errW
	c.done.Add(2)
	go c.forward(outR, "stdout", out)
	go c.forward(errR, "stderr", out)
	os.Stdout, os.Stderr = outW, errW
	return c, nil
}

func (c *capture) forward(r *os.File, name string, out kernel.Output) {
	defer c.done.Done()
	defer r.Close()
	buf := make([]byte, 32<<10)
	var pending []byte
	holding := false // the deadline that ends holding back a partial line is set
	for {
		n, err := r.Read(buf)
		pending = append(pending, buf[:n]...)
		timedOut := errors.Is(err, os.ErrDeadlineExceeded)
		if timedOut {
			err = nil
		}
		for {
			i, ask := markerIndex(pending)
			if i < 0 {
				break
			}
			text := pending[:i]
			prompt := ""
			if ask {
				nl := bytes.LastIndexByte(text, '\n') + 1
				text, prompt = text[:nl], string(text[nl:])
			}
			if len(text) > 0 {
				out.Stream(name, string(text))
			}
			pending = pending[i+len(syncMarker):]
			if ask {
				c.prompt <- prompt
			} else {
				select {
				case c.synced <- struct{}{}:
				default:
				}
			}
		}
		// Hold back a tail that may be the start of a marker and, on
		// stdout, an unterminated last line until partialLineDelay ends.
		keep := 0
		if err == nil {
			keep = markerPrefixLen(pending)
			if name == "stdout" && !timedOut {
				keep = max(keep, len(pending)-(bytes.LastIndexByte(pending, '\n')+1))
			}
		}
		if len(pending) > keep {
			out.Stream(name, string(pending[:len(pending)-keep]))
			pending = append(pending[:0], pending[len(pending)-keep:]...)
		}
		if err != nil {
			return
		}
		switch hold := keep > 0 && name == "stdout"; {
		case hold && !holding:
			holding = r.SetReadDeadline(time.Now().Add(partialLineDelay)) == nil
		case !hold && holding:
			r.SetReadDeadline(time.Time{})
			holding = false
		}
	}
}

// markerIndex finds the first sync or prompt marker in b; ask reports a
// prompt marker. It returns -1 when there is none.
func markerIndex(b []byte) (i int, ask bool) {
	s, p := bytes.Index(b, syncMarker), bytes.Index(b, promptMarker)
	if p >= 0 && (s < 0 || p < s) {
		return p, true
	}
	return s, false
}

// markerPrefixLen is the length of the longest suffix of b that begins
// a marker.
func markerPrefixLen(b []byte) int {
	for n := min(len(b), len(syncMarker)-1); n > 0; n-- {
		if bytes.Equal(b[len(b)-n:], syncMarker[:n]) || bytes.Equal(b[len(b)-n:], promptMarker[:n]) {
			return n
		}
	}
	return 0
}

// sync returns once everything written to the pipes so far has been
// forwarded, so that rich output, clear_output and input requests keep
// their place among the streams.
func (c *capture) sync() {
	c.syncMu.Lock()
	defer c.syncMu.Unlock()
	c.waitSynced(c.writeMarker(c.outW, syncMarker)+c.writeMarker(c.errW, syncMarker), time.After(time.Second))
}

// takePrompt is sync for an input request: it also returns the
// unterminated last line written to stdout (fmt.Print("Name: ")), which
// the frontend then shows as the prompt instead of a stream.
func (c *capture) takePrompt() string {
	c.syncMu.Lock()
	defer c.syncMu.Unlock()
	timeout := time.After(time.Second)
	c.waitSynced(c.writeMarker(c.errW, syncMarker), timeout)
	select {
	case <-c.prompt: // left by an earlier request that timed out
	default:
	}
	if c.writeMarker(c.outW, promptMarker) == 0 {
		return ""
	}
	select {
	case p := <-c.prompt:
		return p
	case <-timeout:
		return ""
	}
}

// writeMarker writes marker into w and returns the number of markers
// written (0 or 1).
func (c *capture) writeMarker(w *os.File, marker []byte) int {
	if _, err := w.Write(marker); err != nil {
		return 0
	}
	return 1
}

// waitSynced waits until n sync markers have been forwarded.
func (c *capture) waitSynced(n int, timeout <-chan time.Time) {
	for ; n > 0; n-- {
		select {
		case <-c.synced:
		case <-timeout:
			return
		}
	}
}

// stop restores os.Stdout and os.Stderr and returns once everything
// written into the pipes has been forwarded.
func (c *capture) stop() {
	defer captureMu.Unlock()
	os.Stdout, os.Stderr = c.oldOut, c.oldErr
	c.outW.Close()
	c.errW.Close()
	c.done.Wait()
}

// fileWriter writes into the file currently installed by an execution
// (the capture pipe). Between executions — a goroutine of a cell still
// printing — it writes to the stream of the last cell's Output, as
// ipykernel does; before the first execution writes are dropped.
type fileWriter struct {
	name string // stream name: "stdout" or "stderr"
	f    atomic.Pointer[os.File]
	last atomic.Pointer[kernel.Output]
}

func (w *fileWriter) Write(p []byte) (int, error) {
	if f := w.f.Load(); f != nil {
		return f.Write(p)
	}
	if out := w.last.Load(); out != nil {
		(*out).Stream(w.name, string(p))
	}
	return len(p), nil
}

// install directs the writer to f, the running cell's pipe; with f nil,
// to out, the Output of the cell that just ended.
func (w *fileWriter) install(f *os.File, out kernel.Output) {
	w.f.Store(f)
	if out != nil {
		w.last.Store(&out)
	}
}

// panicLine matches the lines yaegi writes to its standard error for each
// interpreted frame a panic unwinds: "_.go:12:3: panic: main.f(...)".
var panicLine = regexp.MustCompile(`^(?:([\w./-]+\.go):)?(\d+):(\d+): panic(?:: (.*?))?\n?$`)

// frame is one interpreted call frame that a panic went through, in
// wrapper coordinates.
type frame struct {
	line, col int
	fn        string
}

// stderrWriter is the interpreter's standard error. It keeps the frame
// lines yaegi prints while a panic unwinds (they become the traceback) and
// forwards everything else.
type stderrWriter struct {
	fileWriter
	mu     sync.Mutex
	frames []frame
}

func (w *stderrWriter) Write(p []byte) (int, error) {
	if m := panicLine.FindSubmatch(p); m != nil {
		if file := string(m[1]); file != "" && file != srcName {
			return len(p), nil // a frame of the engine's generic packages
		}
		line, _ := strconv.Atoi(string(m[2]))
		col, _ := strconv.Atoi(string(m[3]))
		w.mu.Lock()
		w.frames = append(w.frames, frame{line: line, col: col, fn: string(m[4])})
		w.mu.Unlock()
		return len(p), nil
	}
	return w.fileWriter.Write(p)
}

// takeFrames returns and forgets the collected panic frames.
func (w *stderrWriter) takeFrames() []frame {
	w.mu.Lock()
	defer w.mu.Unlock()
	f := w.frames
	w.frames = nil
	return f
}

var _ io.Writer = (*stderrWriter)(nil)

// syncedOutput is the Output the cell's rich output and input requests go
// through: each first waits until the streams written before it have been
// forwarded.
type syncedOutput struct {
	kernel.Output
	capt *capture
}

func (o syncedOutput) Display(data, metadata map[string]any, id string, update bool) {
	o.capt.sync()
	o.Output.Display(data, metadata, id, update)
}

func (o syncedOutput) ClearOutput(wait bool) {
	o.capt.sync()
	o.Output.ClearOutput(wait)
}

// Input takes the unterminated last line of stdout as the prompt when it
// has none. When the frontend cannot answer (no stdin), that text goes to
// stdout after all, where the cell wrote it.
func (o syncedOutput) Input(prompt string, password bool) (string, error) {
	taken := false
	if prompt == "" {
		prompt, taken = o.capt.takePrompt(), true
	} else {
		o.capt.sync()
	}
	line, err := o.Output.Input(prompt, password)
	if err != nil && taken && prompt != "" {
		o.Output.Stream("stdout", prompt)
	}
	return line, err
}
