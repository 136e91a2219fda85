package kernel

// shutdownRequest replies, publishes the reply on IOPub too (as the
// protocol asks since 5.4), interrupts a running cell and makes Run
// return (after a grace period in which the idle status goes out).
func (k *Kernel) shutdownRequest(r *request) {
	var req struct {
		Restart bool `json:"restart"`
	}
	if err := r.msg.Unmarshal(&req); err != nil {
		k.log.Warn("bad shutdown_request content; shutting down anyway", "err", err)
	}
	content := map[string]any{"status": "ok", "restart": req.Restart}
	k.reply(r, "shutdown_reply", content)
	k.publish("shutdown_reply", r.msg, content)
	k.log.Info("shutdown requested", "restart", req.Restart)
	k.Interrupt()
	k.requestShutdown(req.Restart)
}

// interruptRequest cancels the running cell, if any.
func (k *Kernel) interruptRequest(r *request) {
	k.log.Info("interrupt requested")
	k.Interrupt()
	k.reply(r, "interrupt_reply", map[string]any{"status": "ok"})
}
