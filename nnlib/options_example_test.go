package nnlib_test

import (
	"fmt"
	"io"

	"github.com/gokernel/gokernel/nnlib"
)

// An option whose Keras default is not zero is a pointer: leave it out
// for the default, or set it, zero included, with nnlib.Float.
func ExampleFloat() {
	model, err := nnlib.NewSequential(nnlib.Dense(1, nnlib.InputDim(2), nnlib.Activation("sigmoid")))
	if err != nil {
		fmt.Println(err)
		return
	}
	err = model.Compile(nnlib.CompileOptions{Loss: "binary_crossentropy",
		Optimizer: nnlib.Adam{LearningRate: 0.01, Beta1: nnlib.Float(0)}})
	fmt.Println(err)
	err = model.Compile(nnlib.CompileOptions{Loss: "binary_crossentropy",
		Optimizer: nnlib.Adam{Beta1: nnlib.Float(1)}})
	fmt.Println(err)
	// Output:
	// <nil>
	// nnlib: Compile: optimizer Adam: Beta1 must be in [0, 1), got 1
}

func ExampleExponentialDecay() {
	s := nnlib.ExponentialDecay{InitialLearningRate: 0.5, DecaySteps: 10, DecayRate: 0.5}
	for _, step := range []int{0, 5, 10, 20} {
		fmt.Printf("step %d: %.4f\n", step, s.LearningRate(step))
	}
	// Output:
	// step 0: 0.5000
	// step 5: 0.3536
	// step 10: 0.2500
	// step 20: 0.1250
}

func ExamplePiecewiseConstantDecay() {
	s := nnlib.PiecewiseConstantDecay{Boundaries: []int{100, 200}, Values: []float64{0.1, 0.01, 0.001}}
	fmt.Println(s.LearningRate(0), s.LearningRate(100), s.LearningRate(101), s.LearningRate(500))
	// Output: 0.1 0.1 0.01 0.001
}

func ExampleCosineDecay() {
	s := nnlib.CosineDecay{InitialLearningRate: 0.1, DecaySteps: 100, WarmupTarget: nnlib.Float(0.2), WarmupSteps: 10}
	for _, step := range []int{0, 5, 10, 60, 110, 500} {
		fmt.Printf("step %d: %.4f\n", step, s.LearningRate(step))
	}
	// Output:
	// step 0: 0.1000
	// step 5: 0.1500
	// step 10: 0.2000
	// step 60: 0.1000
	// step 110: 0.0000
	// step 500: 0.0000
}

// ReduceLROnPlateau halves the rate after two epochs without improvement;
// the History holds the rate of every epoch. (MinDelta 10 makes every
// epoch after the first count as no improvement.)
func ExampleReduceLROnPlateau() {
	x := [][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}
	y := []float64{0, 1, 1, 0}
	model, _ := nnlib.NewSequential(nnlib.Dense(4, nnlib.InputDim(2), nnlib.Activation("relu")), nnlib.Dense(1, nnlib.Activation("sigmoid")))
	model.Compile(nnlib.CompileOptions{Loss: "binary_crossentropy", Optimizer: "adam"})
	reduce, err := nnlib.ReduceLROnPlateau(nnlib.ReduceLROnPlateauOptions{
		Monitor: "loss", Factor: 0.5, Patience: nnlib.Int(2), MinDelta: nnlib.Float(10)})
	if err != nil {
		fmt.Println(err)
		return
	}
	hist, err := model.Fit(x, y, nnlib.FitOptions{Epochs: 6, Callbacks: []nnlib.Callback{reduce}, Output: io.Discard})
	fmt.Println(hist.Get("learning_rate"), err)
	// Output: [0.001 0.001 0.001 0.0005 0.0005 0.00025] <nil>
}
