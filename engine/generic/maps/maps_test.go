package maps

import (
	"reflect"
	"sort"
	"testing"
)

func TestMaps(t *testing.T) {
	m := map[string]int{"a": 1, "b": 2}
	var keys []string
	Keys(m)(func(k string) bool { keys = append(keys, k); return true })
	sort.Strings(keys)
	if !reflect.DeepEqual(keys, []string{"a", "b"}) {
		t.Errorf("Keys: %v", keys)
	}
	c := Clone(m)
	c["c"] = 3
	if len(m) != 2 || !Equal(Collect(All(m)), m) || Equal(c, m) {
		t.Errorf("Clone/Collect/Equal: %v %v", m, c)
	}
	DeleteFunc(c, func(k string, v int) bool { return v > 1 })
	if !reflect.DeepEqual(c, map[string]int{"a": 1}) {
		t.Errorf("DeleteFunc: %v", c)
	}
	n := 0
	Values(m)(func(int) bool { n++; return false })
	if n != 1 {
		t.Errorf("Values did not stop when yield returned false: %d calls", n)
	}
	if Clone(map[int]int(nil)) != nil {
		t.Error("Clone(nil) is not nil")
	}
}
