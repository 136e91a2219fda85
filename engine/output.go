package engine

import (
	"io"
	"os"
	"regexp"
	"strconv"
	"sync"
	"sync/atomic"

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
}

// startCapture swaps os.Stdout and os.Stderr for pipes that feed out.
func startCapture(out kernel.Output) (*capture, error) {
	c := &capture{oldOut: os.Stdout, oldErr: os.Stderr}
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
	for {
		n, err := r.Read(buf)
		if n > 0 {
			out.Stream(name, string(buf[:n]))
		}
		if err != nil {
			return
		}
	}
}

// stop restores os.Stdout and os.Stderr and returns once everything
// written into the pipes has been forwarded.
func (c *capture) stop() {
	os.Stdout, os.Stderr = c.oldOut, c.oldErr
	c.outW.Close()
	c.errW.Close()
	c.done.Wait()
}

// fileWriter writes into the file currently installed by an execution
// (the capture pipe); outside executions writes are dropped.
type fileWriter struct {
	f atomic.Pointer[os.File]
}

func (w *fileWriter) Write(p []byte) (int, error) {
	f := w.f.Load()
	if f == nil {
		return len(p), nil
	}
	return f.Write(p)
}

// panicLine matches the lines yaegi writes to its standard error for each
// interpreted frame a panic unwinds: "_.go:12:3: panic: main.f(...)".
var panicLine = regexp.MustCompile(`^(?:_\.go:)?(\d+):(\d+): panic(?:: (.*?))?\n?$`)

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
		line, _ := strconv.Atoi(string(m[1]))
		col, _ := strconv.Atoi(string(m[2]))
		w.mu.Lock()
		w.frames = append(w.frames, frame{line: line, col: col, fn: string(m[3])})
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
