package nnlib

import (
	"math"
	"testing"
)

// Three steps of each optimizer on two weights with fixed gradients,
// against Keras 3's update formulas written out per step.
func TestOptimizerFormulas(t *testing.T) {
	g := []float64{0.2, -0.4}
	type state struct{ w, a, b, c float64 }
	cases := []struct {
		name string
		opt  any
		step func(s *state, g float64, t int)
	}{
		{"sgd", "sgd", func(s *state, g float64, t int) { s.w -= 0.01 * g }},
		{"sgd_momentum_nesterov", SGD{LearningRate: 0.1, Momentum: 0.9, Nesterov: true}, func(s *state, g float64, t int) {
			s.a = 0.9*s.a - 0.1*g
			s.w += 0.9*s.a - 0.1*g
		}},
		{"adam_amsgrad", Adam{AMSGrad: true}, func(s *state, g float64, t int) {
			b1, b2 := float64(float32(0.9)), float64(float32(0.999))
			s.a += (g - s.a) * (1 - 0.9)
			s.b += (g*g - s.b) * (1 - 0.999)
			s.c = math.Max(s.c, s.b)
			alpha := 0.001 * math.Sqrt(1-math.Pow(b2, float64(t))) / (1 - math.Pow(b1, float64(t)))
			s.w -= alpha * s.a / (math.Sqrt(s.c) + 1e-7)
		}},
		{"adamw", "adamw", func(s *state, g float64, t int) {
			b1, b2 := float64(float32(0.9)), float64(float32(0.999))
			s.w -= s.w * 0.004 * 0.001
			s.a += (g - s.a) * (1 - 0.9)
			s.b += (g*g - s.b) * (1 - 0.999)
			alpha := 0.001 * math.Sqrt(1-math.Pow(b2, float64(t))) / (1 - math.Pow(b1, float64(t)))
			s.w -= alpha * s.a / (math.Sqrt(s.b) + 1e-7)
		}},
		{"rmsprop_centered_momentum", RMSprop{Centered: true, Momentum: 0.5}, func(s *state, g float64, t int) {
			s.a = 0.9*s.a + 0.1*g*g
			s.b = 0.9*s.b + 0.1*g
			inc := 0.001 * g / math.Sqrt(s.a-s.b*s.b+1e-7)
			s.c = 0.5*s.c + inc
			s.w -= s.c
		}},
		{"adagrad", "adagrad", func(s *state, g float64, t int) {
			if t == 1 {
				s.a = 0.1
			}
			s.a += g * g
			s.w -= 0.001 * g / math.Sqrt(s.a+1e-7)
		}},
		// Options set to zero are zero, not Keras's default.
		{"adam_beta1_zero", Adam{Beta1: Float(0)}, func(s *state, g float64, t int) {
			b2 := float64(float32(0.999))
			s.a = g
			s.b += (g*g - s.b) * (1 - 0.999)
			alpha := 0.001 * math.Sqrt(1-math.Pow(b2, float64(t)))
			s.w -= alpha * s.a / (math.Sqrt(s.b) + 1e-7)
		}},
		{"adamw_no_decay_no_epsilon", AdamW{WeightDecay: Float(0), Epsilon: Float(0)}, func(s *state, g float64, t int) {
			b1, b2 := float64(float32(0.9)), float64(float32(0.999))
			s.a += (g - s.a) * (1 - 0.9)
			s.b += (g*g - s.b) * (1 - 0.999)
			alpha := 0.001 * math.Sqrt(1-math.Pow(b2, float64(t))) / (1 - math.Pow(b1, float64(t)))
			s.w -= alpha * s.a / math.Sqrt(s.b)
		}},
		{"rmsprop_rho_zero", RMSprop{Rho: Float(0)}, func(s *state, g float64, t int) {
			s.w -= 0.001 * g / math.Sqrt(g*g+1e-7)
		}},
		{"adagrad_zero_accumulator", Adagrad{InitialAccumulatorValue: Float(0), LearningRate: 0.1}, func(s *state, g float64, t int) {
			s.a += g * g
			s.w -= 0.1 * g / math.Sqrt(s.a+1e-7)
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg, err := parseOptimizer(c.opt)
			if err != nil {
				t.Fatal(err)
			}
			p := &param{value: []float64{0.5, -1}, grad: append([]float64(nil), g...)}
			st := cfg.newState([]*param{p})
			want := []state{{w: 0.5}, {w: -1}}
			for step := 1; step <= 3; step++ {
				st.step([]*param{p})
				for j := range want {
					c.step(&want[j], g[j], step)
					if d := math.Abs(p.value[j] - want[j].w); d > 1e-15 {
						t.Errorf("step %d weight %d: %v, want %v", step, j, p.value[j], want[j].w)
					}
				}
			}
		})
	}
}
