package kerneltest

import (
	"errors"
	"sync"
	"time"

	"github.com/gokernel/gokernel/kernel/wire"
)

// ErrTimeout is returned when an expected message does not arrive in time.
var ErrTimeout = errors.New("kerneltest: timed out waiting for a message")

// mailbox holds the messages received on one socket until a caller takes
// them; messages nobody asked for yet stay in arrival order.
type mailbox struct {
	mu     sync.Mutex
	msgs   []held
	notify chan struct{}
}

// held is a message received, with the msg_id of its parent (decoded
// once, as messages are matched by it).
type held struct {
	msg    *wire.Message
	parent string
}

func newMailbox() *mailbox { return &mailbox{notify: make(chan struct{})} }

func (m *mailbox) put(msg *wire.Message) {
	m.mu.Lock()
	m.msgs = append(m.msgs, held{msg, ParentID(msg)})
	close(m.notify)
	m.notify = make(chan struct{})
	m.mu.Unlock()
}

// take removes and returns the first message whose parent has msg_id
// parent ("": any message), waiting up to timeout for it.
func (m *mailbox) take(parent string, timeout time.Duration) (*wire.Message, error) {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		m.mu.Lock()
		for i, h := range m.msgs {
			if parent == "" || h.parent == parent {
				m.msgs = append(m.msgs[:i], m.msgs[i+1:]...)
				m.mu.Unlock()
				return h.msg, nil
			}
		}
		wait := m.notify
		m.mu.Unlock()
		select {
		case <-wait:
		case <-deadline.C:
			return nil, ErrTimeout
		}
	}
}

// drain discards every message held.
func (m *mailbox) drain() {
	m.mu.Lock()
	m.msgs = nil
	m.mu.Unlock()
}
