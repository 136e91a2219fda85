package nnlib_test

import (
	"fmt"

	"github.com/gokernel/gokernel/nnlib"
)

// A layer computes in float32 with the DType option, as Keras's
// dtype="float32"; Summary counts its weights at 4 bytes.
func ExampleDType() {
	model, err := nnlib.NewSequential(
		nnlib.Dense(256, nnlib.InputDim(64), nnlib.Activation("relu"), nnlib.DType("float32")),
		nnlib.Dense(10, nnlib.Activation("softmax"), nnlib.DType("float32")))
	if err != nil {
		fmt.Println(err)
		return
	}
	dense := model.Layers()[0].(*nnlib.DenseLayer)
	fmt.Println(dense.Name(), dense.DType())
	fmt.Print(model.Summary())

	_, err = nnlib.NewSequential(nnlib.Dense(4, nnlib.InputDim(2), nnlib.DType("float16")))
	fmt.Println(err)
	// Output:
	// dense float32
	// Model: "sequential"
	// ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
	// ┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
	// ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
	// │ dense (Dense)                   │ (None, 256)            │         16640 │
	// ├─────────────────────────────────┼────────────────────────┼───────────────┤
	// │ dense_1 (Dense)                 │ (None, 10)             │          2570 │
	// └─────────────────────────────────┴────────────────────────┴───────────────┘
	//  Total params: 19210 (75.04 KB)
	//  Trainable params: 19210 (75.04 KB)
	//  Non-trainable params: 0 (0.00 B)
	// nnlib: layer "dense" (Dense): unknown dtype "float16" (nnlib computes in "float32" or "float64")
}

// SetFloatX sets the dtype of the layers created after it, as
// keras.config.set_floatx.
func ExampleSetFloatX() {
	if err := nnlib.SetFloatX("float32"); err != nil {
		fmt.Println(err)
		return
	}
	defer nnlib.SetFloatX("float64") // nnlib's default
	hidden := nnlib.Dense(16, nnlib.Activation("relu"))
	output := nnlib.Dense(1, nnlib.Activation("sigmoid"), nnlib.DType("float64"))
	fmt.Println(nnlib.FloatX(), hidden.DType(), output.DType())

	fmt.Println(nnlib.SetFloatX("half"))
	// Output:
	// float32 float32 float64
	// nnlib: SetFloatX: unknown dtype "half" (nnlib computes in "float32" or "float64")
}
