package slices

import (
	"fmt"
	"math"
	"reflect"
	"testing"
)

func collect[E any](seq func(yield func(E) bool)) []E { return Collect(seq) }

func TestSlices(t *testing.T) {
	xs := []int{3, 1, 2}
	Sort(xs)
	nan := math.NaN()
	fs := []float64{2, nan, 1}
	Sort(fs)
	tests := []struct {
		name      string
		got, want any
	}{
		{"Sort", xs, []int{1, 2, 3}},
		{"Sort NaN first", fmt.Sprint(fs), "[NaN 1 2]"},
		{"IsSorted", IsSorted(xs), true},
		{"Min", Min([]int{4, 2, 8}), 2},
		{"Max", Max([]string{"a", "c", "b"}), "c"},
		{"Max NaN", math.IsNaN(Max([]float64{1, nan})), true},
		{"Index", Index(xs, 3), 2},
		{"Index missing", Index(xs, 7), -1},
		{"Contains", Contains(xs, 2), true},
		{"Insert", Insert([]int{1, 4}, 1, 2, 3), []int{1, 2, 3, 4}},
		{"Delete", Delete([]int{1, 2, 3, 4}, 1, 3), []int{1, 4}},
		{"DeleteFunc", DeleteFunc([]int{1, 2, 3, 4}, func(v int) bool { return v%2 == 0 }), []int{1, 3}},
		{"Replace", Replace([]int{1, 2, 3}, 1, 2, 7, 8), []int{1, 7, 8, 3}},
		{"Compact", Compact([]int{1, 1, 2, 2, 2, 1}), []int{1, 2, 1}},
		{"Concat", Concat([]int{1}, nil, []int{2, 3}), []int{1, 2, 3}},
		{"Repeat", Repeat([]int{1, 2}, 2), []int{1, 2, 1, 2}},
		{"Clone nil", Clone([]int(nil)) == nil, true},
		{"Equal", Equal([]int{1, 2}, []int{1, 2}), true},
		{"Compare", Compare([]int{1, 2}, []int{1, 3}), -1},
		{"Compare length", Compare([]int{1, 2}, []int{1}), 1},
		{"BinarySearch", fmt.Sprint(BinarySearch([]int{1, 3, 5}, 3)), "1 true"},
		{"BinarySearch missing", fmt.Sprint(BinarySearch([]int{1, 3, 5}, 4)), "2 false"},
		{"Sorted", Sorted(Values([]int{2, 1})), []int{1, 2}},
		{"Collect Chunk", collect(Chunk([]int{1, 2, 3}, 2)), [][]int{{1, 2}, {3}}},
		{"Backward", fmt.Sprint(collect(func(yield func(int) bool) {
			Backward([]string{"a", "b"})(func(i int, _ string) bool { return yield(i) })
		})), "[1 0]"},
	}
	for _, tt := range tests {
		if !reflect.DeepEqual(tt.got, tt.want) {
			t.Errorf("%s = %v, want %v", tt.name, tt.got, tt.want)
		}
	}
	ps := []struct{ N string }{{"b"}, {"a"}, {"b"}}
	SortStableFunc(ps, func(a, b struct{ N string }) int { return compare(a.N, b.N) })
	if fmt.Sprint(ps) != "[{a} {b} {b}]" {
		t.Errorf("SortStableFunc: %v", ps)
	}
}
