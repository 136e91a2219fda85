package engine

import (
	"errors"
	"fmt"
	"sync"

	"github.com/gokernel/gokernel/kernel"
)

// ErrNoStdin is returned by reads from standard input when the frontend
// does not allow input for the running cell (allow_stdin is false), or
// when no cell is running.
var ErrNoStdin = errors.New("reading standard input is not supported here: the frontend does not allow input for this cell (allow_stdin=false)")

// stdinReader is the interpreter's standard input (fmt.Scan*, and os.Stdin
// for interpreted code). Each line it lacks is asked from the running
// cell's Output, which sends an input_request to the frontend.
type stdinReader struct {
	mu  sync.Mutex
	out kernel.Output
	buf []byte
}

// set installs the Output of the running cell (nil when none runs) and
// drops any unread rest of the previous cell's input.
func (r *stdinReader) set(out kernel.Output) {
	r.mu.Lock()
	r.out = out
	r.buf = nil
	r.mu.Unlock()
}

func (r *stdinReader) Read(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.buf) == 0 {
		if r.out == nil {
			return 0, ErrNoStdin
		}
		line, err := r.out.Input("", false)
		if errors.Is(err, kernel.ErrStdinNotAllowed) {
			return 0, ErrNoStdin
		}
		if err != nil {
			// An interrupt, a reply that does not decode: not a
			// frontend without input.
			return 0, fmt.Errorf("reading standard input: %w", err)
		}
		r.buf = append([]byte(line), '\n')
	}
	n := copy(p, r.buf)
	r.buf = r.buf[n:]
	return n, nil
}
