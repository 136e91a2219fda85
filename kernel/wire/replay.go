package wire

import (
	"crypto/sha256"
	"encoding/binary"
	"sync"
)

// DefaultHistory is the number of signatures remembered, as in
// jupyter_client.
const DefaultHistory = 1 << 16

// History is a bounded set of message signatures already seen; it
// rejects replayed messages. The oldest signature is forgotten when the
// set is full. It keeps 8 bytes of a SHA-256 digest of each signature,
// whatever its length (a full set of 65,536 takes about 2 MB): a collision
// could only reject a fresh message, with odds of about 2^-48 per message
// when full, never accept a replay. It is safe for concurrent use.
type History struct {
	mu   sync.Mutex
	seen map[digest]struct{}
	ring []digest // in order of arrival, grows up to size, then wraps
	size int
	next int // oldest entry once ring is full
}

type digest uint64

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
	sum := sha256.Sum256(sig)
	key := digest(binary.LittleEndian.Uint64(sum[:8]))
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
