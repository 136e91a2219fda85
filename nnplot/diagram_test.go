package nnplot

import (
	"strings"
	"testing"

	"github.com/gokernel/gokernel/nnlib"
)

func TestDiagramGolden(t *testing.T) {
	for name, hidden := range map[string][]int{
		"diagram_2-16-1":    {16},
		"diagram_2-16-16-1": {16, 16},
		"diagram_2-32-1":    {32},
	} {
		f, err := unpack(Diagram(xorModel(t, hidden...)))
		if err != nil {
			t.Fatal(err)
		}
		checkGolden(t, name, f)
	}
}

func TestDiagramColumns(t *testing.T) {
	m, err := nnlib.NewSequential(
		nnlib.Dense(40, nnlib.InputDim(3)),
		nnlib.Activation("tanh"),
		nnlib.Dropout(0.25),
		nnlib.Dense(2, nnlib.Activation("softmax")),
	)
	if err != nil {
		t.Fatal(err)
	}
	cols, err := modelColumns(m)
	if err != nil {
		t.Fatal(err)
	}
	if len(cols) != 3 || cols[1].detail != "tanh + dropout 0.25" || cols[2].role != roleOutput {
		t.Errorf("columns %+v", cols)
	}
	if s := cols[1].slots(); len(s) != 15 || s[7] != -1 || s[14] != 39 {
		t.Errorf("a 40-wide layer shows slots %v, want 7 neurons, a gap, the last 7", s)
	}
	f, err := unpack(Diagram(m))
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Panels[0].Title.Text; got != "sequential: 3-40-2, 242 parameters" {
		t.Errorf("title %q", got)
	}
}

func TestDiagramErrors(t *testing.T) {
	unbuilt, err := nnlib.NewSequential(nnlib.Dense(4), nnlib.Dense(1))
	if err != nil {
		t.Fatal(err)
	}
	for name, m := range map[string]*nnlib.Sequential{"nil": nil, "no input width": unbuilt} {
		if _, err := unpack(Diagram(m)); err == nil || !strings.HasPrefix(err.Error(), "nnplot: Diagram:") {
			t.Errorf("%s: error %v", name, err)
		}
	}
}
