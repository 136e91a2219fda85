package wire

import (
	"crypto/sha256"
	"sync"
)

// DefaultHistory is the number of signatures remembered, as in
// jupyter_client.
const DefaultHistory = 1 << 16

// History is a bounded set of message signatures already seen; it
// rejects replayed messages. The oldest signature is forgotten when the
// set is full. It keeps a 32-byte digest of each signature, whatever its
// length, and is safe for concurrent use.
type History struct {
	mu   sync.Mutex
	seen map[digest]struct{}
	ring []digest // in order of arrival, grows up to size, then wraps
	size int
	next int // oldest entry once ring is full
}

type digest [sha256.Size]byte

// NewHistory returns a History remembering at most size signatures.
func NewHistory(size int) *History {
	if size <= 0 {
		size = DefaultHistory
	}
	return &History{seen: map[digest]struct{}{}, size: size}
}

// Add records sig and reports whether it was new. An empty signature is
// never recorded and always new.
func (h *History) Add(sig []byte) bool {
	if len(sig) == 0 {
		return true
	}
	key := digest(sha256.Sum256(sig))
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, dup := h.seen[key]; dup {
		return false
	}
	h.seen[key] = struct{}{}
	if len(h.ring) < h.size {
		h.ring = append(h.ring, key)
		return true
	}
	delete(h.seen, h.ring[h.next])
	h.ring[h.next] = key
	h.next = (h.next + 1) % h.size
	return true
}
