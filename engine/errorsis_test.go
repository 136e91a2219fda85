package engine

import (
	"errors"
	"fmt"
	"io"
	"testing"
)

// loopErr unwraps to itself: the cycle a loop-made wrapper produces.
type loopErr struct{}

func (e *loopErr) Error() string { return "loop" }
func (e *loopErr) Unwrap() error { return e }

// isErr is an error with an Is method.
type isErr struct{}

func (isErr) Error() string        { return "is" }
func (isErr) Is(target error) bool { return target == io.ErrClosedPipe }

func TestErrorsIsAsGo(t *testing.T) {
	wrapped := fmt.Errorf("a: %w", fmt.Errorf("b: %w", io.EOF))
	joined := errors.Join(io.ErrUnexpectedEOF, wrapped)
	for _, c := range []struct{ err, target error }{
		{wrapped, io.EOF}, {wrapped, io.ErrUnexpectedEOF}, {joined, io.EOF}, {joined, io.ErrNoProgress},
		{nil, nil}, {nil, io.EOF}, {io.EOF, nil}, {isErr{}, io.ErrClosedPipe}, {fmt.Errorf("%w", isErr{}), io.ErrClosedPipe},
		{isErr{}, io.EOF},
	} {
		if got, want := errorsIs(c.err, c.target), errors.Is(c.err, c.target); got != want {
			t.Errorf("errorsIs(%v, %v) = %v, errors.Is says %v", c.err, c.target, got, want)
		}
	}
}

func TestErrorsIsCycle(t *testing.T) {
	defer func() {
		if r := recover(); r != errErrorCycle {
			t.Errorf("errorsIs of a cycle: recovered %v, want errErrorCycle", r)
		}
	}()
	errorsIs(fmt.Errorf("x: %w", &loopErr{}), io.EOF)
}
