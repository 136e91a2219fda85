// Package datasets holds small real data sets for tutorials, built into
// the binary so that a notebook loads them with one call and no download,
// like keras.datasets.
//
//	x, y, err := datasets.Digits()
//	xTrain, xTest, yTrain, yTest, err := datasets.TrainTestSplit(x, y, 0.2, 42)
package datasets

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strconv"
)

// digitsCSV is the UCI "Optical Recognition of Handwritten Digits" test
// set as scikit-learn ships it (digits.csv.gz): 1,797 rows of 64 pixel
// values in 0..16 and the digit.
//
//go:embed digits.csv.gz
var digitsCSV []byte

// DigitsSource names where the digits come from and under which licence.
const DigitsSource = `E. Alpaydin and C. Kaynak, "Optical Recognition of Handwritten Digits", ` +
	`UCI Machine Learning Repository (1998), https://doi.org/10.24432/C50P49, ` +
	`licensed CC BY 4.0; the 1,797-image copy shipped by scikit-learn (digits.csv.gz).`

// Digits returns the 1,797 handwritten digits of the UCI "Optical
// Recognition of Handwritten Digits" data set (see DigitsSource), as
// scikit-learn's load_digits: each image is 8×8 pixels of ink counts in
// 0..16, given as one row of 64 values (row by row: a row of x for a
// model with Input(8, 8, 1)), and labels[i] is its digit, 0 to 9. Each
// call returns fresh slices.
func Digits() (images [][]float64, labels []int, err error) {
	zr, err := gzip.NewReader(bytes.NewReader(digitsCSV))
	if err != nil {
		return nil, nil, fmt.Errorf("datasets: Digits: %w", err)
	}
	r := csv.NewReader(zr)
	r.FieldsPerRecord = 65
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("datasets: Digits: %w", err)
		}
		img := make([]float64, 64)
		for i, s := range rec[:64] {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				return nil, nil, fmt.Errorf("datasets: Digits: row %d: %w", len(images), err)
			}
			img[i] = v
		}
		label, err := strconv.Atoi(rec[64])
		if err != nil {
			return nil, nil, fmt.Errorf("datasets: Digits: row %d: %w", len(images), err)
		}
		images, labels = append(images, img), append(labels, label)
	}
	return images, labels, nil
}

// TrainTestSplit shuffles the rows of x and their labels y with the
// given seed and splits off testFraction of them (rounded up, as
// scikit-learn's train_test_split) for testing. The rows are shared with
// x, not copied.
func TrainTestSplit(x [][]float64, y []int, testFraction float64, seed uint64) (xTrain, xTest [][]float64, yTrain, yTest []int, err error) {
	if len(x) != len(y) {
		return nil, nil, nil, nil, fmt.Errorf("datasets: TrainTestSplit: %d rows of x but %d labels", len(x), len(y))
	}
	train, test, err := SplitIndices(len(x), testFraction, seed)
	if err != nil {
		return nil, nil, nil, nil, fmt.Errorf("datasets: TrainTestSplit: %w", err)
	}
	for _, i := range train {
		xTrain, yTrain = append(xTrain, x[i]), append(yTrain, y[i])
	}
	for _, i := range test {
		xTest, yTest = append(xTest, x[i]), append(yTest, y[i])
	}
	return xTrain, xTest, yTrain, yTest, nil
}

// SplitIndices is TrainTestSplit's split of n rows: the indices of the
// training rows and of the test rows, in shuffled order.
func SplitIndices(n int, testFraction float64, seed uint64) (train, test []int, err error) {
	if !(testFraction > 0 && testFraction < 1) {
		return nil, nil, fmt.Errorf("test fraction must be in (0, 1), got %g", testFraction)
	}
	nTest := int(math.Ceil(float64(n) * testFraction))
	if nTest <= 0 || nTest >= n {
		return nil, nil, fmt.Errorf("a test fraction of %g of %d rows leaves no training or no test rows", testFraction, n)
	}
	perm := rand.New(rand.NewPCG(seed, 0x5eed)).Perm(n)
	return perm[nTest:], perm[:nTest], nil
}

// Scale returns a copy of x with every value multiplied by factor, e.g.
// Scale(images, 1.0/16) to bring the digits' pixels into [0, 1].
func Scale(x [][]float64, factor float64) [][]float64 {
	out := make([][]float64, len(x))
	for i, row := range x {
		out[i] = make([]float64, len(row))
		for j, v := range row {
			out[i][j] = v * factor
		}
	}
	return out
}
