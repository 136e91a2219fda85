package nnlib_test

import (
	"fmt"
	"io"

	"github.com/gokernel/gokernel/nnlib"
)

// The tutorial's model: XOR with one hidden layer of 16 relu units, mean
// squared error and Adam, as in the Keras tutorial.
func Example() {
	x := [][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}
	y := [][]float64{{0}, {1}, {1}, {0}}

	model, err := nnlib.NewSequential(
		nnlib.Dense(16, nnlib.InputDim(2), nnlib.Activation("relu")),
		nnlib.Dense(1, nnlib.Activation("sigmoid")))
	if err != nil {
		fmt.Println(err)
		return
	}
	model.SetSeed(7)
	err = model.Compile(nnlib.CompileOptions{
		Loss:      "mean_squared_error",
		Optimizer: nnlib.Adam{LearningRate: 0.05},
		Metrics:   []string{"binary_accuracy"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	hist, err := model.Fit(x, y, nnlib.FitOptions{Epochs: 500, Verbose: 0})
	if err != nil {
		fmt.Println(err)
		return
	}
	acc, _ := hist.Last("binary_accuracy")
	fmt.Println("epochs:", hist.Len(), "final binary_accuracy:", acc)
	pred, _ := model.Predict(x)
	for i, p := range pred {
		fmt.Printf("%v -> %.0f\n", x[i], p[0])
	}
	// Output:
	// epochs: 500 final binary_accuracy: 1
	// [0 0] -> 0
	// [0 1] -> 1
	// [1 0] -> 1
	// [1 1] -> 0
}

// Summary prints Keras's table of layers and parameter counts.
func ExampleSequential_Summary() {
	model, _ := nnlib.NewSequential(
		nnlib.Dense(16, nnlib.InputDim(2), nnlib.Activation("relu")),
		nnlib.Dense(1, nnlib.Activation("sigmoid")))
	fmt.Print(model.Summary())
	// Output:
	// Model: "sequential"
	// ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
	// ┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
	// ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
	// │ dense (Dense)                   │ (None, 16)             │            48 │
	// ├─────────────────────────────────┼────────────────────────┼───────────────┤
	// │ dense_1 (Dense)                 │ (None, 1)              │            17 │
	// └─────────────────────────────────┴────────────────────────┴───────────────┘
	//  Total params: 65 (520.00 B)
	//  Trainable params: 65 (520.00 B)
	//  Non-trainable params: 0 (0.00 B)
}

// A callback made of a function: print the loss every 100 epochs.
func ExampleCallbackFuncs() {
	x := [][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}
	y := []float64{0, 1, 1, 0}
	model, _ := nnlib.NewSequential(
		nnlib.Dense(16, nnlib.InputDim(2), nnlib.Activation("relu")),
		nnlib.Dense(1, nnlib.Activation("sigmoid")))
	model.SetSeed(1)
	model.Compile(nnlib.CompileOptions{Loss: "binary_crossentropy", Optimizer: nnlib.SGD{LearningRate: 0.5, Momentum: 0.9}})
	every100 := nnlib.CallbackFuncs{EpochEnd: func(epoch int, logs map[string]float64) error {
		if (epoch+1)%100 == 0 {
			fmt.Printf("epoch %d: loss below 0.1: %v\n", epoch+1, logs["loss"] < 0.1)
		}
		return nil
	}}
	model.Fit(x, y, nnlib.FitOptions{Epochs: 300, Callbacks: []nnlib.Callback{every100}, Output: io.Discard})
	// Output:
	// epoch 100: loss below 0.1: true
	// epoch 200: loss below 0.1: true
	// epoch 300: loss below 0.1: true
}

// A seed sweep over all cores: one independent model per seed.
func ExampleParallel() {
	x := [][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}
	y := []float64{0, 1, 1, 0}
	first := make([]int, 8) // first epoch at 100% accuracy, per seed
	err := nnlib.Parallel(len(first), func(i int) error {
		model, err := nnlib.NewSequential(
			nnlib.Dense(16, nnlib.InputDim(2), nnlib.Activation("relu")),
			nnlib.Dense(1, nnlib.Activation("sigmoid")))
		if err != nil {
			return err
		}
		if err := model.Compile(nnlib.CompileOptions{Loss: "mse", Optimizer: "adam", Metrics: []string{"binary_accuracy"}}); err != nil {
			return err
		}
		if err := model.InitWeightsMulberry32(uint32(i + 1)); err != nil {
			return err
		}
		hist, err := model.Fit(x, y, nnlib.FitOptions{Epochs: 500, NoShuffle: true})
		first[i] = hist.FirstEpochAtLeast("binary_accuracy", 1)
		return err
	})
	fmt.Println(first, err)
	// Output:
	// [55 64 98 28 180 143 54 68] <nil>
}

func ExampleArgMax() {
	pred := [][]float64{{0.1, 0.7, 0.2}, {0.5, 0.3, 0.2}}
	fmt.Println(nnlib.ArgMax(pred))
	// Output: [1 0]
}

// A small convolutional network for 8×8 one-channel images, as in Keras:
// the summary shows each layer's output shape.
func ExampleConv2D() {
	model, err := nnlib.NewSequential(
		nnlib.Input(8, 8, 1),
		nnlib.Conv2D(16, 3, nnlib.Activation("relu")),
		nnlib.MaxPooling2D(2),
		nnlib.Flatten(),
		nnlib.Dense(10, nnlib.Activation("softmax")))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(model.Summary())
	// Output:
	// Model: "sequential"
	// ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
	// ┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
	// ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
	// │ conv2d (Conv2D)                 │ (None, 6, 6, 16)       │           160 │
	// ├─────────────────────────────────┼────────────────────────┼───────────────┤
	// │ max_pooling2d (MaxPooling2D)    │ (None, 3, 3, 16)       │             0 │
	// ├─────────────────────────────────┼────────────────────────┼───────────────┤
	// │ flatten (Flatten)               │ (None, 144)            │             0 │
	// ├─────────────────────────────────┼────────────────────────┼───────────────┤
	// │ dense (Dense)                   │ (None, 10)             │          1450 │
	// └─────────────────────────────────┴────────────────────────┴───────────────┘
	//  Total params: 1610 (12.58 KB)
	//  Trainable params: 1610 (12.58 KB)
	//  Non-trainable params: 0 (0.00 B)
}

func ExampleBatchNormalization() {
	model, err := nnlib.NewSequential(
		nnlib.Input(4),
		nnlib.Dense(8, nnlib.UseBias(false)),
		nnlib.BatchNormalization(),
		nnlib.Activation("relu"),
		nnlib.Dense(1, nnlib.Activation("sigmoid")))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(model)
	fmt.Println(model.CountParams(), "weights,", len(model.WeightNames()), "tensors:", model.WeightNames())
	// Output:
	// Sequential(4 → Dense(8, linear) → BatchNormalization → Activation(relu) → Dense(1, sigmoid))
	// 73 weights, 7 tensors: [dense/kernel batch_normalization/gamma batch_normalization/beta batch_normalization/moving_mean batch_normalization/moving_variance dense_1/kernel dense_1/bias]
}
