package nnplot

import (
	"encoding/xml"
	"image/color"
	"math"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/display"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// medianEpochs is a grid like the tutorial's: median epochs to 100%
// accuracy by hidden layers (rows) and neurons per layer (columns), NaN
// where no run got there.
var medianEpochs = [][]float64{
	{math.NaN(), 412, 236.5, 151, 98},
	{640, 205, 120, 84, 61},
	{math.NaN(), 188, 97.5, 70, 52},
}

func TestHeatMapGolden(t *testing.T) {
	f, err := unpack(HeatMap([]string{"1", "2", "3"}, []string{"2", "4", "8", "16", "32"}, medianEpochs,
		Axes("neurons per layer", "hidden layers"), Title("median epochs to 100% accuracy")))
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "heatmap_epochs", f)
	small, err := unpack(HeatMap(nil, []string{"a", "b"}, [][]float64{{0.25, 0.5}, {0.125, 1}}))
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "heatmap_small", small)
}

func TestHeatMapCellColours(t *testing.T) {
	f, err := unpack(HeatMap(nil, nil, [][]float64{{0, 10}, {math.NaN(), 5}}))
	if err != nil {
		t.Fatal(err)
	}
	img, _ := pngOf(t, f) // one image pixel per CSS pixel
	cssPixel := vg.Inch / 96
	whole := draw.Canvas{Rectangle: vg.Rectangle{Max: vg.Point{X: vg.Length(f.Width) * cssPixel, Y: vg.Length(f.Height) * cssPixel}}}
	data := f.Panels[0].DataCanvas(panelArea(f.margins(whole)))
	// A point in each cell, left of its centred text.
	at := func(row, col int) [3]uint8 {
		w, h := (data.Max.X-data.Min.X)/2, (data.Max.Y-data.Min.Y)/2
		x := data.Min.X + w*(vg.Length(col)+0.15)
		y := data.Max.Y - h*(vg.Length(row)+0.5)
		c := color.RGBAModel.Convert(img.At(int(x/cssPixel), int((whole.Max.Y-y)/cssPixel))).(color.RGBA)
		return [3]uint8{c.R, c.G, c.B}
	}
	lum := func(c [3]uint8) float64 { return 0.2126*float64(c[0]) + 0.7152*float64(c[1]) + 0.0722*float64(c[2]) }
	low, high, missing, mid := at(0, 0), at(0, 1), at(1, 0), at(1, 1)
	if lum(low) <= lum(mid) || lum(mid) <= lum(high) {
		t.Errorf("cells do not darken with their value: 0 %v, 5 %v, 10 %v", low, mid, high)
	}
	if missing[0] != missing[1] || missing[1] != missing[2] {
		t.Errorf("the NaN cell is not grey: %v", missing)
	}
}

func TestCellText(t *testing.T) {
	for v, want := range map[float64]string{
		412: "412", 236.5: "237", 97.5: "97.5", 0.875: "0.875", 1.23456: "1.23", 12.345: "12.3",
		-3: "-3", 0.000123: "0.000123", 1e9: "1000000000", 1.5e-9: "1.5e-09",
	} {
		if got := cellText(v); got != want {
			t.Errorf("cellText(%v) = %q, want %q", v, got, want)
		}
	}
	if got := cellText(math.NaN()); got != "–" {
		t.Errorf("cellText(NaN) = %q", got)
	}
}

// TestInkIsReadable checks the contrast of cell text on every colour of
// the palette and on missing cells against WCAG's 4.5 for normal text.
func TestInkIsReadable(t *testing.T) {
	backgrounds := []color.RGBA{missingColor}
	for i := range 101 {
		backgrounds = append(backgrounds, sequential(float64(i)/100))
	}
	for _, bg := range backgrounds {
		ink := color.RGBAModel.Convert(inkOn(bg)).(color.RGBA)
		a, b := luminance(bg), luminance(ink)
		if ratio := (max(a, b) + 0.05) / (min(a, b) + 0.05); ratio < 4.5 {
			t.Errorf("text %v on %v: contrast %.2f", ink, bg, ratio)
		}
	}
}

func TestHeatMapErrors(t *testing.T) {
	cases := map[string]struct {
		rows, cols []string
		values     [][]float64
		want       string
	}{
		"no values":     {nil, nil, nil, "no values"},
		"empty row":     {nil, nil, [][]float64{{}}, "no values"},
		"ragged":        {nil, nil, [][]float64{{1, 2}, {3}}, "row 1 has 1 values, row 0 has 2"},
		"row labels":    {[]string{"a"}, nil, [][]float64{{1}, {2}}, "1 row labels for 2 rows"},
		"column labels": {nil, []string{"a", "b", "c"}, [][]float64{{1, 2}}, "3 column labels for 2 columns"},
		"infinite":      {nil, nil, [][]float64{{1, math.Inf(1)}}, "values[0][1] is +Inf"},
		"too big":       {nil, nil, make([][]float64, 20000), "cells; at most"},
	}
	cases["too big"].values[0] = []float64{1}
	for i := range cases["too big"].values {
		cases["too big"].values[i] = []float64{1}
	}
	for name, c := range cases {
		f, err := unpack(HeatMap(c.rows, c.cols, c.values))
		if err == nil || !strings.HasPrefix(err.Error(), "nnplot: HeatMap: ") || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", name, err, c.want)
		}
		if b := f.Bundle(); b.Err() == nil {
			t.Errorf("%s: the failed figure renders", name)
		}
	}
}

func TestHeatMapAsSVG(t *testing.T) {
	f, err := unpack(HeatMap(nil, nil, medianEpochs, Title("epochs")))
	if err != nil {
		t.Fatal(err)
	}
	b := f.Bundle(display.AsSVG())
	if b.Err() != nil {
		t.Fatal(b.Err())
	}
	svg := b.Data[display.MIMESVG].(string)
	if err := xml.Unmarshal([]byte(svg), new(struct{})); err != nil {
		t.Fatalf("SVG does not parse: %v", err)
	}
	for _, want := range []string{">412<", ">97.5<", ">–<", ">no value<"} {
		if !strings.Contains(svg, want) {
			t.Errorf("SVG lacks the text %s", want)
		}
	}
}
