package nnlib

import "sort"

// sortedKeys returns a map's keys in order, for error messages that list
// the valid names.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// snakeName is Keras's default layer name for a class: "Conv2D" →
// "conv2d", "MaxPooling2D" → "max_pooling2d", "BatchNormalization" →
// "batch_normalization".
func snakeName(class string) string {
	var b []byte
	lower := func(c byte) bool { return c >= 'a' && c <= 'z' }
	upper := func(c byte) bool { return c >= 'A' && c <= 'Z' }
	for i := 0; i < len(class); i++ {
		c := class[i]
		if upper(c) && i > 0 && (lower(class[i-1]) || (i+1 < len(class) && lower(class[i+1]))) {
			b = append(b, '_')
		}
		if upper(c) {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return string(b)
}
