package difftest

import (
	"context"
	"fmt"
	"time"

	"github.com/gokernel/gokernel/engine"
)

// LoopN is the iteration count of the interpreter speed measurement.
const LoopN = 10_000_000

// loopWant is the sum the loops compute.
const loopWant = LoopN * (LoopN - 1) / 2

// Loop cells: a function declared by a cell and called by the next, and
// a cell's top-level loop over its globals.
const (
	loopFuncDecl = `func sumLoop(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s += i
	}
	return s
}`
	loopFuncCall     = "sumLoop(10000000)"
	loopTopLevelDecl = "n := 10000000\ns := 0"
	loopTopLevelRun  = "s = 0\nfor i := 0; i < n; i++ {\n\ts += i\n}\ns"
)

//go:noinline
func sumLoop(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s += i
	}
	return s
}

var sink int

// CompiledLoop runs the loop as compiled Go and returns its duration.
func CompiledLoop() time.Duration {
	start := time.Now()
	sink = sumLoop(LoopN)
	d := time.Since(start)
	if sink != loopWant {
		panic("wrong sum")
	}
	return d
}

// LoopEngine is an engine with a loop cell's definitions, ready to run it.
type LoopEngine struct {
	e    *engine.Engine
	cell string
}

// NewLoopEngine prepares an engine for the loop: in a function declared
// by a cell (topLevel false), or in a cell's top-level loop.
func NewLoopEngine(topLevel bool) (*LoopEngine, error) {
	e, err := engine.New()
	if err != nil {
		return nil, err
	}
	decl, cell := loopFuncDecl, loopFuncCall
	if topLevel {
		decl, cell = loopTopLevelDecl, loopTopLevelRun
	}
	if res := e.Execute(context.Background(), decl, 0, &streams{}); res.Err != nil {
		return nil, res.Err
	}
	return &LoopEngine{e, cell}, nil
}

// Run runs the loop cell once and returns its duration.
func (l *LoopEngine) Run() (time.Duration, error) {
	start := time.Now()
	res := l.e.Execute(context.Background(), l.cell, 0, &streams{})
	d := time.Since(start)
	if res.Err != nil {
		return 0, res.Err
	}
	if got := res.Data["text/plain"]; got != fmt.Sprint(loopWant) {
		return 0, fmt.Errorf("loop result %v, want %d", got, loopWant)
	}
	return d, nil
}
