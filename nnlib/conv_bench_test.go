package nnlib

import (
	"testing"

	"github.com/gokernel/gokernel/nnlib/datasets"
)

// BenchmarkDigitsCNNEpoch is one epoch of the digits tutorial's CNN
// (Conv2D(16, 3, relu), MaxPooling2D(2), Flatten, Dense(10, softmax)) on
// all 1,797 8×8 images, batch 32, Adam.
func BenchmarkDigitsCNNEpoch(b *testing.B) {
	x, y, err := datasets.Digits()
	if err != nil {
		b.Fatal(err)
	}
	x = datasets.Scale(x, 1.0/16)
	m, err := NewSequential(Input(8, 8, 1), Conv2D(16, 3, Activation("relu")), MaxPooling2D(2), Flatten(), Dense(10, Activation("softmax")))
	if err != nil {
		b.Fatal(err)
	}
	if err := m.Compile(CompileOptions{Loss: "sparse_categorical_crossentropy", Optimizer: "adam", Metrics: []string{"accuracy"}}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := m.Fit(x, y, FitOptions{Epochs: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkConvTrainStep is one optimizer step of that CNN on a batch of
// 32 images: after the first, no heap allocation.
func BenchmarkConvTrainStep(b *testing.B) {
	x, y, err := datasets.Digits()
	if err != nil {
		b.Fatal(err)
	}
	m, err := NewSequential(Input(8, 8, 1), Conv2D(16, 3, Activation("relu")), MaxPooling2D(2), Flatten(), Dense(10, Activation("softmax")))
	if err != nil {
		b.Fatal(err)
	}
	if err := m.Compile(CompileOptions{Loss: "sparse_categorical_crossentropy", Optimizer: "adam"}); err != nil {
		b.Fatal(err)
	}
	xb, yb := make([]float64, 0, 32*64), make([]float64, 32)
	for i := 0; i < 32; i++ {
		for _, v := range x[i] {
			xb = append(xb, v/16)
		}
		yb[i] = float64(y[i])
	}
	m.opt = m.optCfg.newState(m.params)
	m.trainStep(xb, yb, nil, 32, 1)
	b.ReportAllocs()
	for b.Loop() {
		m.trainStep(xb, yb, nil, 32, 1)
	}
}
