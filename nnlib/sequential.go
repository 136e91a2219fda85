package nnlib

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
)

// Sequential is a linear stack of layers, like keras.Sequential. Build one
// with NewSequential (or Add), then Compile, Fit, Evaluate and Predict.
//
// A model is not safe for concurrent use, but separate models share no
// state: train as many as you like in parallel goroutines.
type Sequential struct {
	name   string
	layers []layerImpl
	// inputShape is one input sample's shape, nil until known.
	inputShape []int
	built      bool
	seed       int64
	pcg        *rand.PCG
	rng        *rand.Rand

	compiled bool
	loss     lossKind
	metrics  []metric
	optCfg   optimizerConfig
	opt      *optimizerState
	params   []*param
	// float32Params are the weights of the float32 layers, frozen ones
	// included: roundWeights keeps them float32 values.
	float32Params []*param

	// training buffers, reused between steps.
	dOut         []float64
	xb, yb, wb   []float64
	perm         []int
	logs         map[string]float64
	inputs       [][]float64
	batchMetrics []float64
}

// NewSequential returns a model made of layers, like
// keras.Sequential([...]). Its seed comes from the package's default
// source (see SetSeed); call SetSeed on the model for a seed of its own.
func NewSequential(layers ...Layer) (*Sequential, error) {
	m := &Sequential{name: "sequential"}
	m.reseed(nextDefaultSeed())
	for _, l := range layers {
		if err := m.Add(l); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// Add appends a layer, like model.add. The model is built (weights
// created) as soon as the first layer's input width is known.
func (m *Sequential) Add(l Layer) error {
	if m == nil {
		return errNilModel("Add")
	}
	if l == nil || isNilPointer(l) {
		return errors.New("nnlib: Add: nil layer")
	}
	if in, ok := l.(*InputLayer); ok {
		return m.addInput(in)
	}
	li, ok := l.(layerImpl)
	if !ok {
		return fmt.Errorf("nnlib: Add: %T is not an nnlib layer; use the layers of package nnlib (Dense, Conv2D, Flatten, ...)", l)
	}
	for _, have := range m.layers {
		if have == li {
			return fmt.Errorf("nnlib: Add: layer %q is already in the model", li.Name())
		}
	}
	b := li.base()
	if b.built {
		return fmt.Errorf("nnlib: Add: layer %q already belongs to a model; create a new layer", li.Name())
	}
	if b.name == "" {
		b.name = m.uniqueName(snakeName(li.ClassName()))
	} else {
		for _, have := range m.layers {
			if have.Name() == b.name {
				return fmt.Errorf("nnlib: Add: a layer named %q is already in the model", b.name)
			}
		}
	}
	if err := li.err(); err != nil {
		return fmt.Errorf("nnlib: layer %q (%s): %w", b.name, li.ClassName(), err)
	}
	if len(m.layers) == 0 && b.declared != nil && m.inputShape == nil {
		m.inputShape = b.declared
	} else if len(m.layers) > 0 && b.declared != nil && m.built {
		prev := m.layers[len(m.layers)-1].base()
		if !sameShape(prev.outShape, b.declared) {
			return fmt.Errorf("nnlib: layer %q expects input of shape %s, but the previous layer %q outputs %s", b.name, shapeString(b.declared), prev.name, shapeString(prev.outShape))
		}
	}
	m.layers = append(m.layers, li)
	m.compiled = false
	if m.inputShape != nil {
		if err := m.build(); err != nil {
			m.layers = m.layers[:len(m.layers)-1]
			return err
		}
	}
	return nil
}

// addInput takes the input shape from an Input given before any layer.
func (m *Sequential) addInput(in *InputLayer) error {
	if in.err != nil {
		return fmt.Errorf("nnlib: %w", in.err)
	}
	if len(m.layers) > 0 || m.inputShape != nil {
		return errors.New("nnlib: Add: Input must come first, before any layer, and only once")
	}
	m.inputShape = in.Shape()
	return nil
}

// uniqueName returns base, base_1, base_2, ... as Keras names layers.
func (m *Sequential) uniqueName(base string) string {
	name := base
	for i := 1; ; i++ {
		taken := false
		for _, l := range m.layers {
			if l.Name() == name {
				taken = true
				break
			}
		}
		if !taken {
			return name
		}
		name = fmt.Sprintf("%s_%d", base, i)
	}
}

// build creates the weights of every layer not built yet.
func (m *Sequential) build() error {
	in := m.inputShape
	for _, l := range m.layers {
		b := l.base()
		if !b.built {
			if b.declared != nil && !sameShape(b.declared, in) {
				return fmt.Errorf("nnlib: layer %q expects input of shape %s, got %s", b.name, shapeString(b.declared), shapeString(in))
			}
			if err := l.build(in, m.rng); err != nil {
				return fmt.Errorf("nnlib: %w", err)
			}
		}
		in = b.outShape
	}
	m.built = true
	m.params, m.float32Params = m.params[:0], m.float32Params[:0]
	for _, l := range m.layers {
		for _, p := range l.params() {
			if !p.frozen {
				m.params = append(m.params, p)
			}
			if l.base().float32 {
				m.float32Params = append(m.float32Params, p)
			}
		}
	}
	m.roundWeights()
	return nil
}

// ensureBuilt builds the model for inputs of width cols, or checks that cols
// matches the width it was built for.
func (m *Sequential) ensureBuilt(cols int) error {
	if len(m.layers) == 0 {
		return errors.New("nnlib: the model has no layers; add some with Add or NewSequential")
	}
	if m.inputShape == nil {
		m.inputShape = []int{cols}
		if err := m.build(); err != nil {
			m.inputShape = nil
			return err
		}
	}
	if want := shapeSize(m.inputShape); cols != want {
		if len(m.inputShape) > 1 {
			return fmt.Errorf("nnlib: layer %q expects input of shape %s, that is rows of %d values, got rows of %d", m.layers[0].Name(), shapeString(m.inputShape), want, cols)
		}
		return fmt.Errorf("nnlib: layer %q expects input of shape (None, %d), got (None, %d)", m.layers[0].Name(), want, cols)
	}
	return nil
}

// Name returns the model's name ("sequential").
func (m *Sequential) Name() string {
	if m == nil {
		return ""
	}
	return m.name
}

// Layers returns the model's layers in order.
func (m *Sequential) Layers() []Layer {
	if m == nil {
		return nil
	}
	out := make([]Layer, len(m.layers))
	for i, l := range m.layers {
		out[i] = l
	}
	return out
}

// InputDim returns the number of input values per sample (the width of
// a row of x), 0 while unknown.
func (m *Sequential) InputDim() int {
	if m == nil || m.inputShape == nil {
		return 0
	}
	return shapeSize(m.inputShape)
}

// InputShape returns the shape of one input sample, without the batch
// axis, nil while unknown.
func (m *Sequential) InputShape() []int {
	if m == nil {
		return nil
	}
	return append([]int(nil), m.inputShape...)
}

// OutputDim returns the number of output values per sample, 0 while the
// model is not built.
func (m *Sequential) OutputDim() int {
	if m == nil || !m.built || len(m.layers) == 0 {
		return 0
	}
	return m.layers[len(m.layers)-1].base().outSize
}

// OutputShape returns the shape of one output sample, nil while the model
// is not built.
func (m *Sequential) OutputShape() []int {
	if m == nil || !m.built || len(m.layers) == 0 {
		return nil
	}
	return m.layers[len(m.layers)-1].base().OutputShape()
}

// CountParams returns the number of weights in the model.
func (m *Sequential) CountParams() int {
	if m == nil {
		return 0
	}
	n := 0
	for _, l := range m.layers {
		n += l.ParamCount()
	}
	return n
}

// Seed returns the seed of the model's random source.
func (m *Sequential) Seed() int64 {
	if m == nil {
		return 0
	}
	return m.seed
}

// SetSeed reseeds the model's random source and, when the model is built,
// draws its initial weights again from it; the optimizer state is reset.
// Two models with the same layers and seed train bit-identically.
func (m *Sequential) SetSeed(seed int64) {
	if m == nil {
		return
	}
	m.reseed(seed)
	if m.built {
		for _, l := range m.layers {
			if r, ok := l.(reinitializer); ok {
				r.reinit(m.rng)
			}
		}
		m.roundWeights()
	}
	m.resetOptimizer()
}

func (m *Sequential) reseed(seed int64) {
	m.seed = seed
	m.pcg = newPCG(seed)
	m.rng = rand.New(m.pcg)
}

// InitWeightsMulberry32 sets the weights the way the reference fixtures
// and the JavaScript tutorial do: the mulberry32 generator seeded with seed
// fills each kernel row-major with float32 Glorot-uniform values, layer by
// layer, and every bias is zero. The optimizer state is reset.
func (m *Sequential) InitWeightsMulberry32(seed uint32) error {
	if m == nil {
		return errNilModel("InitWeightsMulberry32")
	}
	if !m.built {
		return errors.New("nnlib: InitWeightsMulberry32: the model is not built yet; give the first layer an InputDim or InputShape")
	}
	g := NewMulberry32(seed)
	for _, l := range m.layers {
		d, ok := l.(*DenseLayer)
		if !ok {
			continue
		}
		for i := range d.kernel.value {
			d.kernel.value[i] = g.GlorotUniform32(d.inputDim, d.units)
		}
		if d.useBias {
			clear(d.bias.value)
		}
	}
	m.roundWeights()
	m.resetOptimizer()
	return nil
}

func (m *Sequential) resetOptimizer() {
	if m.compiled {
		m.opt = m.optCfg.newState(m.params)
	}
}

// WeightNames returns the names of the weight tensors in GetWeights order
// ("dense/kernel", "dense/bias", ...).
func (m *Sequential) WeightNames() []string {
	if m == nil {
		return nil
	}
	var names []string
	for _, l := range m.layers {
		for _, p := range l.params() {
			names = append(names, l.Name()+"/"+p.name)
		}
	}
	return names
}

// GetWeights returns copies of the weights in Keras's get_weights order
// and layout, flattened row-major: for each Dense layer its kernel
// ([in, out]), then its bias; Conv2D's kernel is [kh, kw, in, filters];
// BatchNormalization has gamma, beta, moving_mean, moving_variance.
func (m *Sequential) GetWeights() [][]float64 {
	if m == nil {
		return nil
	}
	var out [][]float64
	for _, l := range m.layers {
		for _, p := range l.params() {
			out = append(out, append([]float64(nil), p.value...))
		}
	}
	return out
}

// SetWeights replaces the weights, given in GetWeights order and sizes.
// The optimizer state is kept.
func (m *Sequential) SetWeights(weights [][]float64) error {
	if m == nil {
		return errNilModel("SetWeights")
	}
	if !m.built {
		return errors.New("nnlib: SetWeights: the model is not built yet; give the first layer an InputDim or InputShape")
	}
	var params []*param
	var names []string
	for _, l := range m.layers {
		for _, p := range l.params() {
			params = append(params, p)
			names = append(names, l.Name()+"/"+p.name)
		}
	}
	if len(weights) != len(params) {
		return fmt.Errorf("nnlib: SetWeights: the model has %d weight tensors (%s), got %d", len(params), strings.Join(names, ", "), len(weights))
	}
	for i, p := range params {
		if len(weights[i]) != len(p.value) {
			return fmt.Errorf("nnlib: SetWeights: %s has shape %s = %d values, got %d values", names[i], tupleString(p.kerasShape()), len(p.value), len(weights[i]))
		}
		if err := checkFinite(weights[i], names[i]); err != nil {
			return fmt.Errorf("nnlib: SetWeights: %w", err)
		}
	}
	for i, p := range params {
		copy(p.value, weights[i])
	}
	m.roundWeights()
	return nil
}

// checkInput lets a first layer that needs particular values (Embedding's
// indices) reject the others before they reach it.
func (m *Sequential) checkInput(x matrix, what string) error {
	if len(m.layers) == 0 {
		return nil
	}
	if e, ok := m.layers[0].(*EmbeddingLayer); ok {
		return e.checkInput(x.data, what)
	}
	return nil
}
