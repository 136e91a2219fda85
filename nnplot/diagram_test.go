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

// A convolutional network draws one column per layer, each named by its
// class and output shape.
func TestDiagramConvolutional(t *testing.T) {
	m, err := nnlib.NewSequential(nnlib.Input(8, 8, 1), nnlib.Conv2D(4, 3, nnlib.Activation("relu")),
		nnlib.MaxPooling2D(2), nnlib.Flatten(), nnlib.Dense(10, nnlib.Activation("softmax")))
	if err != nil {
		t.Fatal(err)
	}
	cols, err := modelColumns(m)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"8×8×1 values", "Conv2D 6×6×4, relu", "MaxPooling2D 3×3×4", "Flatten 36", "10 × softmax"}
	if len(cols) != len(want) {
		t.Fatalf("columns %+v", cols)
	}
	for i, c := range cols {
		if got := columnDetail(c); got != want[i] {
			t.Errorf("column %d: %q, want %q", i, got, want[i])
		}
	}
	f, err := unpack(Diagram(m))
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "diagram_cnn", f)
}
