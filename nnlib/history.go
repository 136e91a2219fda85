package nnlib

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// History is what Fit returns: the per-epoch values Keras logs, under
// Keras's key names ("loss", "binary_accuracy", "val_loss", ...), like the
// History object of Keras's model.fit.
type History struct {
	// Epoch lists the 0-based epochs that ran (Keras's history.epoch).
	Epoch []int
	// History maps a key to one value per epoch (Keras's history.history).
	History map[string][]float64
}

// Get returns the series for key, or nil when it was not logged.
func (h *History) Get(key string) []float64 {
	if h == nil {
		return nil
	}
	return h.History[key]
}

// Series returns the series for key, or an error naming the keys that exist.
func (h *History) Series(key string) ([]float64, error) {
	if h == nil {
		return nil, errors.New("nnlib: Series: the history is nil (Fit returned an error before training)")
	}
	if s, ok := h.History[key]; ok {
		return s, nil
	}
	return nil, fmt.Errorf("nnlib: history has no key %q; it has %s", key, strings.Join(h.Keys(), ", "))
}

// Last returns the final value logged for key (NaN-free check is the
// caller's), and false when the key is absent or empty.
func (h *History) Last(key string) (float64, bool) {
	s := h.Get(key)
	if len(s) == 0 {
		return 0, false
	}
	return s[len(s)-1], true
}

// FirstEpochAtLeast returns the first 1-based epoch whose value for key is
// at least v (for instance the first epoch at 100% accuracy:
// FirstEpochAtLeast("binary_accuracy", 1)), or 0 when there is none.
func (h *History) FirstEpochAtLeast(key string, v float64) int {
	for e, x := range h.Get(key) {
		if x >= v {
			return e + 1
		}
	}
	return 0
}

// Keys returns the logged keys in Keras's print order: training keys sorted,
// then the val_ keys sorted.
func (h *History) Keys() []string {
	if h == nil {
		return nil
	}
	keys := make([]string, 0, len(h.History))
	for k := range h.History {
		keys = append(keys, k)
	}
	sortLogKeys(keys)
	return keys
}

// Len returns the number of epochs recorded.
func (h *History) Len() int {
	if h == nil {
		return 0
	}
	return len(h.Epoch)
}

// String summarises the history: the number of epochs and the last value of
// every key.
func (h *History) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "History(%d epochs", h.Len())
	for _, k := range h.Keys() {
		v, _ := h.Last(k)
		fmt.Fprintf(&b, ", %s: %s", k, formatLogValue(v))
	}
	b.WriteString(")")
	return b.String()
}

// sortLogKeys orders log keys as Keras prints them: training keys
// alphabetically, then validation keys alphabetically.
func sortLogKeys(keys []string) {
	sort.Slice(keys, func(i, j int) bool {
		vi, vj := strings.HasPrefix(keys[i], "val_"), strings.HasPrefix(keys[j], "val_")
		if vi != vj {
			return vj
		}
		return keys[i] < keys[j]
	})
}

// logNames returns the keys of logs in Keras's print order.
func logNames(logs map[string]float64) []string {
	keys := make([]string, 0, len(logs))
	for k := range logs {
		keys = append(keys, k)
	}
	sortLogKeys(keys)
	return keys
}
