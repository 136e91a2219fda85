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
