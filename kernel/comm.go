package kernel

// The kernel registers no comm targets yet: comm_info lists no comms, a
// comm_open is answered by closing the comm at once, and messages for
// comms that do not exist are logged.

// commInfo answers comm_info_request.
func (k *Kernel) commInfo(r *request) {
	k.reply(r, "comm_info_reply", map[string]any{"status": "ok", "comms": map[string]any{}})
}

// commOpen closes a comm whose target does not exist.
func (k *Kernel) commOpen(r *request) {
	var req struct {
		CommID     string `json:"comm_id"`
		TargetName string `json:"target_name"`
	}
	if err := r.msg.Unmarshal(&req); err != nil || req.CommID == "" {
		k.log.Warn("bad comm_open", "err", err)
		return
	}
	k.log.Info("comm_open for unknown target: closing", "target_name", req.TargetName, "comm_id", req.CommID)
	k.publish("comm_close", r.msg, map[string]any{"comm_id": req.CommID, "data": map[string]any{}})
}

// commMsg drops a message to a comm that does not exist.
func (k *Kernel) commMsg(r *request) {
	k.log.Info("comm_msg for unknown comm dropped", "msg_id", r.msg.Header.MsgID)
}

// commClose drops a close of a comm that does not exist.
func (k *Kernel) commClose(r *request) {
	k.log.Info("comm_close for unknown comm ignored", "msg_id", r.msg.Header.MsgID)
}
