package datasets

import (
	"fmt"
	"testing"
)

func TestDigits(t *testing.T) {
	x, y, err := Digits()
	if err != nil {
		t.Fatal(err)
	}
	if len(x) != 1797 || len(y) != 1797 {
		t.Fatalf("%d images, %d labels; want 1797", len(x), len(y))
	}
	counts := make([]int, 10)
	for i, img := range x {
		if len(img) != 64 {
			t.Fatalf("image %d has %d pixels", i, len(img))
		}
		for _, v := range img {
			if v < 0 || v > 16 {
				t.Fatalf("image %d has pixel %v outside 0..16", i, v)
			}
		}
		counts[y[i]]++
	}
	for d, n := range counts {
		if n < 170 || n > 190 {
			t.Errorf("digit %d: %d images", d, n)
		}
	}
	// The first image is a 0 (scikit-learn's digits.images[0]).
	if y[0] != 0 || x[0][2] != 5 || x[0][3] != 13 {
		t.Errorf("first image: label %d, pixels %v", y[0], x[0][:8])
	}
}

func TestTrainTestSplit(t *testing.T) {
	x, y, _ := Digits()
	a, b, ya, yb, err := TrainTestSplit(x, y, 0.2, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) != 360 || len(a) != 1437 || len(ya) != len(a) || len(yb) != len(b) {
		t.Errorf("split sizes %d/%d", len(a), len(b))
	}
	a2, _, _, _, _ := TrainTestSplit(x, y, 0.2, 1)
	if &a2[0][0] != &a[0][0] {
		t.Errorf("same seed, different split")
	}
	for _, f := range []float64{0, 1, -0.5, 2} {
		if _, _, _, _, err := TrainTestSplit(x, y, f, 1); err == nil {
			t.Errorf("fraction %v accepted", f)
		}
	}
	if _, _, _, _, err := TrainTestSplit(x, y[:3], 0.5, 1); err == nil {
		t.Errorf("mismatched lengths accepted")
	}
}

func ExampleDigits() {
	x, y, err := Digits()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(x), "images of", len(x[0]), "pixels; the first is a", y[0])
	// Output: 1797 images of 64 pixels; the first is a 0
}
