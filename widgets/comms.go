package widgets

import (
	"context"
	"encoding/base64"
	"fmt"
	"maps"
	"runtime/debug"
	"slices"
	"strings"
	"sync"

	"github.com/gokernel/gokernel/cell"
	"github.com/gokernel/gokernel/kernel"
)

// Target names of the widget comms.
const (
	// TargetName is the comm target of widget models.
	TargetName = "jupyter.widget"
	// ControlTargetName is the comm target a frontend opens to ask for
	// the state of every widget (request_states), when a page reloads.
	ControlTargetName = "jupyter.widget.control"
)

// registry holds the live widgets and the kernel they talk to.
var registry = &widgetRegistry{widgets: map[string]*Base{}}

type widgetRegistry struct {
	mu      sync.Mutex
	widgets map[string]*Base
	order   []string // ids in creation order
	k       *kernel.Kernel
}

func (r *widgetRegistry) add(b *Base) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.widgets[b.id] = b
	r.order = append(r.order, b.id)
}

func (r *widgetRegistry) remove(id string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.widgets, id)
	if i := slices.Index(r.order, id); i >= 0 {
		r.order = slices.Delete(r.order, i, i+1)
	}
}

func (r *widgetRegistry) get(id string) *Base {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.widgets[id]
}

func (r *widgetRegistry) all() []*Base {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]*Base, 0, len(r.order))
	for _, id := range r.order {
		out = append(out, r.widgets[id])
	}
	return out
}

func (r *widgetRegistry) kernel() *kernel.Kernel {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.k
}

var idCount struct {
	sync.Mutex
	n int
}

// newID is a model id; with a kernel it is the id of the comm opened
// for the widget instead (see open).
func newID() string {
	idCount.Lock()
	defer idCount.Unlock()
	idCount.n++
	return fmt.Sprintf("gokernel-widget-%d", idCount.n)
}

// Serve connects the widgets of this process to the kernel k: widgets
// created from now on open their comms on it, and the frontend's widget
// manager can open the control comm to ask for every widget's state.
// gokernel's kernel command calls it; cells never need to.
func Serve(k *kernel.Kernel) {
	registry.mu.Lock()
	registry.k = k
	registry.mu.Unlock()
	UseRunner(k)
	k.RegisterCommTarget(ControlTargetName, func(c *kernel.Comm, _ kernel.CommMessage) {
		c.OnMessage(func(m kernel.CommMessage) {
			if m.Data["method"] != "request_states" {
				return
			}
			states, paths, buffers := allStates()
			c.Send(map[string]any{"method": "update_states", "states": states, "buffer_paths": paths}, nil, buffers)
		})
	})
	k.RegisterCommTarget(TargetName, openedByFrontend)
}

// openedByFrontend keeps a model the frontend created (a jslink made in
// the browser, say) so that its state is known and reported.
func openedByFrontend(c *kernel.Comm, m kernel.CommMessage) {
	state, _ := m.Data["state"].(map[string]any)
	b := &Base{id: c.ID, kinds: map[string]kind{}, state: map[string]any{}, observers: map[string][]func(Change){}, comm: c}
	b.self = b
	for name, v := range state {
		b.kinds[name] = kAny
		b.state[name] = v
	}
	if _, ok := b.state["_model_name"].(string); !ok {
		b.state["_model_name"] = "UnknownModel"
	}
	setBuffers(b.state, m.Data["buffer_paths"], m.Buffers)
	registry.add(b)
	c.OnMessage(b.handle)
	c.OnClose(func(kernel.CommMessage) { b.forget() })
}

// open opens the widget's comm when a kernel is connected; the comm id
// becomes the model id.
func (b *Base) open() {
	k := registry.kernel()
	if k == nil {
		return
	}
	state, paths, buffers := b.fullState()
	c := k.OpenComm(TargetName, map[string]any{"state": state, "buffer_paths": paths},
		map[string]any{"version": ProtocolVersion}, buffers)
	registry.mu.Lock()
	delete(registry.widgets, b.id)
	if i := slices.Index(registry.order, b.id); i >= 0 {
		registry.order[i] = c.ID
	}
	b.id = c.ID
	registry.widgets[b.id] = b
	registry.mu.Unlock()
	b.comm = c
	c.OnMessage(b.handle)
	c.OnClose(func(kernel.CommMessage) { b.forget() })
}

// forget drops a widget the frontend closed.
func (b *Base) forget() {
	b.mu.Lock()
	b.closed = true
	b.mu.Unlock()
	registry.remove(b.id)
}

// fullState is the widget's state for a message: JSON values, the paths
// of its binary buffers and the buffers.
func (b *Base) fullState() (state map[string]any, paths [][]any, buffers [][]byte) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return splitBuffers(b.state)
}

// splitBuffers converts stored values to their JSON form and takes the
// byte values out as buffers.
func splitBuffers(values map[string]any) (state map[string]any, paths [][]any, buffers [][]byte) {
	state = make(map[string]any, len(values))
	paths = [][]any{}
	for _, name := range slices.Sorted(maps.Keys(values)) {
		if bs, ok := values[name].([]byte); ok {
			paths = append(paths, []any{name})
			buffers = append(buffers, bs)
			continue
		}
		state[name] = toJSON(values[name])
	}
	return state, paths, buffers
}

// setBuffers puts the buffers of a message into state at their paths
// (top-level traits only, as the core widgets use them).
func setBuffers(state map[string]any, paths any, buffers [][]byte) {
	list, _ := paths.([]any)
	for i, p := range list {
		path, _ := p.([]any)
		if i >= len(buffers) || len(path) != 1 {
			continue
		}
		if name, ok := path[0].(string); ok {
			state[name] = buffers[i]
		}
	}
}

// send sends a comm message of method with state to the frontend.
func (b *Base) send(method string, values map[string]any) {
	b.mu.Lock()
	c, closed := b.comm, b.closed
	b.mu.Unlock()
	if c == nil || closed {
		return
	}
	state, paths, buffers := splitBuffers(values)
	c.Send(map[string]any{"method": method, "state": state, "buffer_paths": paths}, nil, buffers)
}

// handle serves the frontend's messages to the widget: update (with
// echo_update first, as ipywidgets 8 does), request_state and custom.
func (b *Base) handle(m kernel.CommMessage) {
	ctx, out := m.Ctx, m.Output
	switch m.Data["method"] {
	case "update":
		state, _ := m.Data["state"].(map[string]any)
		setBuffers(state, m.Data["buffer_paths"], m.Buffers)
		if len(state) == 0 {
			return
		}
		b.echo(state)
		accepted := map[string]any{}
		rejected := map[string]any{}
		for name, v := range state {
			k, ok := b.kinds[name]
			if !ok {
				continue
			}
			cv, err := coerce(k, v)
			if err != nil {
				rejected[name] = b.Get(name)
				continue
			}
			accepted[name] = cv
		}
		if len(rejected) > 0 {
			b.send("update", rejected) // put the frontend right
		}
		b.runCallbacks(ctx, out, func() { b.apply(accepted, false) })
	case "request_state":
		state, paths, buffers := b.fullState()
		b.mu.Lock()
		c := b.comm
		b.mu.Unlock()
		if c != nil {
			c.Send(map[string]any{"method": "update", "state": state, "buffer_paths": paths}, nil, buffers)
		}
	case "custom":
		content, _ := m.Data["content"].(map[string]any)
		b.mu.Lock()
		fs := slices.Clone(b.onCustom)
		b.mu.Unlock()
		b.runCallbacks(ctx, out, func() {
			for _, f := range fs {
				b.callback(func() { f(content, m.Buffers) })
			}
		})
	}
}

// echo sends echo_update with the state the frontend sent, so that other
// views of the model follow.
func (b *Base) echo(state map[string]any) {
	values := map[string]any{}
	for name, v := range state {
		if _, ok := b.kinds[name]; ok {
			values[name] = v
		}
	}
	if len(values) > 0 {
		b.send("echo_update", values)
	}
}

// runCallbacks runs f, which calls the widget's callbacks, with their
// output going to the widget's Output or else to out.
func (b *Base) runCallbacks(ctx context.Context, out kernel.Output, f func()) {
	b.mu.Lock()
	target := b.out
	b.mu.Unlock()
	if target != nil {
		out = target.sink()
	}
	if out == nil {
		f()
		return
	}
	run(ctx, out, f)
}

// callback runs f, a callback of the user's; a panic is reported on the
// standard error of where its output goes and does not stop the others.
func (b *Base) callback(f func()) {
	defer func() {
		if p := recover(); p != nil {
			msg := fmt.Sprintf("widgets: a callback of %s panicked: %v\n%s", b.modelName(), p, callerStack())
			b.mu.Lock()
			out := b.out
			b.mu.Unlock()
			if out != nil {
				out.stream("stderr", msg)
				return
			}
			fmt.Fprint(cell.Stderr(), msg)
		}
	}()
	f()
}

// callerStack is the stack of a recovered panic without the runtime's and
// this package's frames, for the user's orientation.
func callerStack() string {
	var keep []string
	lines := strings.Split(string(debug.Stack()), "\n")
	for i := 1; i+1 < len(lines); i += 2 {
		fn, loc := lines[i], lines[i+1]
		if strings.HasPrefix(fn, "runtime") || strings.Contains(fn, "gokernel/widgets.") ||
			strings.Contains(fn, "reflect.") || strings.Contains(fn, "yaegi") {
			continue
		}
		keep = append(keep, fn, loc)
	}
	if len(keep) == 0 {
		return ""
	}
	return strings.Join(keep, "\n") + "\n"
}

// allStates is the content of update_states: every live widget's model
// names and state, the paths of their buffers and the buffers.
func allStates() (states map[string]any, paths [][]any, buffers [][]byte) {
	states = map[string]any{}
	paths = [][]any{}
	for _, b := range registry.all() {
		state, ps, bs := b.fullState()
		states[b.id] = map[string]any{
			"model_name": state["_model_name"], "model_module": state["_model_module"],
			"model_module_version": state["_model_module_version"], "state": state,
		}
		for i, p := range ps {
			paths = append(paths, append([]any{b.id, "state"}, p...))
			buffers = append(buffers, bs[i])
		}
	}
	return states, paths, buffers
}

// StateMIMEType is the MIME type of the widget state a notebook's
// metadata keeps under "widgets".
const StateMIMEType = "application/vnd.jupyter.widget-state+json"

// State returns the state of every live widget in the form notebook
// metadata keeps it (metadata.widgets[StateMIMEType]), as nbclient's
// store_widget_state writes it: version 2.0, each model with its names,
// its state and its binary buffers in base64.
func State() map[string]any {
	models := map[string]any{}
	for _, b := range registry.all() {
		state, ps, bs := b.fullState()
		entry := map[string]any{
			"model_name": state["_model_name"], "model_module": state["_model_module"],
			"model_module_version": state["_model_module_version"], "state": state,
		}
		if len(bs) > 0 {
			var buffers []any
			for i, p := range ps {
				buffers = append(buffers, map[string]any{"path": p, "encoding": "base64",
					"data": base64.StdEncoding.EncodeToString(bs[i])})
			}
			entry["buffers"] = buffers
		}
		models[b.id] = entry
	}
	return map[string]any{"version_major": 2, "version_minor": 0, "state": models}
}

// Lookup returns the live widget with model id, nil when there is none.
func Lookup(id string) Widget {
	if b := registry.get(id); b != nil {
		return b.self
	}
	return nil
}

// Live lists the model ids of the live widgets, oldest first.
func Live() []string {
	var ids []string
	for _, b := range registry.all() {
		ids = append(ids, b.id)
	}
	return ids
}
