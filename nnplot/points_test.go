package nnplot

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/nnlib"
)

// customers is the tutorial's second data set: age and income, bought or
// not, in four quadrants.
var (
	customersX = [][]float64{
		{22, 18}, {25, 25}, {30, 22}, {28, 30}, // young, low income
		{24, 80}, {29, 95}, {33, 70}, {27, 88}, // young, high income
		{55, 20}, {60, 28}, {48, 24}, {66, 32}, // older, low income
		{52, 85}, {58, 90}, {63, 75}, {50, 99}, // older, high income
	}
	customersY = []string{
		"no", "no", "no", "no", "yes", "yes", "yes", "yes",
		"yes", "yes", "yes", "yes", "no", "no", "no", "no",
	}
)

func TestPointsGolden(t *testing.T) {
	f, err := unpack(Points(xorX, xorY, Classes("0 (false)", "1 (true)"), Annotate(), Title("XOR")))
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "points_xor", f)
	f, err = unpack(Points(customersX, customersY, Axes("age", "income (k$)"), Title("customers")))
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "points_customers", f)
}

// TestPointsQuadrantsGolden draws the tutorial's shop picture: incomes in
// dollars (tens of thousands) against ages, divided into four segments.
func TestPointsQuadrantsGolden(t *testing.T) {
	dollars := make([][]float64, len(customersX), len(customersX)+1) // room to append to
	for i, row := range customersX {
		dollars[i] = []float64{row[0], row[1] * 1000}
	}
	buys := make([]int, len(customersY))
	for i, y := range customersY {
		if y == "yes" {
			buys[i] = 1
		}
	}
	f, err := unpack(Points(dollars, buys, Classes("does not buy", "buys"), Axes("age", "income"), Quadrants(40, 50000)))
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "points_quadrants", f)
	if spare := dollars[:cap(dollars)][len(dollars)]; spare != nil {
		t.Errorf("Points wrote %v past the end of its argument", spare)
	}
}

// TestQuadrantsWidenTheAxes checks that lines outside the points are
// still drawn, on Points and Boundary alike.
func TestQuadrantsWidenTheAxes(t *testing.T) {
	m := xorModel(t, 4)
	for name, f := range map[string]*Figure{
		"points":   Points(xorX, xorY, Quadrants(3, -2)),
		"boundary": Boundary(m, xorX, xorY, Quadrants(3, -2), Resolution(8)),
	} {
		if f.Err() != nil {
			t.Fatalf("%s: %v", name, f.Err())
		}
		p := f.Panels[0]
		if !(p.X.Min < 0 && p.X.Max > 3 && p.Y.Min < -2 && p.Y.Max > 1) {
			t.Errorf("%s: axes [%v, %v] × [%v, %v] do not show the lines at x=3, y=-2", name, p.X.Min, p.X.Max, p.Y.Min, p.Y.Max)
		}
	}
}

func TestRoundTicks(t *testing.T) {
	for _, c := range []struct {
		lo, hi float64
		want   string
	}{
		{8, 101, "[20 40 60 80 100]"},
		{10000, 100000, "[20000 40000 60000 80000 100000]"},
		{-0.15, 1.35, "[0 0.5 1]"},
	} {
		var labels []string
		for _, tick := range (roundTicks{}).Ticks(c.lo, c.hi) {
			labels = append(labels, tick.Label)
		}
		if got := fmt.Sprint(labels); got != c.want {
			t.Errorf("ticks of [%v, %v] = %s, want %s", c.lo, c.hi, got, c.want)
		}
	}
}

func TestBoundaryGolden(t *testing.T) {
	m := xorModel(t, 16)
	if _, err := m.Fit(xorX, xorY, nnlib.FitOptions{Epochs: 400, BatchSize: 4}); err != nil {
		t.Fatal(err)
	}
	f, err := unpack(Boundary(m, xorX, xorY, Annotate(), Title("what 2-16-1 learned")))
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "boundary_xor", f)
}

func TestClassify(t *testing.T) {
	cases := []struct {
		labels any
		want   []int
		names  string
	}{
		{[]float64{0, 1, 0.7, 0.2}, []int{0, 1, 1, 0}, "0 1"},
		{[][]float64{{0}, {1}, {1}, {0}}, []int{0, 1, 1, 0}, "0 1"},
		{[][]float64{{1, 0, 0}, {0, 0, 1}, {0, 1, 0}, {1, 0, 0}}, []int{0, 2, 1, 0}, "0 1 2"},
		{[]int{3, 0, 1, 1}, []int{3, 0, 1, 1}, "0 1 2 3"},
		{[]string{"b", "a", "b", "c"}, []int{0, 1, 0, 2}, "b a c"},
	}
	for _, c := range cases {
		got, names, err := classify(c.labels, 4)
		if err != nil {
			t.Errorf("%v: %v", c.labels, err)
			continue
		}
		if strings.Join(names, " ") != c.names || len(got) != 4 || got[0] != c.want[0] || got[1] != c.want[1] || got[2] != c.want[2] || got[3] != c.want[3] {
			t.Errorf("%v: classes %v names %v, want %v %v", c.labels, got, names, c.want, c.names)
		}
	}
}

func TestPointsErrors(t *testing.T) {
	m := xorModel(t, 16)
	cases := map[string]error{}
	_, cases["no points"] = unpack(Points(nil, []int{}))
	_, cases["3 columns"] = unpack(Points([][]float64{{1, 2, 3}}, []int{0}))
	_, cases["NaN"] = unpack(Points([][]float64{{1, nan()}}, []int{0}))
	_, cases["label count"] = unpack(Points(xorX, []int{0, 1}))
	_, cases["label type"] = unpack(Points(xorX, map[int]int{}))
	_, cases["negative label"] = unpack(Points(xorX, []int{0, -1, 0, 0}))
	_, cases["NaN quadrant"] = unpack(Points(xorX, xorY, Quadrants(nan(), 0.5)))
	_, cases["infinite quadrant"] = unpack(Boundary(m, xorX, xorY, Quadrants(0.5, 1/zero())))
	_, cases["too few class names"] = unpack(Points(xorX, xorY, Classes("only one")))
	_, cases["nil model"] = unpack(Boundary(nil, xorX, xorY))
	_, cases["resolution"] = unpack(Boundary(m, xorX, xorY, Resolution(1)))
	wide, err := nnlib.NewSequential(nnlib.Dense(1, nnlib.InputDim(3)))
	if err != nil {
		t.Fatal(err)
	}
	_, cases["model with 3 inputs"] = unpack(Boundary(wide, xorX, xorY, Resolution(3)))
	for name, err := range cases {
		if err == nil || !strings.HasPrefix(err.Error(), "nnplot: ") {
			t.Errorf("%s: error %v", name, err)
		}
	}
}
