package widgets

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/gokernel/gokernel/kernel"
)

// Widget is implemented by every widget of this package.
type Widget interface {
	// ModelID is the widget's model id, the id of its comm.
	ModelID() string
	base() *Base
}

// Base is the part every widget shares: its model id, its state (traits),
// the observers of its traits and its link to the frontend. Its methods
// are those of every widget.
type Base struct {
	id    string
	self  Widget
	kinds map[string]kind

	mu        sync.Mutex
	state     map[string]any
	observers map[string][]func(Change)
	onCustom  []func(content map[string]any, buffers [][]byte)
	comm      *kernel.Comm
	closed    bool
	out       *Output // where callbacks' output goes, nil for the default
}

// Change describes a change of a trait, passed to observers.
type Change struct {
	// Owner is the widget whose trait changed.
	Owner Widget
	// Name is the trait's name; Old and New its values before and after.
	Name     string
	Old, New any
}

// spec describes a model: its names and its traits with their defaults.
type spec struct {
	model, view         string
	module, viewModule  string
	version, viewVerson string
	traits              map[string]trait
}

// trait is a trait's kind and default value.
type trait struct {
	kind kind
	def  any
}

const (
	controls      = "@jupyter-widgets/controls"
	baseModule    = "@jupyter-widgets/base"
	outputModule  = "@jupyter-widgets/output"
	version2      = "2.0.0"
	outputVersion = "1.0.0"
	// ProtocolVersion is the version of the Jupyter widgets messaging
	// protocol spoken.
	ProtocolVersion = "2.1.0"
)

// newBase creates the model of self from sp and values that override
// the defaults, registers it, and opens its comm when a frontend is
// connected. Traits holding widgets (layout, style) must be in values.
func newBase(self Widget, sp spec, values map[string]any) *Base {
	b := &Base{id: newID(), self: self, kinds: map[string]kind{}, state: map[string]any{},
		observers: map[string][]func(Change){}}
	b.state["_model_name"], b.state["_view_name"] = sp.model, nilIfEmpty(sp.view)
	b.state["_model_module"], b.state["_model_module_version"] = sp.module, sp.version
	b.state["_view_module"], b.state["_view_module_version"] = nilIfEmpty(sp.viewModule), sp.viewVerson
	b.state["_view_count"] = nil
	for _, name := range []string{"_model_name", "_model_module", "_model_module_version", "_view_name",
		"_view_module", "_view_module_version", "_view_count"} {
		b.kinds[name] = kAny
	}
	for name, t := range sp.traits {
		b.kinds[name] = t.kind
		b.state[name] = cloneDefault(t.def)
	}
	for name, v := range values {
		k, ok := b.kinds[name]
		if !ok {
			panic(fmt.Sprintf("widgets: %s has no trait %q", sp.model, name))
		}
		cv, err := coerce(k, v)
		if err != nil {
			panic(fmt.Sprintf("widgets: %s.%s: %v", sp.model, name, err))
		}
		b.state[name] = cv
	}
	registry.add(b)
	b.open()
	return b
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func cloneDefault(v any) any {
	switch x := v.(type) {
	case []string:
		return slices.Clone(x)
	case []int:
		return slices.Clone(x)
	case []float64:
		return slices.Clone(x)
	case []Widget:
		return slices.Clone(x)
	case []any:
		return slices.Clone(x)
	case []byte:
		return slices.Clone(x)
	case map[string]any:
		return maps.Clone(x)
	}
	return v
}

func (b *Base) base() *Base { return b }

// ModelID returns the widget's model id.
func (b *Base) ModelID() string { return b.id }

// Get returns the value of a trait, nil for a trait the widget does not
// have. Widgets come back as Widget values, byte traits as []byte.
func (b *Base) Get(name string) any {
	b.mu.Lock()
	defer b.mu.Unlock()
	return cloneDefault(b.state[name])
}

// Traits lists the names of the widget's traits.
func (b *Base) Traits() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	names := slices.Collect(maps.Keys(b.state))
	sort.Strings(names)
	return names
}

// Set changes a trait: the frontend's view follows and the trait's
// observers run. It fails for a trait the widget does not have and for a
// value of the wrong type (numbers convert between int and float64 when
// they can).
func (b *Base) Set(name string, value any) error {
	k, ok := b.kinds[name]
	if !ok {
		return fmt.Errorf("widgets: %s has no trait %q (it has %s)", b.modelName(), name, strings.Join(b.publicTraits(), ", "))
	}
	if strings.HasPrefix(name, "_model") || strings.HasPrefix(name, "_view") {
		return fmt.Errorf("widgets: %s.%s is read-only", b.modelName(), name)
	}
	v, err := coerce(k, value)
	if err != nil {
		return fmt.Errorf("widgets: %s.%s: %w", b.modelName(), name, err)
	}
	b.apply(map[string]any{name: v}, true)
	return nil
}

// set is Set for values known to be right.
func (b *Base) set(name string, value any) {
	if err := b.Set(name, value); err != nil {
		panic(err)
	}
}

func (b *Base) publicTraits() []string {
	var names []string
	for name := range b.kinds {
		if !strings.HasPrefix(name, "_") {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names
}

func (b *Base) modelName() string {
	return strings.TrimSuffix(b.Get("_model_name").(string), "Model")
}

// apply stores new values, sends those that changed to the frontend when
// send is set, and runs the observers of the changed traits.
func (b *Base) apply(values map[string]any, send bool) {
	var changes []Change
	b.mu.Lock()
	names := slices.Sorted(maps.Keys(values))
	for _, name := range names {
		old := b.state[name]
		if equal(old, values[name]) {
			continue
		}
		b.state[name] = values[name]
		changes = append(changes, Change{Owner: b.self, Name: name, Old: old, New: cloneDefault(values[name])})
	}
	b.mu.Unlock()
	if len(changes) == 0 {
		return
	}
	if send {
		update := map[string]any{}
		for _, c := range changes {
			update[c.Name] = c.New
		}
		b.send("update", update)
	}
	for _, c := range changes {
		b.notify(c)
	}
}

// Observe calls f after every change of the trait name ("" for every
// trait), with the old and the new value.
func (b *Base) Observe(name string, f func(Change)) {
	if f == nil {
		return
	}
	b.mu.Lock()
	b.observers[name] = append(b.observers[name], f)
	b.mu.Unlock()
}

func (b *Base) notify(c Change) {
	b.mu.Lock()
	fs := slices.Concat(b.observers[c.Name], b.observers[""])
	b.mu.Unlock()
	for _, f := range fs {
		b.callback(func() { f(c) })
	}
}

// SetOutput sends what the widget's callbacks print and display, and
// their errors, to out; nil restores the default (see the package
// documentation).
func (b *Base) SetOutput(out *Output) {
	b.mu.Lock()
	b.out = out
	b.mu.Unlock()
}

// Close closes the widget: the frontend removes its views and the kernel
// forgets it. Using it afterwards changes nothing in the frontend.
func (b *Base) Close() {
	b.mu.Lock()
	was := b.closed
	b.closed = true
	c := b.comm
	b.mu.Unlock()
	if was {
		return
	}
	registry.remove(b.id)
	if c != nil {
		c.Close(nil)
	}
}

// Closed reports whether the widget was closed (by Close, or by the
// frontend).
func (b *Base) Closed() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.closed
}

// MIMEBundle shows the widget's view: the widget view MIME type, and a
// text/plain description for frontends without widgets.
func (b *Base) MIMEBundle() (data, metadata map[string]any) {
	return map[string]any{
		"application/vnd.jupyter.widget-view+json": map[string]any{
			"model_id": b.id, "version_major": 2, "version_minor": 0,
		},
		"text/plain": b.String(),
	}, map[string]any{}
}

// String describes the widget as ipywidgets does: its type and value.
func (b *Base) String() string {
	b.mu.Lock()
	v, ok := b.state["value"]
	b.mu.Unlock()
	name := b.modelName()
	if !ok {
		return name + "()"
	}
	if s, isBytes := v.([]byte); isBytes {
		return fmt.Sprintf("%s(value=<%d bytes>)", name, len(s))
	}
	return fmt.Sprintf("%s(value=%#v)", name, toJSON(v))
}

// Layout returns the widget's Layout, nil for widgets without one.
func (b *Base) Layout() *Layout {
	if l, ok := b.Get("layout").(*Layout); ok {
		return l
	}
	return nil
}

// Style returns the widget's Style, nil for widgets without one.
func (b *Base) Style() *Style {
	if s, ok := b.Get("style").(*Style); ok {
		return s
	}
	return nil
}

// equal compares two stored values.
func equal(a, b any) bool {
	switch x := a.(type) {
	case []byte:
		y, ok := b.([]byte)
		return ok && string(x) == string(y)
	case []string:
		y, ok := b.([]string)
		return ok && slices.Equal(x, y)
	case []int:
		y, ok := b.([]int)
		return ok && slices.Equal(x, y)
	case []float64:
		y, ok := b.([]float64)
		return ok && slices.Equal(x, y)
	case []Widget:
		y, ok := b.([]Widget)
		return ok && slices.Equal(x, y)
	case []any, map[string]any:
		return false
	}
	switch b.(type) {
	case []any, map[string]any, []byte, []string, []int, []float64, []Widget:
		return false
	}
	return a == b
}
