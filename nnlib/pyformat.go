package nnlib

import (
	"math"
	"strconv"
	"strings"
)

// pythonFloat formats v as Python's str(float) does, as Keras prints and
// CSVLogger writes values: "0.1", "100.0", "1e-05", "nan", "inf".
func pythonFloat(v float64) string {
	switch {
	case math.IsNaN(v):
		return "nan"
	case math.IsInf(v, 1):
		return "inf"
	case math.IsInf(v, -1):
		return "-inf"
	}
	if a := math.Abs(v); a == 0 || (a >= 1e-4 && a < 1e16) {
		s := strconv.FormatFloat(v, 'f', -1, 64)
		if !strings.Contains(s, ".") {
			s += ".0"
		}
		return s
	}
	return strconv.FormatFloat(v, 'e', -1, 64)
}

// pythonFixed5 is Python's "%0.5f" % v ("inf" for infinities).
func pythonFixed5(v float64) string {
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return pythonFloat(v)
	}
	return strconv.FormatFloat(v, 'f', 5, 64)
}
