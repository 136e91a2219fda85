package nnlib

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"
)

type seedSweep struct {
	Epochs   int `json:"epochs"`
	Variants map[string]struct {
		Sizes       []int           `json:"sizes"`
		CheckVector []fixtureWeight `json:"check_vector_seed_1"`
		PerSeed     []struct {
			Seed  uint32 `json:"seed"`
			First *int   `json:"first100_tfjs"`
		} `json:"per_seed"`
	} `json:"variants"`
}

func xorData() ([][]float64, [][]float64) {
	return [][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}, [][]float64{{0}, {1}, {1}, {0}}
}

// xorModel builds the tutorial's model with the given layer sizes
// (input, hidden..., output): relu hidden layers, sigmoid output, MSE.
func xorModel(t testing.TB, sizes []int, optimizer any) *Sequential {
	t.Helper()
	var layers []Layer
	for i, units := range sizes[1:] {
		act := "relu"
		if i == len(sizes)-2 {
			act = "sigmoid"
		}
		opts := []DenseOption{Activation(act)}
		if i == 0 {
			opts = append(opts, InputDim(sizes[0]))
		}
		layers = append(layers, Dense(units, opts...))
	}
	m, err := NewSequential(layers...)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Compile(CompileOptions{Loss: "mean_squared_error", Optimizer: optimizer, Metrics: []string{"binary_accuracy"}}); err != nil {
		t.Fatal(err)
	}
	return m
}

// tfjsAdam is the Adam of the sweep's reference (TensorFlow.js).
var tfjsAdam = Adam{CorrectedEpsilon: true}

func TestSeedSweep(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "xor_seed_sweep.json"))
	if err != nil {
		t.Fatal(err)
	}
	var sweep seedSweep
	if err := json.Unmarshal(data, &sweep); err != nil {
		t.Fatal(err)
	}
	x, y := xorData()
	for name, v := range sweep.Variants {
		t.Run(name, func(t *testing.T) {
			m := xorModel(t, v.Sizes, tfjsAdam)
			if err := m.InitWeightsMulberry32(1); err != nil {
				t.Fatal(err)
			}
			checkWeights(t, "seed 1 weights", m.GetWeights(), v.CheckVector, 0)

			matches := make([]bool, len(v.PerSeed))
			err := Parallel(len(v.PerSeed), func(i int) error {
				s := v.PerSeed[i]
				m := xorModel(t, v.Sizes, tfjsAdam)
				if err := m.InitWeightsMulberry32(s.Seed); err != nil {
					return err
				}
				h, err := m.Fit(x, y, FitOptions{Epochs: sweep.Epochs, NoShuffle: true, Output: io.Discard})
				if err != nil {
					return err
				}
				want := 0
				if s.First != nil {
					want = *s.First
				}
				got := h.FirstEpochAtLeast("binary_accuracy", 1)
				matches[i] = got == want
				if got != want {
					t.Logf("seed %d: first 100%% epoch %d, reference %d", s.Seed, got, want)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, ok := range matches {
				if ok {
					n++
				}
			}
			t.Logf("variant %s: %d/%d seeds match", name, n, len(matches))
			if n < 98 {
				t.Errorf("variant %s: %d/%d seeds match the reference, want at least 98", name, n, len(matches))
			}
		})
	}
}
