//go:build !linux

package nnlib

// capMemory is a no-op where RLIMIT_AS is not available.
func capMemory(bytes uint64) {}
