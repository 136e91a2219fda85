package nnlib

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// partJob is work split into parts that may run at the same time: part p
// of parts touches only its own share of the output.
type partJob interface {
	runPart(part, parts int)
}

// poolRequest asks a worker to run one part of a job and to signal done.
type poolRequest struct {
	job         partJob
	part, parts int
	done        chan<- struct{}
}

// maxParts bounds the parts of one job (and the workers of the pool).
const maxParts = 64

// workPool is a set of goroutines, started once and kept, that run the
// parts of matrix products: unlike a go statement per part, handing a
// part to a waiting worker allocates nothing.
var workPool struct {
	mu      sync.Mutex
	started atomic.Int32
	reqs    chan poolRequest
}

func init() { workPool.reqs = make(chan poolRequest) }

// ensureWorkers starts workers until n are running.
func ensureWorkers(n int) {
	if int(workPool.started.Load()) >= n {
		return
	}
	workPool.mu.Lock()
	defer workPool.mu.Unlock()
	for int(workPool.started.Load()) < n {
		go poolWorker()
		workPool.started.Add(1)
	}
}

func poolWorker() {
	for r := range workPool.reqs {
		r.job.runPart(r.part, r.parts)
		r.done <- struct{}{}
	}
}

// partsFor is how many parts a job of the given size is worth: one per
// core (GOMAXPROCS) once it reaches minWork, at most limit.
func partsFor(work, minWork, limit int) int {
	if work < minWork {
		return 1
	}
	return max(1, min(runtime.GOMAXPROCS(0), limit, maxParts))
}

// runParts runs parts 0..parts-1 of job and returns when all are done:
// part 0 on the calling goroutine, the others on idle workers of the
// pool, or on the calling goroutine when no worker is idle (another model
// training at the same time), so that a busy pool never makes a caller
// wait for a worker. done must be buffered for parts-1 signals.
func runParts(job partJob, parts int, done chan struct{}) {
	if parts <= 1 {
		job.runPart(0, 1)
		return
	}
	ensureWorkers(min(parts-1, maxParts))
	sent := 0
	var inline uint64 // parts no worker took
	for p := 1; p < parts; p++ {
		select {
		case workPool.reqs <- poolRequest{job: job, part: p, parts: parts, done: done}:
			sent++
		default:
			inline |= 1 << p
		}
	}
	job.runPart(0, parts)
	for p := 1; p < parts; p++ {
		if inline&(1<<p) != 0 {
			job.runPart(p, parts)
		}
	}
	for ; sent > 0; sent-- {
		<-done
	}
}

// parallelMin is the smallest element-wise job worth two parts.
const parallelMin = 1 << 15
