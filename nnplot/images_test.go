package nnplot

import (
	"strings"
	"testing"

	"github.com/gokernel/gokernel/nnlib"
)

// digitOne is an 8×8 "1": a vertical bar of full ink.
func digitOne() []float64 {
	img := make([]float64, 64)
	for r := 1; r < 7; r++ {
		img[r*8+4] = 16
	}
	return img
}

func TestImagesGolden(t *testing.T) {
	zero := make([]float64, 64)
	for i := range zero {
		if r, c := i/8, i%8; (r == 1 || r == 6) && c > 1 && c < 6 || (c == 2 || c == 5) && r > 0 && r < 7 {
			zero[i] = 12
		}
	}
	f, err := unpack(Images([][]float64{digitOne(), zero, digitOne()}, 8, 8, []string{"1", "0", "1"}, Title("digits")))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Panels) != 3 || f.Columns != 3 {
		t.Errorf("%d panels in %d columns", len(f.Panels), f.Columns)
	}
	checkGolden(t, "images_digits", f)
}

func TestConfusionMatrixCounts(t *testing.T) {
	f, err := unpack(ConfusionMatrix([]int{0, 0, 1, 2, 2, 2}, []int{0, 1, 1, 2, 2, 0}, nil))
	if err != nil {
		t.Fatal(err)
	}
	h := f.Panels[0].Title.Text
	if h != "confusion matrix" {
		t.Errorf("title %q", h)
	}
	_, counts, err := confusionCounts([]int{0, 0, 1, 2, 2, 2}, []int{0, 1, 1, 2, 2, 0}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]float64{{1, 1, 0}, {0, 1, 0}, {1, 0, 2}}
	for r := range want {
		for c := range want[r] {
			if counts[r][c] != want[r][c] {
				t.Errorf("cell [%d][%d] = %v, want %v", r, c, counts[r][c], want[r][c])
			}
		}
	}
	checkGolden(t, "confusion_small", f)
}

func TestFiltersOfAConvLayer(t *testing.T) {
	m, err := nnlib.NewSequential(nnlib.Input(8, 8, 2), nnlib.Conv2D(5, 3))
	if err != nil {
		t.Fatal(err)
	}
	m.SetSeed(1)
	f, err := unpack(Filters(m.Layers()[0].(*nnlib.ConvLayer)))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Panels) != 5 || f.Panels[4].Title.Text != "filter 5" {
		t.Errorf("%d panels, last titled %q", len(f.Panels), f.Panels[len(f.Panels)-1].Title.Text)
	}
	checkGolden(t, "filters_random", f)
	unbuilt := nnlib.Conv2D(4, 3)
	if _, err := unpack(Filters(unbuilt)); err == nil || !strings.Contains(err.Error(), "build the model first") {
		t.Errorf("unbuilt layer: %v", err)
	}
}

func TestImageErrors(t *testing.T) {
	cases := []struct {
		f    *Figure
		want string
	}{
		{Images(nil, 8, 8, nil), "no images"},
		{Images([][]float64{{1, 2}}, 8, 8, nil), "image 0 has 2 values, want 8×8 = 64"},
		{Images([][]float64{digitOne()}, 8, 8, []string{"a", "b"}), "2 captions for 1 images"},
		{Images([][]float64{digitOne()}, 0, 8, nil), "must be positive"},
		{Images(make([][]float64, 201), 8, 8, nil), "at most 200"},
		{Filters(nil), "nil layer"},
		{ConfusionMatrix([]int{1}, nil, nil), "1 true labels and 0 predictions"},
		{ConfusionMatrix([]int{1, 5}, []int{1, 2}, []string{"a", "b", "c"}), "not a class in [0, 3)"},
		{ConfusionMatrix([]int{-1}, []int{0}, nil), "not a class"},
	}
	for _, c := range cases {
		if err := c.f.Err(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("error %v, want one containing %q", err, c.want)
		}
	}
}
