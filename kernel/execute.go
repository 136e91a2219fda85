package kernel

import (
	"context"
	"fmt"
	"runtime/debug"
	"strings"
)

// executeRequest is the content of an execute_request.
type executeRequest struct {
	Code            string            `json:"code"`
	Silent          bool              `json:"silent"`
	StoreHistory    *bool             `json:"store_history"`
	UserExpressions map[string]string `json:"user_expressions"`
	AllowStdin      *bool             `json:"allow_stdin"`
	StopOnError     *bool             `json:"stop_on_error"`
}

// orTrue is the value of an optional flag that defaults to true.
func orTrue(b *bool) bool { return b == nil || *b }

// execute runs a cell: execute_input, the cell's outputs, an error or an
// execute_result, then execute_reply. After an error with stop_on_error
// the execute requests already queued are aborted.
func (k *Kernel) execute(r *request) {
	var req executeRequest
	if err := r.msg.Unmarshal(&req); err != nil {
		k.log.Warn("bad execute_request", "err", err)
		k.reply(r, "execute_reply", errorReply(k.count, &Error{Name: "BadRequest", Value: err.Error()}))
		return
	}
	storeHistory := orTrue(req.StoreHistory) && !req.Silent
	if storeHistory {
		k.count++
	}
	n := k.count
	if !req.Silent {
		k.publish("execute_input", r.msg, executeInput{Code: req.Code, ExecutionCount: n})
	}

	if k.isExitCommand(req.Code) {
		if storeHistory {
			k.remember(n, req.Code, ExecuteResult{})
		}
		k.reply(r, "execute_reply", map[string]any{
			"status": "ok", "execution_count": n, "user_expressions": map[string]any{},
			"payload": []any{map[string]any{"source": "ask_exit", "keepkernel": false}},
		})
		return
	}
	out := newCellOutput(k, r.msg, req.Silent, orTrue(req.AllowStdin))
	count := 0
	if storeHistory {
		count = n
	}
	res := k.run(req.Code, count, out)
	out.flush()

	if storeHistory {
		k.remember(n, req.Code, res)
	}
	if res.Err != nil {
		if !req.Silent {
			k.publish("error", r.msg, errorContent(res.Err))
		}
		// The requests to abort are those queued before the frontend can
		// see this reply: count them first.
		queued := len(k.shellQueue)
		k.reply(r, "execute_reply", errorReply(n, res.Err))
		if orTrue(req.StopOnError) {
			k.abortQueued(queued)
		}
		return
	}
	if res.Data != nil && !req.Silent {
		k.publish("execute_result", r.msg, map[string]any{
			"execution_count": n, "data": res.Data, "metadata": orEmpty(res.Metadata),
		})
	}
	k.reply(r, "execute_reply", executeReplyOK{Status: "ok", ExecutionCount: n, Payload: []any{},
		UserExpressions: k.userExpressions(req.UserExpressions)})
}

// executeInput is the content of execute_input, and executeReplyOK that
// of a successful execute_reply: structs, which encoding/json marshals
// faster than maps (no sorting of keys), for the two messages every cell
// sends.
type (
	executeInput struct {
		Code           string `json:"code"`
		ExecutionCount int    `json:"execution_count"`
	}
	executeReplyOK struct {
		Status          string         `json:"status"`
		ExecutionCount  int            `json:"execution_count"`
		Payload         []any          `json:"payload"`
		UserExpressions map[string]any `json:"user_expressions"`
	}
)

// isExitCommand reports whether code is a bare "exit" or "quit" that the
// cell's language does not define: the request to leave that IPython
// users type in a console, answered with an ask_exit payload (the
// frontend asks to quit and shuts the kernel down). A variable or function
// of that name defined in a cell keeps its ordinary meaning.
func (k *Kernel) isExitCommand(code string) bool {
	switch word := strings.TrimSpace(code); word {
	case "exit", "quit":
		_, err := k.evaluate(word)
		return err != nil
	}
	return false
}

// run executes code, whose execution count is count (0: none), with a
// context that Interrupt cancels. A panic in the interpreter becomes the
// cell's error; the kernel lives on.
func (k *Kernel) run(code string, count int, out *cellOutput) (res ExecuteResult) {
	ctx, endRun := k.beginRun(k.ctx)
	out.ctx = ctx
	defer func() {
		endRun()
		if p := recover(); p != nil {
			k.log.Error("interpreter panicked", "panic", p)
			res = ExecuteResult{Err: &Error{Name: "InterpreterPanic", Value: fmt.Sprint(p),
				Traceback: []string{fmt.Sprintf("interpreter panic: %v", p), string(debug.Stack())}}}
		}
	}()
	return k.interp.Execute(ctx, code, count, out)
}

// beginRun makes the context of a run that Interrupt cancels (a cell, or
// a comm handler while the kernel is idle); endRun ends it.
func (k *Kernel) beginRun(parent context.Context) (ctx context.Context, endRun func()) {
	ctx, cancel := context.WithCancel(parent)
	k.runMu.Lock()
	k.cancelRun, k.runCtx = cancel, ctx
	k.runMu.Unlock()
	return ctx, func() {
		k.runMu.Lock()
		k.cancelRun, k.runCtx = nil, nil
		k.runMu.Unlock()
		cancel()
	}
}

// userExpressions evaluates the user_expressions of a request.
func (k *Kernel) userExpressions(exprs map[string]string) map[string]any {
	results := make(map[string]any, len(exprs))
	for name, expr := range exprs {
		data, err := k.evaluate(expr)
		if err != nil {
			c := errorContent(err)
			c["status"] = "error"
			results[name] = c
			continue
		}
		results[name] = map[string]any{"status": "ok", "data": orEmpty(data), "metadata": map[string]any{}}
	}
	return results
}

// evaluate calls Interpreter.Evaluate, containing a panic.
func (k *Kernel) evaluate(expr string) (data map[string]any, err *Error) {
	defer func() {
		if p := recover(); p != nil {
			data, err = nil, &Error{Name: "InterpreterPanic", Value: fmt.Sprint(p)}
		}
	}()
	return k.interp.Evaluate(expr)
}

// abortQueued takes the next n requests of the shell queue (those queued
// when the error happened) and answers each execute_request among them
// with status "aborted", without running it; the other requests are
// served normally.
func (k *Kernel) abortQueued(n int) {
	for range n {
		msg := <-k.shellQueue
		r := &request{msg: msg, ch: shellChannel}
		if msg.Header.MsgType != "execute_request" {
			k.dispatch(r, shellHandlers)
			continue
		}
		k.status(busy, msg)
		k.log.Info("aborted queued execute_request", "msg_id", msg.Header.MsgID)
		k.reply(r, "execute_reply", map[string]any{"status": "aborted", "execution_count": k.count})
		k.status(idle, msg)
	}
}

// errorContent is the content of an IOPub error message.
func errorContent(e *Error) map[string]any {
	tb := e.Traceback
	if tb == nil {
		tb = []string{e.Error()}
	}
	return map[string]any{"ename": e.Name, "evalue": e.Value, "traceback": tb}
}

// errorReply is an execute_reply (or user expression) with status error.
func errorReply(count int, e *Error) map[string]any {
	c := errorContent(e)
	c["status"] = "error"
	c["execution_count"] = count
	return c
}

func orEmpty(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}
