// Package memlimit finds the memory budget of the kernel process and
// guards the allocations of interpreted cells against it, so that a cell
// that would run the process out of memory ends with an error instead of
// killing the kernel (the Go runtime's out-of-memory death cannot be
// recovered).
//
// The budget (Detect) is, in order of precedence: the environment
// variable GOKERNEL_MEMORY_LIMIT (bytes, or with a unit: "3.2GiB",
// "512MiB", "4G"; "off" disables the guard); the cgroup's memory limit
// (v2 memory.max, v1 memory.limit_in_bytes); the address-space limit
// RLIMIT_AS (prlimit --as, ulimit -v), less what the process has mapped
// at start; the memory available on the machine (MemAvailable). The
// smallest of the last three applies.
//
// A Guard checks one allocation before it happens (Check, Make, Grow:
// make of a computed size, append that must reallocate) and watches the
// heap while a cell runs (Watch), calling a stop function when the live
// heap stays above its threshold after a collection. Both report an
// *Error, whose text reads like the runtime's own:
//
//	runtime error: out of memory: make([]byte, 32212254720) needs 30 GiB, more than the kernel's 1.8 GiB budget
package memlimit
