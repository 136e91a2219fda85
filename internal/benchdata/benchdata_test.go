package benchdata

import "testing"

func TestMLPIsDeterministicOneHot(t *testing.T) {
	x1, y1 := MLP(50)
	x2, _ := MLP(50)
	if len(x1) != 50 || len(y1) != 50 || len(x1[0]) != 64 || len(y1[0]) != 10 {
		t.Fatalf("shape %dx%d, %dx%d", len(x1), len(x1[0]), len(y1), len(y1[0]))
	}
	for i := range x1 {
		for j := range x1[i] {
			if x1[i][j] != x2[i][j] {
				t.Fatalf("x[%d][%d] differs between calls", i, j)
			}
		}
		ones := 0
		for _, v := range y1[i] {
			if v == 1 {
				ones++
			} else if v != 0 {
				t.Fatalf("y[%d] = %v is not one-hot", i, y1[i])
			}
		}
		if ones != 1 {
			t.Fatalf("y[%d] = %v is not one-hot", i, y1[i])
		}
	}
}
