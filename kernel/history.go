package kernel

import (
	"path"
)

// session is the number of this kernel's history session. History lives
// in memory, so every kernel process is session 1 and earlier sessions
// are empty.
const session = 1

// DefaultHistoryBytes is how much cell history a kernel keeps in memory
// unless Config.HistoryBytes says otherwise: tens of thousands of ordinary
// cells.
// A session's memory stays bounded however long it runs.
const DefaultHistoryBytes = 4 << 20

// maxHistoryOutput bounds the stored output of one cell: history serves
// what a cell printed as its value, not a whole data dump.
const maxHistoryOutput = 4 << 10

// historyEntry is one stored cell.
type historyEntry struct {
	line   int
	input  string
	output string // text/plain of the result, or the error
}

// size is the memory an entry holds: its strings and its slot (the
// struct and the slice's spare capacity).
func (e historyEntry) size() int { return len(e.input) + len(e.output) + 64 }

// history is the session's stored cells, oldest first, within a byte
// budget.
type history struct {
	entries []historyEntry
	bytes   int
	budget  int // 0 means DefaultHistoryBytes
}

// add appends e. Past the budget it forgets the oldest cells down to three
// quarters of it, so that the copy this costs happens once in many cells;
// the newest cell is always kept.
func (h *history) add(e historyEntry) {
	budget := h.budget
	if budget <= 0 {
		budget = DefaultHistoryBytes
	}
	h.entries = append(h.entries, e)
	h.bytes += e.size()
	if h.bytes <= budget {
		return
	}
	drop := 0
	for h.bytes > budget/4*3 && drop < len(h.entries)-1 {
		h.bytes -= h.entries[drop].size()
		drop++
	}
	if drop > 0 {
		// Copy into a fresh slice so the dropped cells' strings and the
		// old backing array can be collected.
		h.entries = append([]historyEntry(nil), h.entries[drop:]...)
	}
}

// remember stores a cell run with store_history.
func (k *Kernel) remember(n int, code string, res ExecuteResult) {
	e := historyEntry{line: n, input: code}
	switch {
	case res.Err != nil:
		e.output = res.Err.Error()
	case res.Data != nil:
		e.output, _ = res.Data["text/plain"].(string)
	}
	if len(e.output) > maxHistoryOutput {
		e.output = e.output[:maxHistoryOutput] + "…"
	}
	k.history.add(e)
}

// historyRequest is the content of a history_request.
type historyRequest struct {
	Output         bool   `json:"output"`
	Raw            bool   `json:"raw"`
	HistAccessType string `json:"hist_access_type"`
	Session        int    `json:"session"`
	Start          int    `json:"start"`
	Stop           *int   `json:"stop"`
	N              *int   `json:"n"`
	Pattern        string `json:"pattern"`
	Unique         bool   `json:"unique"`
}

// historyRequest answers history_request: "tail" (the last n cells),
// "range" (lines start to stop of a session; 0 or a negative number
// counting back means this one) and "search" (a glob pattern over the
// inputs, optionally unique, the last n matches).
func (k *Kernel) historyRequest(r *request) {
	var req historyRequest
	if err := r.msg.Unmarshal(&req); err != nil {
		k.badRequest(r, "history_reply", err)
		return
	}
	var entries []historyEntry
	switch req.HistAccessType {
	case "tail":
		entries = last(k.history.entries, req.N)
	case "range":
		entries = k.historyRange(req)
	case "search":
		entries = k.historySearch(req)
	default:
		k.log.Warn("unknown hist_access_type", "hist_access_type", req.HistAccessType)
	}
	items := make([]any, 0, len(entries))
	for _, e := range entries {
		if req.Output {
			items = append(items, []any{session, e.line, []any{e.input, e.output}})
		} else {
			items = append(items, []any{session, e.line, e.input})
		}
	}
	k.reply(r, "history_reply", map[string]any{"status": "ok", "history": items})
}

func (k *Kernel) historyRange(req historyRequest) []historyEntry {
	if req.Session > 0 && req.Session != session || req.Session < 0 {
		return nil // earlier sessions are not kept
	}
	var out []historyEntry
	for _, e := range k.history.entries {
		if e.line >= req.Start && (req.Stop == nil || e.line < *req.Stop) {
			out = append(out, e)
		}
	}
	return out
}

func (k *Kernel) historySearch(req historyRequest) []historyEntry {
	pattern := req.Pattern
	if pattern == "" {
		pattern = "*"
	}
	var out []historyEntry
	seen := map[string]bool{}
	for i := len(k.history.entries) - 1; i >= 0; i-- {
		e := k.history.entries[i]
		if ok, err := path.Match(pattern, e.input); err != nil || !ok {
			continue
		}
		if req.Unique {
			if seen[e.input] {
				continue
			}
			seen[e.input] = true
		}
		out = append(out, e)
	}
	// out runs newest first; return the last n in chronological order.
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return last(out, req.N)
}

// last returns the last n entries (all when n is nil).
func last(entries []historyEntry, n *int) []historyEntry {
	if n == nil || *n >= len(entries) {
		return entries
	}
	if *n <= 0 {
		return nil
	}
	return entries[len(entries)-*n:]
}
