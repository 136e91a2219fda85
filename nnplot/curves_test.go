package nnplot

import (
	"fmt"
	"strings"
	"testing"
)

func TestCurvesGolden(t *testing.T) {
	f, err := unpack(Curves(fakeHistory(500, 180, true), MarkPerfect()))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Panels) != 2 || f.Panels[0].Title.Text != "loss" || f.Panels[1].Title.Text != "binary accuracy" {
		t.Fatalf("panels %v, want loss then binary accuracy", f)
	}
	checkGolden(t, "curves", f)
}

func TestCompareGolden(t *testing.T) {
	runs := []Run{
		{"16 neurons", fakeHistory(500, 320, false)},
		{"16+16 neurons", fakeHistory(500, 140, false)},
		{"32 neurons", fakeHistory(500, 0, false)},
	}
	f, err := unpack(Compare("binary_accuracy", runs, MarkPerfect()))
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "compare", f)
}

// TestCompareManyRunsGolden draws eight runs whose "first 100%" lines run
// under the legend: the legend's rows have a white background, so the
// lines do not cross its text.
func TestCompareManyRunsGolden(t *testing.T) {
	var runs []Run
	for i, at := range []int{460, 420, 390, 0, 300, 470, 250, 440} {
		runs = append(runs, Run{fmt.Sprintf("seed %d", i+1), fakeHistory(500, at, false)})
	}
	f, err := unpack(Compare("binary_accuracy", runs, MarkPerfect()))
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "compare_many", f)
}

func TestCurvesErrors(t *testing.T) {
	h := fakeHistory(10, 5, false)
	cases := map[string]func() error{
		"nil history":   func() error { _, err := unpack(Curves(nil)); return err },
		"unknown key":   func() error { _, err := unpack(Curves(h, Keys("precision"))); return err },
		"no runs":       func() error { _, err := unpack(Compare("loss", nil)); return err },
		"missing key":   func() error { _, err := unpack(Compare("val_loss", []Run{{"a", h}})); return err },
		"empty history": func() error { _, err := unpack(Compare("loss", []Run{{"a", fakeHistory(0, 0, false)}})); return err },
	}
	for name, f := range cases {
		err := f()
		if err == nil || !strings.HasPrefix(err.Error(), "nnplot: ") {
			t.Errorf("%s: error %v", name, err)
		}
	}
	_, err := unpack(Curves(h, Keys("precision")))
	if !strings.Contains(err.Error(), "binary_accuracy, loss") {
		t.Errorf("the unknown-key error does not list the keys: %v", err)
	}
}

func TestCurvesKeysSelectsPanels(t *testing.T) {
	f, err := unpack(Curves(fakeHistory(20, 10, true), Keys("val_loss")))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Panels) != 1 || f.Panels[0].Title.Text != "loss" || f.Width != 600 {
		t.Errorf("Keys(\"val_loss\") gave %v", f)
	}
}

// TestGoldenComparisonSeesChanges guards the golden tests' tolerance: a
// curve that reaches 100% at another epoch must not pass for the golden
// picture.
func TestGoldenComparisonSeesChanges(t *testing.T) {
	a, _ := pngOf(t, Curves(fakeHistory(500, 180, true), MarkPerfect()))
	b, _ := pngOf(t, Curves(fakeHistory(500, 260, true), MarkPerfect()))
	if frac := differentPixels(a, b); frac <= maxDifferentPixels {
		t.Errorf("only %.4f of the pixels differ; the golden tolerance would miss the change", frac)
	}
	if frac := differentPixels(a, a); frac != 0 {
		t.Errorf("a picture differs from itself by %.4f", frac)
	}
}
