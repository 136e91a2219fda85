package nnlib

import (
	"fmt"
	"math"
	"strings"
)

type metricKind int

const (
	metricBinaryAccuracy metricKind = iota
	metricCategoricalAccuracy
	metricSparseCategoricalAccuracy
	metricMAE
	metricMSE
	metricAccuracy // resolved by the shapes of y and the output at Fit and Evaluate
)

// metricNames maps Keras's metric names to kinds.
var metricNames = map[string]metricKind{
	"accuracy":                    metricAccuracy,
	"acc":                         metricAccuracy,
	"binary_accuracy":             metricBinaryAccuracy,
	"categorical_accuracy":        metricCategoricalAccuracy,
	"sparse_categorical_accuracy": metricSparseCategoricalAccuracy,
	"mae":                         metricMAE,
	"mean_absolute_error":         metricMAE,
	"mse":                         metricMSE,
	"mean_squared_error":          metricMSE,
}

// MetricNames lists the metric names nnlib accepts.
func MetricNames() []string { return sortedKeys(metricNames) }

// metric is a compiled metric: the key it is logged under and its kind.
// "accuracy" keeps auto set and gets its kind from the data (resolveAccuracy).
type metric struct {
	key, valKey string
	kind        metricKind
	auto        bool
}

// parseMetric looks a metric name up.
func parseMetric(name string) (metric, error) {
	k, ok := metricNames[strings.ToLower(name)]
	if !ok {
		return metric{}, fmt.Errorf("unknown metric %q; valid metrics: %s", name, strings.Join(MetricNames(), ", "))
	}
	return metric{key: name, valKey: "val_" + name, kind: k, auto: k == metricAccuracy}, nil
}

// resolveAccuracy gives "accuracy" the kind Keras 3 picks from the shapes
// of the targets and the output (compile_utils.get_metric), whatever the
// loss: one output is binary_accuracy; one target column for several
// outputs is sparse_categorical_accuracy; otherwise categorical_accuracy.
func resolveAccuracy(metrics []metric, yCols, outCols int) {
	for i := range metrics {
		if !metrics[i].auto {
			continue
		}
		switch {
		case outCols == 1:
			metrics[i].kind = metricBinaryAccuracy
		case yCols == 1:
			metrics[i].kind = metricSparseCategoricalAccuracy
		default:
			metrics[i].kind = metricCategoricalAccuracy
		}
	}
}

// metricSum returns the sum over rows of the per-sample metric value.
func metricSum(k metricKind, yt, yp []float64, ytCols, cols int) float64 {
	rows := len(yp) / cols
	total := 0.0
	switch k {
	case metricBinaryAccuracy:
		for i, p := range yp {
			// Keras computes in float32 by default: a prediction within
			// float32 rounding of 0.5 is 0.5 there, and not above it.
			pred := 0.0
			if float32(p) > 0.5 {
				pred = 1
			}
			if pred == yt[i] {
				total++
			}
		}
		return total / float64(cols)
	case metricCategoricalAccuracy, metricSparseCategoricalAccuracy:
		for r := 0; r < rows; r++ {
			want := 0
			if k == metricSparseCategoricalAccuracy {
				want = int(yt[r])
			} else {
				want = argmax(yt[r*ytCols : (r+1)*ytCols])
			}
			if argmax(yp[r*cols:(r+1)*cols]) == want {
				total++
			}
		}
		return total
	case metricMAE:
		for i, p := range yp {
			total += math.Abs(p - yt[i])
		}
		return total / float64(cols)
	case metricMSE:
		for i, p := range yp {
			d := p - yt[i]
			total += d * d
		}
		return total / float64(cols)
	}
	return math.NaN()
}

func argmax(v []float64) int {
	best := 0
	for i, x := range v {
		if x > v[best] {
			best = i
		}
	}
	return best
}
