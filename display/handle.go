package display

import (
	"crypto/rand"
	"encoding/hex"
	"sync"
)

// Handle is one output of a cell that can be replaced in place — a picture
// that grows while a model trains, a status line. Every output shown
// through the same Handle carries its display id; updating the handle
// replaces all of them. A Handle is safe for concurrent use.
type Handle struct {
	id    string
	mu    sync.Mutex
	shown bool
}

// NewHandle returns a Handle with a fresh, random display id.
func NewHandle() *Handle {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+).
	return &Handle{id: hex.EncodeToString(b[:])}
}

// ID returns the display id (transient.display_id in Jupyter's messages).
func (h *Handle) ID() string { return h.id }

// Show adds v to the cell's output as a new output with the handle's id
// (display_data), as [Show] does.
func (h *Handle) Show(v any) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if err := publish(v, h.id, false); err != nil {
		return err
	}
	h.shown = true
	return nil
}

// Update replaces the handle's outputs with v (update_display_data). The
// first call on a handle that was never shown shows v instead, so a loop can
// call Update alone.
func (h *Handle) Update(v any) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if err := publish(v, h.id, h.shown); err != nil {
		return err
	}
	h.shown = true
	return nil
}
