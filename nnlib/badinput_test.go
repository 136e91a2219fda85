package nnlib

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// badInput is one bad input to a public entry point: run must return an
// error whose text contains want, without panicking or dying.
type badInput struct {
	name string
	want string
	run  func() error
}

// Helpers for the cases; a failure in them ends the child process with a
// panic, which fails the case.

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func compiledXOR() *Sequential {
	m := must(NewSequential(Dense(4, InputDim(2), Activation("relu")), Dense(1, Activation("sigmoid"))))
	if err := m.Compile(CompileOptions{Loss: "mse", Optimizer: "adam", Metrics: []string{"accuracy"}}); err != nil {
		panic(err)
	}
	return m
}

func newModel(layers ...Layer) error {
	_, err := NewSequential(layers...)
	return err
}

func compileWith(opt any) error {
	m := must(NewSequential(Dense(1, InputDim(2))))
	return m.Compile(CompileOptions{Loss: "mse", Optimizer: opt})
}

func fitXOR(o FitOptions) error {
	x, y := xorData()
	_, err := compiledXOR().Fit(x, y, o)
	return err
}

func fitBad(x, y any) error {
	_, err := compiledXOR().Fit(x, y, FitOptions{Epochs: 1})
	return err
}

func sparseFit(y []float64) error {
	m := must(NewSequential(Dense(3, InputDim(2), Activation("softmax"))))
	if err := m.Compile(CompileOptions{Loss: "sparse_categorical_crossentropy"}); err != nil {
		panic(err)
	}
	x, _ := xorData()
	_, err := m.Fit(x, y, FitOptions{Epochs: 1})
	return err
}

// loadEdited saves a trained XOR model, lets edit change its JSON, and
// loads the result.
func loadEdited(edit func(f map[string]any)) error {
	m := compiledXOR()
	x, y := xorData()
	if _, err := m.Fit(x, y, FitOptions{Epochs: 2}); err != nil {
		panic(err)
	}
	data := must(m.MarshalJSON())
	var f map[string]any
	if err := json.Unmarshal(data, &f); err != nil {
		panic(err)
	}
	edit(f)
	_, err := UnmarshalModel(must(json.Marshal(f)))
	return err
}

func layerCfg(f map[string]any, i int) map[string]any {
	return f["layers"].([]any)[i].(map[string]any)
}

func compileCfg(f map[string]any) map[string]any { return f["compile"].(map[string]any) }

func optState(f map[string]any) map[string]any { return f["optimizer_state"].(map[string]any) }

// nilModelAccessors calls every method of a nil model that has no error
// result and reports what Summary says.
func nilModelAccessors() error {
	var m *Sequential
	_ = m.Name()
	_ = m.Layers()
	_ = m.InputDim() + m.OutputDim() + m.CountParams()
	_ = m.Seed()
	m.SetSeed(1)
	_ = m.WeightNames()
	_ = m.GetWeights()
	_ = m.String()
	data, _ := m.MIMEBundle()
	if data["text/plain"] != m.Summary() {
		return errors.New("MIMEBundle differs from Summary")
	}
	return errors.New(m.Summary())
}

var nan, inf = math.NaN(), math.Inf(1)

func badInputs() []badInput {
	x, y := xorData()
	var nilModel *Sequential
	return []badInput{
		// Layers.
		{"dense zero units", "units must be in [1,", func() error { return newModel(Dense(0)) }},
		{"dense negative units", "got -3", func() error { return newModel(Dense(-3, InputDim(2))) }},
		{"dense 2^40 units", "got 1099511627776", func() error { return newModel(Dense(1<<40, InputDim(2))) }},
		{"input dim zero", "input dimension", func() error { return newModel(Dense(4, InputDim(0))) }},
		{"input dim 2^40", "input dimension", func() error { return newModel(Dense(4, InputDim(1<<40))) }},
		{"kernel 2^40 values", "too large", func() error { return newModel(Dense(1<<20, InputDim(1<<20))) }},
		{"kernel too big at Fit", "too large", func() error {
			m := must(NewSequential(Dense(1 << 24)))
			if err := m.Compile(CompileOptions{Loss: "mse"}); err != nil {
				panic(err)
			}
			_, err := m.Fit([][]float64{make([]float64, 64)}, [][]float64{make([]float64, 1<<24)}, FitOptions{Epochs: 1})
			return err
		}},
		{"unknown activation", `unknown activation "rleu"`, func() error { return newModel(Dense(4, InputDim(2), Activation("rleu"))) }},
		{"unknown activation layer", `unknown activation "softmaxx"`, func() error { return newModel(Dense(4, InputDim(2)), Activation("softmaxx")) }},
		{"unknown initializer", `unknown initializer "nope"`, func() error { return newModel(Dense(4, InputDim(2), KernelInitializer("nope"))) }},
		{"initializer NaN", "must be finite", func() error { return newModel(Dense(4, InputDim(2), KernelInitializer("constant", nan))) }},
		{"initializer Inf bias", "must be finite", func() error { return newModel(Dense(4, InputDim(2), BiasInitializer("random_normal", 0, inf))) }},
		{"initializer min > max", "exceeds maxval", func() error { return newModel(Dense(4, InputDim(2), KernelInitializer("random_uniform", 1, -1))) }},
		{"initializer negative stddev", "negative stddev", func() error { return newModel(Dense(4, InputDim(2), KernelInitializer("random_normal", 0, -1))) }},
		{"initializer extra params", "at most 0 parameters", func() error { return newModel(Dense(4, InputDim(2), KernelInitializer("zeros", 1))) }},
		{"regularizer NaN", "regularization factor l1", func() error { return newModel(Dense(4, InputDim(2), KernelRegularizer(nan, 0))) }},
		{"regularizer negative", "regularization factor l2", func() error { return newModel(Dense(4, InputDim(2), KernelRegularizer(0, -1))) }},
		{"bias regularizer Inf", "regularization factor l1", func() error { return newModel(Dense(4, InputDim(2), BiasRegularizer(inf, 0))) }},
		{"dropout NaN", "dropout rate", func() error { return newModel(Dense(4, InputDim(2)), Dropout(nan)) }},
		{"dropout 1", "dropout rate", func() error { return newModel(Dense(4, InputDim(2)), Dropout(1)) }},
		{"dropout negative", "dropout rate", func() error { return newModel(Dense(4, InputDim(2)), Dropout(-0.1)) }},
		{"add nil", "nil layer", func() error { return newModel(nil) }},
		{"add typed nil", "nil layer", func() error { return newModel((*DenseLayer)(nil)) }},
		{"add twice", "already in the model", func() error { d := Dense(2, InputDim(2)); return newModel(d, d) }},
		{"layer of another model", "already belongs", func() error {
			d := Dense(2, InputDim(2))
			must(NewSequential(d))
			return newModel(d)
		}},
		{"duplicate names", `named "a"`, func() error { return newModel(Dense(2, InputDim(2), Name("a")), Dense(1, Name("a"))) }},
		{"input width mismatch", "(None, 5)", func() error { return newModel(Dense(4, InputDim(2)), Dense(3, InputDim(5))) }},

		// A model that was never created.
		{"nil Compile", "never created", func() error { return nilModel.Compile(CompileOptions{Loss: "mse"}) }},
		{"nil Fit", "never created", func() error { _, err := nilModel.Fit(x, y, FitOptions{Epochs: 1}); return err }},
		{"nil Predict", "never created", func() error { _, err := nilModel.Predict(x); return err }},
		{"nil Evaluate", "never created", func() error { _, err := nilModel.Evaluate(x, y); return err }},
		{"nil Save", "Check the error NewSequential", func() error { return nilModel.Save(filepath.Join(os.TempDir(), "never.json")) }},
		{"nil MarshalJSON", "never created", func() error { _, err := nilModel.MarshalJSON(); return err }},
		{"nil Add", "never created", func() error { return nilModel.Add(Dense(1)) }},
		{"nil SetWeights", "never created", func() error { return nilModel.SetWeights(nil) }},
		{"nil InitWeightsMulberry32", "never created", func() error { return nilModel.InitWeightsMulberry32(1) }},
		{"nil accessors", "never created", nilModelAccessors},
		{"ignored NewSequential error", "never created", func() error {
			m, _ := NewSequential(Dense(0, InputDim(2)))
			return m.Compile(CompileOptions{Loss: "mse"})
		}},

		// Compile.
		{"compile without layers", "no layers", func() error { return must(NewSequential()).Compile(CompileOptions{Loss: "mse"}) }},
		{"unknown loss", `unknown loss "msee"`, func() error { return compiledXOR().Compile(CompileOptions{Loss: "msee"}) }},
		{"no loss", "no loss given", func() error { return compiledXOR().Compile(CompileOptions{}) }},
		{"unknown metric", `unknown metric "acuracy"`, func() error {
			return compiledXOR().Compile(CompileOptions{Loss: "mse", Metrics: []string{"acuracy"}})
		}},
		{"metric twice", "listed twice", func() error {
			return compiledXOR().Compile(CompileOptions{Loss: "mse", Metrics: []string{"mae", "mae"}})
		}},
		{"unknown optimizer", `unknown optimizer "adamm"`, func() error { return compileWith("adamm") }},
		{"optimizer of wrong type", "got int", func() error { return compileWith(42) }},
		{"nil optimizer pointer", "nil *nnlib.Adam", func() error { return compileWith((*Adam)(nil)) }},
		{"learning rate NaN", "Adam: LearningRate", func() error { return compileWith(Adam{LearningRate: nan}) }},
		{"learning rate negative", "SGD: LearningRate", func() error { return compileWith(SGD{LearningRate: -1}) }},
		{"learning rate Inf", "RMSprop: LearningRate", func() error { return compileWith(&RMSprop{LearningRate: inf}) }},
		{"momentum NaN", "SGD: Momentum", func() error { return compileWith(SGD{Momentum: nan}) }},
		{"momentum 2", "SGD: Momentum", func() error { return compileWith(SGD{Momentum: 2}) }},
		{"beta1 NaN", "Adam: Beta1", func() error { return compileWith(Adam{Beta1: Float(nan)}) }},
		{"beta1 one", "Adam: Beta1", func() error { return compileWith(Adam{Beta1: Float(1)}) }},
		{"beta2 negative", "AdamW: Beta2", func() error { return compileWith(AdamW{Beta2: Float(-0.1)}) }},
		{"epsilon negative", "Adam: Epsilon", func() error { return compileWith(Adam{Epsilon: Float(-1)}) }},
		{"weight decay NaN", "AdamW: WeightDecay", func() error { return compileWith(AdamW{WeightDecay: Float(nan)}) }},
		{"rho above one", "RMSprop: Rho", func() error { return compileWith(RMSprop{Rho: Float(1.5)}) }},
		{"rmsprop momentum negative", "RMSprop: Momentum", func() error { return compileWith(RMSprop{Momentum: -1}) }},
		{"accumulator negative", "Adagrad: InitialAccumulatorValue", func() error { return compileWith(Adagrad{InitialAccumulatorValue: Float(-1)}) }},
		{"clipnorm NaN", "ClipNorm", func() error { return compileWith(Adam{ClipNorm: nan}) }},
		{"clipvalue negative", "ClipValue", func() error { return compileWith(SGD{ClipValue: -1}) }},
		{"two clippings", "at most one of", func() error { return compileWith(Adam{ClipNorm: 1, ClipValue: 1}) }},
		{"schedule and rate", "not both", func() error {
			return compileWith(SGD{LearningRate: 0.1, Schedule: ExponentialDecay{InitialLearningRate: 0.1, DecaySteps: 10, DecayRate: 0.9}})
		}},
		{"decay steps zero", "DecaySteps", func() error {
			return compileWith(SGD{Schedule: ExponentialDecay{InitialLearningRate: 0.1, DecayRate: 0.9}})
		}},
		{"decay rate NaN", "DecayRate", func() error {
			return compileWith(SGD{Schedule: ExponentialDecay{InitialLearningRate: 0.1, DecaySteps: 10, DecayRate: nan}})
		}},
		{"piecewise lengths", "len(Values)", func() error {
			return compileWith(Adam{Schedule: PiecewiseConstantDecay{Boundaries: []int{10}, Values: []float64{0.1}}})
		}},
		{"piecewise order", "increasing", func() error {
			return compileWith(Adam{Schedule: PiecewiseConstantDecay{Boundaries: []int{10, 5}, Values: []float64{0.1, 0.01, 0.001}}})
		}},
		{"cosine alpha", "Alpha", func() error {
			return compileWith(Adam{Schedule: CosineDecay{InitialLearningRate: 0.1, DecaySteps: 10, Alpha: 2}})
		}},
		{"nil schedule pointer", "nil *nnlib.ExponentialDecay", func() error {
			return compileWith(Adam{Schedule: (*ExponentialDecay)(nil)})
		}},

		// Fit.
		{"fit not compiled", "not compiled", func() error {
			_, err := must(NewSequential(Dense(1, InputDim(2)))).Fit(x, y, FitOptions{Epochs: 1})
			return err
		}},
		{"epochs negative", "Epochs must be non-negative", func() error { return fitXOR(FitOptions{Epochs: -1}) }},
		{"batch size negative", "BatchSize must be positive", func() error { return fitXOR(FitOptions{Epochs: 1, BatchSize: -1}) }},
		{"verbose 3", "Verbose must be 0, 1 or 2", func() error { return fitXOR(FitOptions{Epochs: 1, Verbose: 3}) }},
		{"initial epoch negative", "InitialEpoch", func() error { return fitXOR(FitOptions{Epochs: 1, InitialEpoch: -1}) }},
		{"validation split NaN", "ValidationSplit must be in [0, 1)", func() error { return fitXOR(FitOptions{Epochs: 1, ValidationSplit: nan}) }},
		{"validation split 1", "ValidationSplit", func() error { return fitXOR(FitOptions{Epochs: 1, ValidationSplit: 1}) }},
		{"validation split negative", "ValidationSplit", func() error { return fitXOR(FitOptions{Epochs: 1, ValidationSplit: -0.5}) }},
		{"validation split leaves nothing", "leaves no", func() error { return fitXOR(FitOptions{Epochs: 1, ValidationSplit: 0.9}) }},
		{"nil callback", "Callbacks[0] is nil", func() error { return fitXOR(FitOptions{Epochs: 1, Callbacks: []Callback{nil}}) }},
		{"typed nil callback", "Callbacks[1] is nil", func() error {
			return fitXOR(FitOptions{Epochs: 1, Callbacks: []Callback{TerminateOnNaN(), (*EarlyStoppingCallback)(nil)}})
		}},
		{"x nil", "x is nil", func() error { return fitBad(nil, y) }},
		{"x string", "x has type string", func() error { return fitBad("x", y) }},
		{"x ragged", "ragged", func() error { return fitBad([][]float64{{1, 2}, {3}}, [][]float64{{1}, {0}}) }},
		{"x empty", "x is empty", func() error { return fitBad([][]float64{}, [][]float64{}) }},
		{"x NaN", "NaN", func() error { return fitBad([][]float64{{1, nan}}, [][]float64{{1}}) }},
		{"y Inf", "+Inf", func() error { return fitBad([][]float64{{1, 0}}, []float64{inf}) }},
		{"rows differ", "x has 4 rows but y has 3", func() error { return fitBad(x, y[:3]) }},
		{"y too wide", "(None, 2)", func() error { return fitBad(x, [][]float64{{1, 2}, {1, 2}, {1, 2}, {1, 2}}) }},
		{"x too wide", "(None, 3)", func() error { return fitBad([][]float64{{1, 2, 3}}, []float64{1}) }},
		{"sparse label fraction", "label 0.5", func() error { return sparseFit([]float64{0, 1, 0.5, 2}) }},
		{"sparse label out of range", "label 3", func() error { return sparseFit([]float64{0, 1, 3, 2}) }},
		{"validation x width", "validation x of shape (None, 3)", func() error {
			return fitXOR(FitOptions{Epochs: 1, ValidationX: [][]float64{{1, 2, 3}}, ValidationY: []float64{1}})
		}},
		{"validation y missing", "validation y is nil", func() error { return fitXOR(FitOptions{Epochs: 1, ValidationX: x}) }},

		// Predict, Evaluate, weights, Save.
		{"predict wrong width", "(None, 3)", func() error { _, err := compiledXOR().Predict([][]float64{{1, 2, 3}}); return err }},
		{"predict without layers", "no layers", func() error { _, err := must(NewSequential()).Predict(x); return err }},
		{"predict bad type", "map[string]int", func() error { _, err := compiledXOR().Predict(map[string]int{}); return err }},
		{"evaluate not compiled", "not compiled", func() error {
			_, err := must(NewSequential(Dense(1, InputDim(2)))).Evaluate(x, y)
			return err
		}},
		{"evaluate rows differ", "x has 4 rows but y has 2", func() error { _, err := compiledXOR().Evaluate(x, y[:2]); return err }},
		{"set weights count", "4 weight tensors", func() error { return compiledXOR().SetWeights([][]float64{{1}}) }},
		{"set weights size", "8 values, got 1", func() error {
			w := compiledXOR().GetWeights()
			w[0] = []float64{1}
			return compiledXOR().SetWeights(w)
		}},
		{"set weights NaN", "NaN", func() error {
			m := compiledXOR()
			w := m.GetWeights()
			w[1][0] = nan
			return m.SetWeights(w)
		}},
		{"mulberry unbuilt", "not built", func() error { return must(NewSequential(Dense(1))).InitWeightsMulberry32(1) }},
		{"save unbuilt", "not built", func() error { return must(NewSequential(Dense(1))).Save(filepath.Join(os.TempDir(), "x.json")) }},
		{"save to missing dir", "no such file", func() error { return compiledXOR().Save("/nonexistent-dir/m.json") }},
		{"save custom schedule", "cannot be saved", func() error {
			m := must(NewSequential(Dense(1, InputDim(2))))
			if err := m.Compile(CompileOptions{Loss: "mse", Optimizer: SGD{Schedule: constantSchedule(0.1)}}); err != nil {
				panic(err)
			}
			_, err := m.MarshalJSON()
			return err
		}},

		// Callbacks.
		{"early stopping patience", "Patience must be non-negative", func() error { _, err := EarlyStopping(EarlyStoppingOptions{Patience: -1}); return err }},
		{"early stopping mode", `got "maximize"`, func() error { _, err := EarlyStopping(EarlyStoppingOptions{Mode: "maximize"}); return err }},
		{"early stopping min delta", "MinDelta must be finite", func() error { _, err := EarlyStopping(EarlyStoppingOptions{MinDelta: nan}); return err }},
		{"early stopping start", "StartFromEpoch", func() error { _, err := EarlyStopping(EarlyStoppingOptions{StartFromEpoch: -2}); return err }},

		{"reduce lr factor 1", "Factor must be in (0, 1)", func() error { _, err := ReduceLROnPlateau(ReduceLROnPlateauOptions{Factor: 1}); return err }},
		{"reduce lr patience negative", "Patience and Cooldown", func() error {
			_, err := ReduceLROnPlateau(ReduceLROnPlateauOptions{Patience: Int(-1)})
			return err
		}},
		{"reduce lr min delta NaN", "MinDelta", func() error { _, err := ReduceLROnPlateau(ReduceLROnPlateauOptions{MinDelta: Float(nan)}); return err }},
		{"reduce lr with schedule", "not settable", func() error {
			m := must(NewSequential(Dense(1, InputDim(2))))
			if err := m.Compile(CompileOptions{Loss: "mse", Optimizer: SGD{Schedule: ExponentialDecay{InitialLearningRate: 0.1, DecaySteps: 10, DecayRate: 0.9}}}); err != nil {
				panic(err)
			}
			c := must(ReduceLROnPlateau(ReduceLROnPlateauOptions{}))
			_, err := m.Fit(x, y, FitOptions{Epochs: 1, Callbacks: []Callback{c}})
			return err
		}},
		{"scheduler nil", "nil schedule function", func() error { _, err := LearningRateScheduler(nil, false); return err }},
		{"scheduler returns NaN", "the schedule returned NaN at epoch 0", func() error {
			c := must(LearningRateScheduler(func(int, float64) float64 { return nan }, false))
			return fitXOR(FitOptions{Epochs: 2, Callbacks: []Callback{c}})
		}},
		{"checkpoint empty path", "empty path", func() error { _, err := ModelCheckpoint("", ModelCheckpointOptions{}); return err }},
		{"checkpoint bad format", "unsupported format", func() error { _, err := ModelCheckpoint("m-{epoch:>5}.json", ModelCheckpointOptions{}); return err }},
		{"checkpoint mode", "Mode must be", func() error { _, err := ModelCheckpoint("m.json", ModelCheckpointOptions{Mode: "best"}); return err }},
		{"csv logger bad path", "no such file", func() error {
			c := must(CSVLogger("/nonexistent-dir/log.csv", "", false))
			return fitXOR(FitOptions{Epochs: 1, Callbacks: []Callback{c}})
		}},
		{"sample weights count", "SampleWeight has 3 values for 4 rows", func() error { return fitXOR(FitOptions{Epochs: 1, SampleWeight: []float64{1, 1, 1}}) }},
		{"sample weight NaN", "SampleWeight[1]", func() error { return fitXOR(FitOptions{Epochs: 1, SampleWeight: []float64{1, nan, 1, 1}}) }},
		{"class weight negative", "ClassWeight[1]", func() error { return fitXOR(FitOptions{Epochs: 1, ClassWeight: map[int]float64{1: -2}}) }},
		{"both weights", "not both", func() error {
			return fitXOR(FitOptions{Epochs: 1, SampleWeight: []float64{1, 1, 1, 1}, ClassWeight: map[int]float64{1: 2}})
		}},
		{"evaluate batch size", "BatchSize must be positive", func() error { _, err := compiledXOR().Evaluate(x, y, EvaluateOptions{BatchSize: -1}); return err }},
		{"predict two options", "at most one", func() error { _, err := compiledXOR().Predict(x, PredictOptions{}, PredictOptions{}); return err }},
		{"set learning rate NaN", "learning rate must be in", func() error { return compiledXOR().SetLearningRate(nan) }},
		{"learning rate uncompiled", "not compiled", func() error { _, err := must(NewSequential(Dense(1))).LearningRate(); return err }},
		{"nil LearningRate", "never created", func() error { _, err := nilModel.LearningRate(); return err }},

		// Load.
		{"load missing file", "no such file", func() error { _, err := Load("/nonexistent-dir/m.json"); return err }},
		{"load not JSON", "not an nnlib model file", func() error { _, err := UnmarshalModel([]byte("hello")); return err }},
		{"load other format", "not an nnlib model file", func() error { return loadEdited(func(f map[string]any) { f["format"] = "keras" }) }},
		{"load version 2", "version 2", func() error { return loadEdited(func(f map[string]any) { f["version"] = 2 }) }},
		{"load input shape 0", "input_shape [0]", func() error { return loadEdited(func(f map[string]any) { f["input_shape"] = []int{0} }) }},
		{"load input shape 2^40", "input_shape [1099511627776]", func() error {
			return loadEdited(func(f map[string]any) { f["input_shape"] = []int{1 << 40} })
		}},
		{"load old file input dim 0", "input_shape [", func() error {
			return loadEdited(func(f map[string]any) { delete(f, "input_shape"); f["input_dim"] = -3 })
		}},
		{"load 2^40 units", "Dense units 1099511627776", func() error {
			return loadEdited(func(f map[string]any) { layerCfg(f, 1)["units"] = 1 << 40 })
		}},
		{"load 2^24 units", "the layers need at least", func() error {
			return loadEdited(func(f map[string]any) { layerCfg(f, 0)["units"] = 1 << 24 })
		}},
		{"load kernel over the limit", "limit is", func() error {
			return loadEdited(func(f map[string]any) { f["input_shape"] = []int{1 << 20}; layerCfg(f, 0)["units"] = 1 << 20 })
		}},
		{"load missing weights", "the file holds 9", func() error {
			return loadEdited(func(f map[string]any) { f["weights"] = f["weights"].([]any)[1:] })
		}},
		{"load weight shape", "has shape", func() error {
			return loadEdited(func(f map[string]any) { f["weights"].([]any)[0].(map[string]any)["shape"] = []int{3, 4} })
		}},
		{"load negative iterations", "iterations is -7", func() error { return loadEdited(func(f map[string]any) { optState(f)["iterations"] = -7 }) }},
		{"load unknown class", `unknown layer class "Conv9"`, func() error { return loadEdited(func(f map[string]any) { layerCfg(f, 0)["class"] = "Conv9" }) }},
		{"load no layers", "no layers", func() error { return loadEdited(func(f map[string]any) { f["layers"] = []any{} }) }},
		{"load unknown activation", `unknown activation "relux"`, func() error {
			return loadEdited(func(f map[string]any) { layerCfg(f, 0)["activation"] = "relux" })
		}},
		{"load unknown loss", `unknown loss "l7"`, func() error { return loadEdited(func(f map[string]any) { compileCfg(f)["loss"] = "l7" }) }},
		{"load unknown optimizer", `unknown optimizer class "Lion"`, func() error {
			return loadEdited(func(f map[string]any) { compileCfg(f)["optimizer"].(map[string]any)["class"] = "Lion" })
		}},
		{"load negative learning rate", "LearningRate", func() error {
			return loadEdited(func(f map[string]any) {
				compileCfg(f)["optimizer"].(map[string]any)["config"].(map[string]any)["LearningRate"] = -1
			})
		}},
		{"load beta1 above one", "Beta1", func() error {
			return loadEdited(func(f map[string]any) {
				compileCfg(f)["optimizer"].(map[string]any)["config"].(map[string]any)["Beta1"] = 3
			})
		}},
		{"load slots", "optimizer state has 1 slots", func() error {
			return loadEdited(func(f map[string]any) { optState(f)["slots"] = optState(f)["slots"].([]any)[:1] })
		}},
		{"load bad rng state", "rng_state", func() error { return loadEdited(func(f map[string]any) { f["rng_state"] = "AAAA" }) }},
		{"load unknown schedule", `unknown learning-rate schedule class "Warp"`, func() error {
			return loadEdited(func(f map[string]any) {
				compileCfg(f)["schedule"] = map[string]any{"class": "Warp", "config": map[string]any{}}
			})
		}},
		{"load bad schedule", "DecaySteps", func() error {
			return loadEdited(func(f map[string]any) {
				compileCfg(f)["optimizer"].(map[string]any)["config"].(map[string]any)["LearningRate"] = 0
				compileCfg(f)["schedule"] = map[string]any{"class": "ExponentialDecay", "config": map[string]any{"InitialLearningRate": 0.1}}
			})
		}},

		// Data helpers, Parallel, History.
		{"one-hot zero classes", "numClasses must be positive", func() error { _, err := OneHot([]int{1}, 0); return err }},
		{"one-hot label out of range", "label 5", func() error { _, err := OneHot([]int{1, 5}, 3); return err }},
		{"one-hot 2^40 classes", "limit is", func() error { _, err := OneHot([]int{1, 5}, 1<<40); return err }},
		{"to-dense nil", "rows is empty", func() error { _, err := ToDense(nil); return err }},
		{"parallel negative", "negative count", func() error { return Parallel(-1, func(int) error { return nil }) }},
		{"parallel nil", "nil function", func() error { return Parallel(2, nil) }},
		{"parallel panic", "panic: boom", func() error { return Parallel(2, func(int) error { panic("boom") }) }},
		{"nil history", "history is nil", func() error { var h *History; _ = h.String(); _, err := h.Series("loss"); return err }},
	}
}

// constantSchedule is a schedule defined outside nnlib, as a notebook would.
type constantSchedule float64

func (c constantSchedule) LearningRate(int) float64 { return float64(c) }

const badInputEnv = "NNLIB_BAD_INPUT_CASE"

// TestBadInputs runs every bad input in a child process (this test binary
// run again, with its address space capped at 4 GiB), so that a panic, a
// fatal error or an out-of-memory fails the case instead of the whole run;
// each case must end in an error that says what is wrong.
func TestBadInputs(t *testing.T) {
	cases := badInputs()
	if c := os.Getenv(badInputEnv); c != "" {
		capMemory(4 << 30)
		i, _ := strconv.Atoi(c)
		err := cases[i].run()
		if err == nil {
			fmt.Println("RESULT: no error")
		} else {
			fmt.Println("RESULT: error: " + err.Error())
		}
		os.Exit(0)
	}
	if len(cases) < 80 {
		t.Errorf("only %d bad inputs; the table must hold at least 80", len(cases))
	}
	seen := map[string]bool{}
	for i, c := range cases {
		if seen[c.name] {
			t.Fatalf("case name %q twice", c.name)
		}
		seen[c.name] = true
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			cmd := exec.Command(os.Args[0], "-test.run=^TestBadInputs$")
			cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%d", badInputEnv, i))
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("the child process failed (%v): a panic or fatal error:\n%s", err, out)
			}
			got := string(out)
			if !strings.Contains(got, "RESULT: error: ") {
				t.Fatalf("accepted silently, want an error mentioning %q; output:\n%s", c.want, got)
			}
			if !strings.Contains(got, c.want) {
				t.Errorf("error does not mention %q:\n%s", c.want, got)
			}
		})
	}
}
