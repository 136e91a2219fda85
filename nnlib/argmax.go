package nnlib

// ArgMax returns, for each row, the index of its largest value (the
// first one on ties): the predicted class of each row of Predict's
// output, like numpy's argmax(pred, axis=1). An empty row gives -1.
func ArgMax(rows [][]float64) []int {
	out := make([]int, len(rows))
	for i, row := range rows {
		best := -1
		for j, v := range row {
			if best < 0 || v > row[best] {
				best = j
			}
		}
		out[i] = best
	}
	return out
}
