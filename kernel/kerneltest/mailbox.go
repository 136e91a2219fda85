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
	msgs   []*wire.Message
	notify chan struct{}
}

func newMailbox() *mailbox { return &mailbox{notify: make(chan struct{})} }

func (m *mailbox) put(msg *wire.Message) {
	m.mu.Lock()
	m.msgs = append(m.msgs, msg)
	close(m.notify)
	m.notify = make(chan struct{})
	m.mu.Unlock()
}

// take removes and returns the first message for which match is true,
// waiting up to timeout for it.
func (m *mailbox) take(match func(*wire.Message) bool, timeout time.Duration) (*wire.Message, error) {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		m.mu.Lock()
		for i, msg := range m.msgs {
			if match == nil || match(msg) {
				m.msgs = append(m.msgs[:i], m.msgs[i+1:]...)
				m.mu.Unlock()
				return msg, nil
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
