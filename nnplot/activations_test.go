package nnplot

import (
	"math"
	"strings"
	"testing"
)

func TestActivationsGolden(t *testing.T) {
	f, err := unpack(Activations())
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "activations_all", f)
	f, err = unpack(ActivationsWith([]string{"sigmoid", "relu"}, Range(-4, 4), Title("sigmoid and ReLU")))
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "activations_sigmoid_relu", f)
}

func TestActivationValues(t *testing.T) {
	xs := [][]float64{{-2}, {0}, {3}}
	for name, want := range map[string][]float64{
		"relu":    {0, 0, 3},
		"sigmoid": {1 / (1 + math.Exp(2)), 0.5, 1 / (1 + math.Exp(-3))},
		"linear":  {-2, 0, 3},
	} {
		got, err := evalActivation(name, xs)
		if err != nil {
			t.Fatal(err)
		}
		for i := range want {
			if math.Abs(got[i]-want[i]) > 1e-6 {
				t.Errorf("%s(%v) = %v, want %v", name, xs[i][0], got[i], want[i])
			}
		}
	}
	names := defaultActivations()
	if names[0] != "sigmoid" || names[1] != "relu" || strings.Contains(strings.Join(names, " "), "softmax") {
		t.Errorf("default activations %v", names)
	}
}

func TestActivationsErrors(t *testing.T) {
	for name, err := range map[string]error{
		"softmax": func() error { _, err := unpack(Activations("softmax")); return err }(),
		"unknown": func() error { _, err := unpack(Activations("sigmoid", "swoosh")); return err }(),
		"range":   func() error { _, err := unpack(ActivationsWith(nil, Range(1, 1))); return err }(),
	} {
		if err == nil || !strings.HasPrefix(err.Error(), "nnplot: Activations:") {
			t.Errorf("%s: error %v", name, err)
		}
	}
}
