package nnlib

import (
	"math"
	"math/rand/v2"
	"sync"
)

// seeds hands out the seeds of models created without an explicit one, so
// that a program (or notebook) that calls SetSeed first is reproducible.
var seeds = struct {
	sync.Mutex
	rng *rand.Rand
}{rng: rand.New(rand.NewPCG(0x6e6e6c6962, 1))}

// SetSeed seeds the package's default random source, like Keras's
// keras.utils.set_random_seed: models created afterwards without their own
// seed draw theirs from it, in creation order.
func SetSeed(seed int64) {
	seeds.Lock()
	seeds.rng = rand.New(rand.NewPCG(uint64(seed), 1))
	seeds.Unlock()
}

func nextDefaultSeed() int64 {
	seeds.Lock()
	defer seeds.Unlock()
	return int64(seeds.rng.Uint64() >> 1)
}

// Mulberry32 is the small 32-bit generator the reference fixtures (and many
// JavaScript tutorials) use to draw initial weights. Its zero value is a
// generator seeded with 0.
type Mulberry32 struct {
	state uint32
}

// NewMulberry32 returns a generator seeded with seed.
func NewMulberry32(seed uint32) *Mulberry32 { return &Mulberry32{state: seed} }

// Float64 returns the next value in [0, 1).
func (g *Mulberry32) Float64() float64 {
	g.state += 0x6D2B79F5
	a := g.state
	t := (a ^ (a >> 15)) * (a | 1)
	t = (t + ((t ^ (t >> 7)) * (t | 61))) ^ t
	return float64(t^(t>>14)) / 4294967296
}

// GlorotUniform32 returns the next Glorot-uniform weight for a kernel of
// fanIn×fanOut, computed as the fixtures do: float32((2u-1)·sqrt(6/(in+out))).
func (g *Mulberry32) GlorotUniform32(fanIn, fanOut int) float64 {
	u := g.Float64()
	return float64(float32((2*u - 1) * math.Sqrt(6/float64(fanIn+fanOut))))
}
