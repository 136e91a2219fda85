// Package slices is the interpreter's slices package: the generic
// functions of the standard library's slices (Go 1.23 API), written for
// yaegi v0.16.1, which cannot use the compiled generic ones. Parameters
// are []E rather than S ~[]E (yaegi infers the former), so a function
// that returns a slice returns []E; iterators are plain function types
// (see package iter). Sorting uses the compiled package sort. The code
// avoids what yaegi v0.16.1 lacks (range over int, min, max, clear).
package slices

import "sort"

// ordered is cmp.Ordered.
type ordered interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr | ~float32 | ~float64 | ~string
}

// less orders NaN before every other value, as cmp.Less does.
func less[E ordered](a, b E) bool {
	return a < b || (a != a && b == b)
}

// compare is cmp.Compare.
func compare[E ordered](a, b E) int {
	switch {
	case less(a, b):
		return -1
	case less(b, a):
		return 1
	}
	return 0
}

// Sort sorts x in ascending order.
func Sort[E ordered](x []E) {
	sort.Slice(x, func(i, j int) bool { return less(x[i], x[j]) })
}

// SortFunc sorts x by cmp (negative: a before b).
func SortFunc[E any](x []E, cmp func(a, b E) int) {
	sort.Slice(x, func(i, j int) bool { return cmp(x[i], x[j]) < 0 })
}

// SortStableFunc sorts x by cmp, keeping the order of equal elements.
func SortStableFunc[E any](x []E, cmp func(a, b E) int) {
	sort.SliceStable(x, func(i, j int) bool { return cmp(x[i], x[j]) < 0 })
}

// IsSorted reports whether x is in ascending order.
func IsSorted[E ordered](x []E) bool {
	for i := 1; i < len(x); i++ {
		if less(x[i], x[i-1]) {
			return false
		}
	}
	return true
}

// IsSortedFunc reports whether x is sorted by cmp.
func IsSortedFunc[E any](x []E, cmp func(a, b E) int) bool {
	for i := 1; i < len(x); i++ {
		if cmp(x[i], x[i-1]) < 0 {
			return false
		}
	}
	return true
}

// BinarySearch finds target in the sorted x: its position, or where it
// would be inserted, and whether it is there.
func BinarySearch[E ordered](x []E, target E) (int, bool) {
	i := sort.Search(len(x), func(i int) bool { return !less(x[i], target) })
	return i, i < len(x) && compare(x[i], target) == 0
}

// BinarySearchFunc is BinarySearch for x sorted by cmp.
func BinarySearchFunc[E, T any](x []E, target T, cmp func(E, T) int) (int, bool) {
	i := sort.Search(len(x), func(i int) bool { return cmp(x[i], target) >= 0 })
	return i, i < len(x) && cmp(x[i], target) == 0
}

// Min returns the smallest element of x; it panics when x is empty.
func Min[E ordered](x []E) E {
	if len(x) == 0 {
		panic("slices.Min: empty list")
	}
	m := x[0]
	for _, v := range x[1:] {
		if less(v, m) || v != v {
			m = v
		}
	}
	return m
}

// MinFunc returns the first smallest element of x by cmp.
func MinFunc[E any](x []E, cmp func(a, b E) int) E {
	if len(x) == 0 {
		panic("slices.MinFunc: empty list")
	}
	m := x[0]
	for _, v := range x[1:] {
		if cmp(v, m) < 0 {
			m = v
		}
	}
	return m
}

// Max returns the largest element of x; it panics when x is empty.
func Max[E ordered](x []E) E {
	if len(x) == 0 {
		panic("slices.Max: empty list")
	}
	m := x[0]
	for _, v := range x[1:] {
		if less(m, v) || v != v {
			m = v
		}
	}
	return m
}

// MaxFunc returns the first largest element of x by cmp.
func MaxFunc[E any](x []E, cmp func(a, b E) int) E {
	if len(x) == 0 {
		panic("slices.MaxFunc: empty list")
	}
	m := x[0]
	for _, v := range x[1:] {
		if cmp(v, m) > 0 {
			m = v
		}
	}
	return m
}

// Index returns the position of the first v in s, or -1.
func Index[E comparable](s []E, v E) int {
	for i := range s {
		if s[i] == v {
			return i
		}
	}
	return -1
}

// IndexFunc returns the position of the first element satisfying f, or -1.
func IndexFunc[E any](s []E, f func(E) bool) int {
	for i := range s {
		if f(s[i]) {
			return i
		}
	}
	return -1
}

// Contains reports whether v is in s.
func Contains[E comparable](s []E, v E) bool { return Index(s, v) >= 0 }

// ContainsFunc reports whether an element of s satisfies f.
func ContainsFunc[E any](s []E, f func(E) bool) bool { return IndexFunc(s, f) >= 0 }

// Equal reports whether s1 and s2 have the same length and elements.
func Equal[E comparable](s1, s2 []E) bool {
	if len(s1) != len(s2) {
		return false
	}
	for i := range s1 {
		if s1[i] != s2[i] {
			return false
		}
	}
	return true
}

// EqualFunc is Equal with eq comparing the elements.
func EqualFunc[E1, E2 any](s1 []E1, s2 []E2, eq func(E1, E2) bool) bool {
	if len(s1) != len(s2) {
		return false
	}
	for i := range s1 {
		if !eq(s1[i], s2[i]) {
			return false
		}
	}
	return true
}

// Compare compares s1 and s2 element by element, then by length.
func Compare[E ordered](s1, s2 []E) int {
	return CompareFunc(s1, s2, func(a, b E) int { return compare(a, b) })
}

// CompareFunc is Compare with cmp comparing the elements.
func CompareFunc[E1, E2 any](s1 []E1, s2 []E2, cmp func(E1, E2) int) int {
	for i := 0; i < len(s1) && i < len(s2); i++ {
		if c := cmp(s1[i], s2[i]); c != 0 {
			return c
		}
	}
	switch {
	case len(s1) < len(s2):
		return -1
	case len(s1) > len(s2):
		return 1
	}
	return 0
}

// Reverse reverses s in place.
func Reverse[E any](s []E) {
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		s[i], s[j] = s[j], s[i]
	}
}

// Clone returns a copy of s; the clone of nil is nil.
func Clone[E any](s []E) []E {
	if s == nil {
		return nil
	}
	return append(make([]E, 0, len(s)), s...)
}

// Compact replaces runs of equal elements by one and returns the result
// (s is modified).
func Compact[E comparable](s []E) []E {
	return CompactFunc(s, func(a, b E) bool { return a == b })
}

// CompactFunc is Compact with eq comparing neighbours.
func CompactFunc[E any](s []E, eq func(E, E) bool) []E {
	if len(s) < 2 {
		return s
	}
	n := 1
	for i := 1; i < len(s); i++ {
		if !eq(s[i], s[n-1]) {
			s[n] = s[i]
			n++
		}
	}
	var zero E
	for i := n; i < len(s); i++ {
		s[i] = zero
	}
	return s[:n]
}

// Insert inserts vs at position i of s and returns the result.
func Insert[E any](s []E, i int, vs ...E) []E {
	if i < 0 || i > len(s) {
		panic("slices.Insert: index out of range")
	}
	out := make([]E, 0, len(s)+len(vs))
	out = append(out, s[:i]...)
	out = append(out, vs...)
	return append(out, s[i:]...)
}

// Delete removes s[i:j] and returns the result (s is modified).
func Delete[E any](s []E, i, j int) []E {
	if i < 0 || j > len(s) || i > j {
		panic("slices.Delete: index out of range")
	}
	n := copy(s[i:], s[j:])
	var zero E
	for k := i + n; k < len(s); k++ {
		s[k] = zero
	}
	return s[:i+n]
}

// DeleteFunc removes the elements satisfying del and returns the result
// (s is modified).
func DeleteFunc[E any](s []E, del func(E) bool) []E {
	n := 0
	for _, v := range s {
		if !del(v) {
			s[n] = v
			n++
		}
	}
	var zero E
	for k := n; k < len(s); k++ {
		s[k] = zero
	}
	return s[:n]
}

// Replace replaces s[i:j] by vs and returns the result.
func Replace[E any](s []E, i, j int, vs ...E) []E {
	if i < 0 || j > len(s) || i > j {
		panic("slices.Replace: index out of range")
	}
	out := make([]E, 0, len(s)-(j-i)+len(vs))
	out = append(out, s[:i]...)
	out = append(out, vs...)
	return append(out, s[j:]...)
}

// Concat returns a new slice of the elements of first and rest in order.
// (The standard library's takes only ...[]E; yaegi cannot infer E from
// variadic arguments alone.)
func Concat[E any](first []E, rest ...[]E) []E {
	out := append([]E(nil), first...)
	for _, s := range rest {
		out = append(out, s...)
	}
	return out
}

// Repeat returns s repeated count times.
func Repeat[E any](s []E, count int) []E {
	if count < 0 {
		panic("slices.Repeat: negative count")
	}
	out := make([]E, 0, len(s)*count)
	for i := 0; i < count; i++ {
		out = append(out, s...)
	}
	return out
}

// Grow makes room for n more elements without another allocation.
func Grow[E any](s []E, n int) []E {
	if n < 0 {
		panic("slices.Grow: negative n")
	}
	if cap(s)-len(s) < n {
		s = append(make([]E, 0, len(s)+n), s...)
	}
	return s
}

// Clip removes the unused capacity of s.
func Clip[E any](s []E) []E { return s[:len(s):len(s)] }

// All returns an iterator over the positions and elements of s.
func All[E any](s []E) func(yield func(int, E) bool) {
	return func(yield func(int, E) bool) {
		for i, v := range s {
			if !yield(i, v) {
				return
			}
		}
	}
}

// Backward returns an iterator over the positions and elements of s,
// last first.
func Backward[E any](s []E) func(yield func(int, E) bool) {
	return func(yield func(int, E) bool) {
		for i := len(s) - 1; i >= 0; i-- {
			if !yield(i, s[i]) {
				return
			}
		}
	}
}

// Values returns an iterator over the elements of s.
func Values[E any](s []E) func(yield func(E) bool) {
	return func(yield func(E) bool) {
		for _, v := range s {
			if !yield(v) {
				return
			}
		}
	}
}

// AppendSeq appends the values of seq to s.
func AppendSeq[E any](s []E, seq func(yield func(E) bool)) []E {
	seq(func(v E) bool {
		s = append(s, v)
		return true
	})
	return s
}

// Collect returns a new slice of the values of seq.
func Collect[E any](seq func(yield func(E) bool)) []E {
	return AppendSeq([]E(nil), seq)
}

// Sorted collects the values of seq and sorts them.
func Sorted[E ordered](seq func(yield func(E) bool)) []E {
	s := Collect(seq)
	Sort(s)
	return s
}

// SortedFunc collects the values of seq and sorts them by cmp.
func SortedFunc[E any](seq func(yield func(E) bool), cmp func(E, E) int) []E {
	s := Collect(seq)
	SortFunc(s, cmp)
	return s
}

// SortedStableFunc collects the values of seq and sorts them by cmp,
// keeping the order of equal values.
func SortedStableFunc[E any](seq func(yield func(E) bool), cmp func(E, E) int) []E {
	s := Collect(seq)
	SortStableFunc(s, cmp)
	return s
}

// Chunk returns an iterator over consecutive sub-slices of s of n
// elements (the last may be shorter).
func Chunk[E any](s []E, n int) func(yield func([]E) bool) {
	if n < 1 {
		panic("slices.Chunk: cannot be less than 1")
	}
	return func(yield func([]E) bool) {
		for i := 0; i < len(s); i += n {
			end := i + n
			if end > len(s) {
				end = len(s)
			}
			if !yield(s[i:end:end]) {
				return
			}
		}
	}
}
