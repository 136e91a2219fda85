package wire

import "sync"

// DefaultHistory is the number of signatures remembered, as in
// jupyter_client.
const DefaultHistory = 1 << 16

// History is a bounded set of message signatures already seen; it
// rejects replayed messages. The oldest signature is forgotten when the
// set is full. It is safe for concurrent use.
type History struct {
	mu   sync.Mutex
	seen map[string]struct{}
	ring []string
	next int
}

// NewHistory returns a History remembering at most size signatures.
func NewHistory(size int) *History {
	if size <= 0 {
		size = DefaultHistory
	}
	return &History{seen: map[string]struct{}{}, ring: make([]string, size)}
}

// Add records sig and reports whether it was new. An empty signature is
// never recorded and always new.
func (h *History) Add(sig []byte) bool {
	if len(sig) == 0 {
		return true
	}
	key := string(sig)
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, dup := h.seen[key]; dup {
		return false
	}
	if old := h.ring[h.next]; old != "" {
		delete(h.seen, old)
	}
	h.ring[h.next] = key
	h.seen[key] = struct{}{}
	h.next = (h.next + 1) % len(h.ring)
	return true
}
