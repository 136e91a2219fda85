package nnplot

import (
	"math"

	"github.com/gokernel/gokernel/nnlib"
)

// fakeHistory is a deterministic XOR-like training history: the loss falls
// smoothly and the accuracy climbs through 50% and 75% to 100% at epoch
// perfectAt (1-based; 0 for never).
func fakeHistory(epochs, perfectAt int, validation bool) *nnlib.History {
	h := &nnlib.History{History: map[string][]float64{}}
	for e := range epochs {
		h.Epoch = append(h.Epoch, e)
		t := float64(e+1) / float64(epochs)
		loss := 0.26*math.Exp(-3*t) + 0.01*math.Sin(float64(e)/7)*math.Exp(-2*t)
		h.History["loss"] = append(h.History["loss"], loss)
		acc := 0.5
		switch {
		case perfectAt > 0 && e+1 >= perfectAt:
			acc = 1
		case perfectAt > 0 && e+1 >= perfectAt*2/3:
			acc = 0.75
		case perfectAt == 0 && e > epochs/2:
			acc = 0.75
		}
		h.History["binary_accuracy"] = append(h.History["binary_accuracy"], acc)
		if validation {
			h.History["val_loss"] = append(h.History["val_loss"], loss*1.15+0.01)
			h.History["val_binary_accuracy"] = append(h.History["val_binary_accuracy"], math.Min(acc, 0.75))
		}
	}
	return h
}

func nan() float64 { return math.NaN() }

func zero() float64 { return 0 }
