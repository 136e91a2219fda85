package memlimit

import (
	"bytes"
	"fmt"
	"math"
	"math/bits"
	"reflect"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"sync"
	"time"
)

// Error is an allocation, or the growth of the heap, that does not fit
// the budget. It is a runtime.Error, as the runtime's own out-of-memory
// condition would be if Go could recover from it.
type Error struct {
	// What is the allocation in Go's words ("make([]byte, 32212254720)"),
	// or a description of the growth.
	What string
	// Need is the number of bytes the allocation needs (0 for growth).
	Need uint64
	// InUse is the heap in use when the guard refused.
	InUse uint64
	// Budget is the budget it does not fit.
	Budget Budget
}

// Error reads like the runtime's out-of-memory error, with the figures.
func (e *Error) Error() string {
	if e.Need == 0 {
		return fmt.Sprintf("runtime error: out of memory: %s %s, near the kernel's %s budget (%s)",
			e.What, FormatBytes(e.InUse), FormatBytes(e.Budget.Bytes), e.Budget.Source)
	}
	return fmt.Sprintf("runtime error: out of memory: %s needs %s, more than the kernel's %s budget has left (%s in use; %s)",
		e.What, FormatBytes(e.Need), FormatBytes(e.Budget.Bytes), FormatBytes(e.InUse), e.Budget.Source)
}

// RuntimeError marks Error as a runtime.Error.
func (e *Error) RuntimeError() {}

var _ runtime.Error = (*Error)(nil)

// checkFrom is the size below which an allocation is not checked: reading
// the heap's size costs more than such an allocation can hurt, and the
// watchdog sees the growth of many of them.
const checkFrom = 1 << 20

// addressReserve is the address space kept free under RLIMIT_AS for
// goroutine stacks and the runtime's own growth.
const addressReserve = 128 << 20

// watchFraction is the part of the budget that the live heap may fill
// before the watchdog stops the cell.
const watchFraction = 0.9

// watchEvery is how often the watchdog reads the heap's size.
const watchEvery = 10 * time.Millisecond

// Guard checks allocations against a budget. Its methods may be called
// from any goroutine.
type Guard struct {
	budget Budget

	mu           sync.Mutex
	lastRetained uint64 // heap retained after the last Release
}

// NewGuard returns a guard of budget b. A budget of 0 bytes checks
// nothing. It sets the Go runtime's soft memory limit to the budget, so
// that the collector works harder before the heap reaches it.
func NewGuard(b Budget) *Guard {
	if b.Bytes > 0 && b.Bytes < math.MaxInt64 {
		debug.SetMemoryLimit(int64(b.Bytes))
	}
	return &Guard{budget: b}
}

// Budget returns the guard's budget.
func (g *Guard) Budget() Budget { return g.budget }

// Check returns an *Error when an allocation of need bytes, described by
// what, would take the heap beyond the budget (after a collection has
// freed what it can), and nil otherwise.
func (g *Guard) Check(what string, need uint64) error {
	if g.budget.Bytes == 0 || need < checkFrom {
		return nil
	}
	fits := func(in uint64) bool {
		if need > g.budget.Bytes || in > g.budget.Bytes-need {
			return false
		}
		// Freed heap is fragmented and the runtime never unmaps it: a
		// block that must be mapped anew needs that much address space.
		if as := g.budget.AddressSpace; as > 0 {
			if used := procStatus("VmSize") + addressReserve; used > as || need > as-used {
				return false
			}
		}
		return true
	}
	if fits(heapInUse()) {
		return nil
	}
	runtime.GC()
	in := heapInUse()
	if fits(in) {
		return nil
	}
	return &Error{What: what, Need: need, InUse: in, Budget: g.budget}
}

// Make checks make(typ, n) for a value zero of the made type (a slice,
// map or channel type; typ is its source text) and returns n as an int.
// It panics with an *Error when the allocation does not fit. A negative
// n is returned as it is, for make to fail as Go's does.
func (g *Guard) Make(typ string, zero any, n any) int {
	v := reflect.ValueOf(n)
	var count uint64
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if v.Int() < 0 {
			return int(v.Int())
		}
		count = uint64(v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		count = v.Uint()
	case reflect.Float32, reflect.Float64:
		// An untyped constant such as 1e9 arrives as a float.
		if f := v.Float(); f >= 0 && f < math.MaxInt64 && f == math.Trunc(f) {
			count = uint64(f)
		} else {
			panic(fmt.Sprintf("runtime error: make(%s, %v): size is not an integer", typ, n))
		}
	default:
		panic(fmt.Sprintf("runtime error: make(%s, %v): size of type %T is not an integer", typ, n, n))
	}
	need := saturatingMul(count, elemBytes(reflect.TypeOf(zero)))
	if count > math.MaxInt {
		need = math.MaxUint64
	}
	if err := g.Check(fmt.Sprintf("make(%s, %d)", typ, count), need); err != nil {
		panic(err)
	}
	return int(count)
}

// Grow checks append(s, k elements) for a slice s: when the append must
// reallocate, the new backing array must fit. It panics with an *Error
// when it does not, and returns 0 otherwise.
func (g *Guard) Grow(s any, k int) int {
	v := reflect.ValueOf(s)
	if v.Kind() != reflect.Slice || k <= 0 {
		return 0
	}
	l, c := v.Len(), v.Cap()
	if k <= c-l {
		return 0
	}
	size := v.Type().Elem().Size()
	newCap := nextCap(c, l+k)
	need := saturatingMul(uint64(newCap), uint64(size))
	if need < checkFrom {
		return 0
	}
	if err := g.Check(fmt.Sprintf("append to a %s of %d elements", v.Type(), l), need); err != nil {
		panic(err)
	}
	return 0
}

// RepeatString is strings.Repeat(s, count), checked first: it panics
// with an *Error when the result does not fit the budget.
func (g *Guard) RepeatString(s string, count int) string {
	g.checkRepeat("strings", len(s), count)
	return strings.Repeat(s, count)
}

// RepeatBytes is bytes.Repeat(b, count), checked first: it panics with an
// *Error when the result does not fit the budget.
func (g *Guard) RepeatBytes(b []byte, count int) []byte {
	g.checkRepeat("bytes", len(b), count)
	return bytes.Repeat(b, count)
}

// checkRepeat checks pkg.Repeat of a value of size bytes count times. A
// negative count is left to Repeat, to fail as Go's does.
func (g *Guard) checkRepeat(pkg string, size, count int) {
	if count <= 0 || size <= 0 {
		return
	}
	if err := g.Check(fmt.Sprintf("%s.Repeat(%d bytes, %d)", pkg, size, count), saturatingMul(uint64(size), uint64(count))); err != nil {
		panic(err)
	}
}

// nextCap follows the growth of Go's append (runtime.nextslicecap):
// double small slices, grow large ones by about a quarter.
func nextCap(oldCap, newLen int) int {
	if newLen > 2*oldCap {
		return newLen
	}
	const threshold = 256
	if oldCap < threshold {
		return 2 * oldCap
	}
	c := oldCap
	for c < newLen && c > 0 {
		c += (c + 3*threshold) >> 2
	}
	if c <= 0 {
		return newLen
	}
	return c
}

// elemBytes estimates the bytes per element that make allocates for a
// slice, map or channel type.
func elemBytes(t reflect.Type) uint64 {
	if t == nil {
		return 1
	}
	switch t.Kind() {
	case reflect.Slice, reflect.Chan:
		return uint64(t.Elem().Size())
	case reflect.Map:
		// A slot holds a key and a value; a control byte per slot and a
		// load factor of 7/8.
		return (uint64(t.Key().Size()+t.Elem().Size()) + 1) * 8 / 7
	}
	return 1
}

func saturatingMul(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	if hi != 0 {
		return math.MaxUint64
	}
	return lo
}

// Watch starts a watchdog on the heap: every few milliseconds it reads the
// heap's size, and when that is above 90% of the budget even after a
// collection, it calls stop once with an *Error and ends. The returned
// function ends the watchdog and waits for it. With no budget, Watch does
// nothing.
func (g *Guard) Watch(stop func(error)) (end func()) {
	if g.budget.Bytes == 0 {
		return func() {}
	}
	threshold := uint64(float64(g.budget.Bytes) * watchFraction)
	quit := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(watchEvery)
		defer t.Stop()
		for {
			select {
			case <-quit:
				return
			case <-t.C:
			}
			if heapInUse() <= threshold {
				continue
			}
			runtime.GC()
			if in := heapInUse(); in > threshold {
				stop(&Error{What: "the cell's values take", InUse: in, Budget: g.budget})
				return
			}
		}
	}()
	return func() {
		close(quit)
		wg.Wait()
	}
}

// heapInUse returns the bytes of the heap's objects, live or not yet
// collected.
func heapInUse() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// releaseFrom is the retained heap below which Release does nothing.
const releaseFrom = 64 << 20

// Release gives memory back to the operating system when the process
// holds much more heap than its live values need: after a cell that built
// and dropped large values (a printed 100 MB line), the idle kernel's RSS
// comes back near its baseline instead of staying at its peak. It costs a
// collection, and is skipped (a few microseconds) when the retained heap
// is small, or has not grown since the last call and is mostly live. It
// reports whether it released.
func (g *Guard) Release() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	retained, live := retainedHeap()
	grew := retained > g.lastRetained+releaseFrom
	if retained < releaseFrom || (!grew && retained < 2*live+releaseFrom/2) {
		g.lastRetained = retained
		return false
	}
	debug.FreeOSMemory()
	g.lastRetained, _ = retainedHeap()
	return true
}

// retainedHeap returns the memory the runtime holds from the system (not
// released) and the live heap as of the last collection.
func retainedHeap() (retained, live uint64) {
	s := []metrics.Sample{
		{Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
		{Name: "/gc/heap/live:bytes"},
	}
	metrics.Read(s)
	return s[0].Value.Uint64() - s[1].Value.Uint64(), s[2].Value.Uint64()
}
