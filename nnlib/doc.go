// Package nnlib is a small neural-network library with the API, defaults
// and numbers of Keras 3, written for notebooks: gokernel preloads it, so a
// Keras tutorial reads almost the same in Go.
//
//	model, err := nnlib.NewSequential(
//		nnlib.Dense(16, nnlib.InputDim(2), nnlib.Activation("relu")),
//		nnlib.Dense(1, nnlib.Activation("sigmoid")))
//	err = model.Compile(nnlib.CompileOptions{Loss: "mean_squared_error",
//		Optimizer: "adam", Metrics: []string{"binary_accuracy"}})
//	hist, err := model.Fit(x, y, nnlib.FitOptions{Epochs: 500, Verbose: 2})
//	pred, err := model.Predict(x)
//
// # Images, sequences and shapes
//
// Layers work on samples of any shape, channels last as in Keras: give
// the model its input shape with Input (like keras.Input) or the first
// layer's InputShape, and x keeps one row per sample holding the sample's
// values in row-major order (64 values for an 8×8 one-channel image).
//
//	model, err := nnlib.NewSequential(
//		nnlib.Input(8, 8, 1),
//		nnlib.Conv2D(16, 3, nnlib.Activation("relu")),
//		nnlib.MaxPooling2D(2),
//		nnlib.Flatten(),
//		nnlib.Dense(10, nnlib.Activation("softmax")))
//
// The layers are Keras's: Dense (on the last axis), Dropout, Activation,
// Flatten, Reshape, Conv2D and Conv1D (Strides, Padding "valid" or
// "same"), MaxPooling2D/1D, AveragePooling2D/1D, GlobalAveragePooling2D,
// GlobalMaxPooling2D, BatchNormalization (batch statistics in training,
// moving ones in inference, momentum 0.99, epsilon 1e-3),
// LayerNormalization and Embedding. Summary prints Keras's output shapes,
// "(None, 6, 6, 16)"; a layer that does not fit its input (a 2-D
// convolution on flat rows, a window larger than the image) is an error
// when the model is built. Convolutions run as im2col plus the matrix
// kernels Dense uses. ArgMax turns predicted probabilities into classes.
// Package nnlib/datasets has the 8×8 handwritten digits built in.
//
// # Keras semantics
//
// Names are Keras's strings: activations ("relu", "sigmoid", "tanh",
// "softmax", "linear", "leaky_relu", "elu", "selu", "softplus", "softsign",
// "swish"/"silu", "gelu", "hard_sigmoid"), initializers, losses, optimizers
// and metrics; an unknown name is an error that lists the valid ones.
// Defaults are Keras 3's: Dense has glorot_uniform kernels and zero
// biases; Adam(0.001, 0.9, 0.999, 1e-7) with epsilon outside the
// uncorrected square root; SGD(0.01); RMSprop(0.001, rho 0.9, epsilon inside
// the root); compile defaults to rmsprop; Fit to batch size 32, shuffled,
// validation split from the end before shuffling; "accuracy" resolves as
// Keras 3's, by the shapes of the targets and the output (one output:
// binary; one label column: sparse categorical; else categorical). The logged loss and metrics of an epoch come from the forward
// passes before each step's update, averaged over the epoch's rows.
// binary_accuracy compares the prediction, rounded to float32 as Keras
// holds it, strictly above 0.5.
//
// # Options and their defaults
//
// Options are structs whose field names are Keras's arguments in Go case
// (FitOptions.BatchSize is batch_size). A field left out takes Keras's
// default where zero is not a valid value (a learning rate, a batch size,
// a monitor name) or where Keras's default is zero; where zero is valid
// and Keras's default is not, the field is a pointer, nil for the
// default, set with Float or Int:
//
//	nnlib.Adam{LearningRate: 0.01, Beta1: nnlib.Float(0)}
//
// Epochs 0 trains nothing and Verbose 0 is silent, as epochs=0 and
// verbose=0 in Keras (so nnlib's defaults for those two are Keras's
// explicit zeros: give Epochs, and Verbose 1 or 2 for output). Every
// option is checked at the call that takes it: a NaN, an infinity, a
// value out of range, a nil model or a size beyond nnlib's limits is an
// error that names the field, never a panic.
//
// # Precision: float64 by default, float32 on request
//
// nnlib computes in float64 unless told otherwise; the reference runs in
// testdata (Keras semantics, float32) agree to 1e-5 on every epoch's loss
// and on the final weights, with equal accuracies. SetFloatX("float32")
// (keras.config.set_floatx) makes the layers created afterwards float32,
// and the DType option sets one layer's dtype, as Keras's dtype argument:
//
//	nnlib.Dense(256, nnlib.Activation("relu"), nnlib.DType("float32"))
//
// A float32 layer multiplies in float32 (with AVX-512, 1.5–2x the
// float64 speed of an MLP epoch on 256-wide layers: see BENCHMARKS.md) and
// rounds its weights to float32
// whenever they change, as Keras's float32 variables; the values between
// layers, the losses and the optimizer's arithmetic stay float64, and
// Summary counts 4 bytes per float32 weight. The reference runs agree in
// float32 too (to 2e-5), and float32 training follows float64 training
// to a relative 1e-4 in loss.
//
// The default is float64, where Keras's is float32, because a notebook's
// results then do not depend on anything but the code: float64 products
// are bit-identical on every number of cores and whether or not the CPU
// has AVX-512 (float32 products are identical across core counts, not
// across CPUs), gradient checks hold to 1e-7, and the tutorials' models
// are too small for the products to dominate their time. Use float32 for
// wide layers and large data sets, when speed matters more than the last
// digits.
//
// # Output and interrupts
//
// Fit prints Keras 3's epoch lines (Verbose 2: "Epoch 1/500" then
// "1/1 - 0s - 2ms/step - binary_accuracy: 0.5000 - loss: 0.2500"; Verbose 1
// a progress bar) to FitOptions.Output, by default cell.Stdout(): in
// gokernel, the running cell. It stops between batches when
// FitOptions.Context (default cell.Context(), cancelled by a notebook
// interrupt) is done, and returns the history so far with the error.
//
// # Callbacks and history
//
// A Callback has OnEpochEnd and OnBatchEnd; CallbackFuncs adapts plain
// functions, and returning ErrStopTraining ends training cleanly. Built
// in, as Keras's keras.callbacks: EarlyStopping, TerminateOnNaN,
// ReduceLROnPlateau, LearningRateScheduler, ModelCheckpoint and CSVLogger.
//
// # Learning rates, clipping and weights
//
// An optimizer's Schedule (ExponentialDecay, PiecewiseConstantDecay,
// CosineDecay, or a type of your own) sets the rate of every step, as
// Keras's learning_rate=schedule; LearningRate and SetLearningRate read
// and set it between calls, as model.optimizer.learning_rate. ClipNorm,
// GlobalClipNorm and ClipValue clip the gradients as Keras's clipnorm,
// global_clipnorm and clipvalue. FitOptions.SampleWeight and ClassWeight
// weigh the rows' losses as sample_weight and class_weight; Predict and
// Evaluate take an optional batch size. testdata/training_options.json
// pins all of these to Keras 3's formulas (gen_training_options.py). Fit returns a *History: Epoch and
// History["loss"], History["val_loss"], ... as in Keras; Get, Last, Keys
// and FirstEpochAtLeast read it.
//
// # Reproducibility and parallel training
//
// Every model has its own random source (weights, shuffling, dropout):
// SetSeed on the model, or SetSeed on the package before creating models,
// makes training bit-identical. Models share no state, so many can train
// at once; Parallel(n, f) runs f(0..n-1) over all cores for a
// hyperparameter grid or a seed sweep. InitWeightsMulberry32 draws the
// initial weights the way the reference fixtures and the JavaScript
// version of the tutorial do.
//
// # Display
//
// A *Sequential has a MIMEBundle method (its Summary as text, a table as
// HTML), so a model as the last expression of a cell displays itself.
//
// # Saving
//
// Save and Load use a documented JSON format (see MarshalJSON): the
// architecture, weights, compile settings, optimizer state and random
// state, so a reloaded model predicts and continues training identically.
//
// # Speed
//
// Training runs as compiled code: the tutorial's 500 epochs take well
// under a millisecond, and a training step allocates nothing, small or
// large. Larger layers use matrix kernels on all cores (a pool of worker
// goroutines): AVX-512 or AVX2/FMA in float64, AVX-512 in float32. See
// BENCHMARKS.md.
package nnlib
