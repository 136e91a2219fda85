package kernel

import "unicode/utf8"

// complete answers complete_request through Interpreter.Complete. The
// protocol counts cursor positions in Unicode code points; the
// Interpreter works in bytes.
func (k *Kernel) complete(r *request) {
	var req struct {
		Code      string `json:"code"`
		CursorPos *int   `json:"cursor_pos"`
	}
	if err := r.msg.Unmarshal(&req); err != nil {
		k.badRequest(r, "complete_reply", err)
		return
	}
	cursor := len(req.Code)
	if req.CursorPos != nil {
		cursor = byteOffset(req.Code, *req.CursorPos)
	}
	c := k.interp.Complete(req.Code, cursor)
	matches := c.Matches
	if matches == nil {
		matches = []string{}
	}
	start, end := c.CursorStart, c.CursorEnd
	if len(matches) == 0 {
		start, end = cursor, cursor
	}
	k.reply(r, "complete_reply", map[string]any{
		"status": "ok", "matches": matches,
		"cursor_start": runeOffset(req.Code, start), "cursor_end": runeOffset(req.Code, end),
		"metadata": orEmpty(c.Metadata),
	})
}

// inspect answers inspect_request through Interpreter.Inspect.
func (k *Kernel) inspect(r *request) {
	var req struct {
		Code        string `json:"code"`
		CursorPos   *int   `json:"cursor_pos"`
		DetailLevel int    `json:"detail_level"`
	}
	if err := r.msg.Unmarshal(&req); err != nil {
		k.badRequest(r, "inspect_reply", err)
		return
	}
	cursor := len(req.Code)
	if req.CursorPos != nil {
		cursor = byteOffset(req.Code, *req.CursorPos)
	}
	in := k.interp.Inspect(req.Code, cursor, req.DetailLevel)
	data := orEmpty(in.Data)
	if !in.Found {
		data = map[string]any{}
	}
	k.reply(r, "inspect_reply", map[string]any{
		"status": "ok", "found": in.Found, "data": data, "metadata": orEmpty(in.Metadata),
	})
}

// isComplete answers is_complete_request through Interpreter.IsComplete.
func (k *Kernel) isComplete(r *request) {
	var req struct {
		Code string `json:"code"`
	}
	if err := r.msg.Unmarshal(&req); err != nil {
		k.log.Warn("bad request content", "msg_type", r.msg.Header.MsgType, "err", err)
		k.reply(r, "is_complete_reply", map[string]any{"status": "unknown"})
		return
	}
	status, indent := k.interp.IsComplete(req.Code)
	content := map[string]any{"status": status}
	if status == "incomplete" {
		content["indent"] = indent
	}
	k.reply(r, "is_complete_reply", content)
}

// badRequest replies with an error to a request whose content does not
// decode.
func (k *Kernel) badRequest(r *request, replyType string, err error) {
	k.log.Warn("bad request content", "msg_type", r.msg.Header.MsgType, "err", err)
	k.reply(r, replyType, map[string]any{
		"status": "error", "ename": "BadRequest", "evalue": err.Error(), "traceback": []string{},
	})
}

// byteOffset converts a position in code points into a byte offset,
// clamped to the code.
func byteOffset(s string, runes int) int {
	if runes <= 0 {
		return 0
	}
	i := 0
	for off := range s {
		if i == runes {
			return off
		}
		i++
	}
	return len(s)
}

// runeOffset converts a byte offset into a position in code points,
// clamped to the code.
func runeOffset(s string, bytes int) int {
	if bytes <= 0 {
		return 0
	}
	if bytes > len(s) {
		bytes = len(s)
	}
	return utf8.RuneCountInString(s[:bytes])
}
