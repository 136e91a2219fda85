package nnlib

import "syscall"

// capMemory limits the process's address space, so that an allocation a
// size check missed fails at once in the child process instead of
// swapping the machine.
func capMemory(bytes uint64) {
	syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: bytes, Max: bytes})
}
