package nnlib

import (
	"fmt"
	"runtime"
	"sync"
)

// Parallel calls f(0), f(1), ..., f(n-1) on all cores (GOMAXPROCS workers)
// and waits for them: the way to run a hyperparameter grid or a seed sweep
// from a notebook cell, one independent model per call. It returns the
// error of the lowest index that failed; a panic in f becomes an error
// instead of ending the process.
//
// Models share no state, so each call may build, train and evaluate its
// own; f must only write to its own slot of any shared result slice.
func Parallel(n int, f func(i int) error) error {
	if n < 0 {
		return fmt.Errorf("nnlib: Parallel: negative count %d", n)
	}
	if f == nil {
		return fmt.Errorf("nnlib: Parallel: nil function")
	}
	var (
		mu       sync.Mutex
		firstErr error
		firstIdx = n
	)
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.GOMAXPROCS(0), n); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				if err := callRecovering(f, i); err != nil {
					mu.Lock()
					if i < firstIdx {
						firstIdx, firstErr = i, err
					}
					mu.Unlock()
				}
			}
		}()
	}
	for i := 0; i < n; i++ {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	if firstErr != nil {
		return fmt.Errorf("nnlib: Parallel: job %d: %w", firstIdx, firstErr)
	}
	return nil
}

func callRecovering(f func(int) error, i int) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return f(i)
}
