package nnlib

import (
	"testing"

	"github.com/gokernel/gokernel/internal/benchdata"
)

// BenchmarkXORFit500 is the tutorial's 2-16-1 model trained 500 full-batch
// epochs on the 4 XOR rows (Keras defaults: shuffled, batch 32).
func BenchmarkXORFit500(b *testing.B) {
	x, y := xorData()
	m := xorModel(b, []int{2, 16, 1}, "adam")
	b.ReportAllocs()
	for b.Loop() {
		m.SetSeed(1)
		if _, err := m.Fit(x, y, FitOptions{Epochs: 500}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkXORTrainStep is one optimizer step of the tutorial's model:
// after the first, no heap allocation.
func BenchmarkXORTrainStep(b *testing.B) {
	m := xorModel(b, []int{2, 16, 1}, "adam")
	x := []float64{0, 0, 0, 1, 1, 0, 1, 1}
	y := []float64{0, 1, 1, 0}
	if err := m.ensureBuilt(2); err != nil {
		b.Fatal(err)
	}
	m.opt = m.optCfg.newState(m.params)
	m.trainStep(x, y, nil, 4, 1)
	b.ReportAllocs()
	for b.Loop() {
		m.trainStep(x, y, nil, 4, 1)
	}
}

// BenchmarkMLPEpoch is one epoch of a 64-256-256-10 network on 20,000
// rows, batch 128, Adam, in each dtype.
func BenchmarkMLPEpoch(b *testing.B) {
	x, y := benchdata.MLP(20000)
	for _, dtype := range []string{"float64", "float32"} {
		b.Run(dtype, func(b *testing.B) {
			m, err := NewSequential(Dense(256, InputDim(64), Activation("relu"), DType(dtype)),
				Dense(256, Activation("relu"), DType(dtype)), Dense(10, Activation("softmax"), DType(dtype)))
			if err != nil {
				b.Fatal(err)
			}
			if err := m.Compile(CompileOptions{Loss: "categorical_crossentropy", Optimizer: "adam", Metrics: []string{"accuracy"}}); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := m.Fit(x, y, FitOptions{Epochs: 1, BatchSize: 128}); err != nil {
					b.Fatal(err)
				}
			}
			// per row: forward, kernel gradients and the upper layers' input
			// gradients, 2 flops per multiply-add (as bench/nnbench counts)
			const flops = 2 * 20000 * (2*(64*256+256*256+256*10) + (256*256 + 256*10))
			b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
	}
}
