package engine

import (
	"context"
	"testing"
)

func TestZZProbe(t *testing.T) {
	e := newEngine(t)
	for _, c := range []string{
		"import \"slices\"\ns := []int{3, 1, 2}\nslices.Sort(s)\ns",
		"slices.Contains(s, 2)",
		"slices.Max(s)",
		"import \"maps\"\nm := map[string]int{\"a\": 1}\nlen(maps.Clone(m))",
		"import \"cmp\"\nfunc Least[T cmp.Ordered](a, b T) T { if a < b { return a }; return b }\nLeast(3, 2)",
		"func Sum2[T int | float64](xs ...T) T { var s T; for _, x := range xs { s += x }; return s }\nSum2(1, 2)",
		"type Pair[K comparable, V any] struct { Key K; Val V }\np := Pair[string, int]{\"a\", 1}\np",
		"func MakePair[K comparable, V any](k K, v V) Pair[K, V] { return Pair[K, V]{k, v} }\nMakePair(\"x\", 2.5)",
		"type Num interface { ~int | ~float64 }\nfunc Double[T Num](x T) T { return x * 2 }\nDouble(21)",
		"type MyInt int\nDouble(MyInt(4))",
		"for i, c := range \"hé\" { println(i, c) }",
		"x := []int{1,2,3}\nfor i := range len(x) - 1 { println(i) }",
		"func gen(yield func(int) bool) { for i := 0; i < 3; i++ { if !yield(i) { return } } }\nfor v := range gen { println(v) }",
		"var wg sync.WaitGroup\nimport \"sync\"\nwg.Add(1)\ngo func() { defer wg.Done() }()\nwg.Wait()",
		"import \"errors\"\nvar ErrX = errors.New(\"x\")\nerr := fmt.Errorf(\"wrap: %w\", ErrX)\nimport \"fmt\"\nerrors.Is(err, ErrX)",
		"type Shape interface { Area() float64 }\ntype Sq struct{ S float64 }\nfunc (s Sq) Area() float64 { return s.S * s.S }\nvar sh Shape = Sq{2}\nsh.Area()",
		"defer println(\"deferred\")\n1",
		"switch x := 5; { case x > 3: println(\"big\") }",
		"ch := make(chan int, 3)\nfor i := range 3 { ch <- i }\nclose(ch)\ntotal := 0\nfor v := range ch { total += v }\ntotal",
		"import \"math\"\nmath.Sqrt(2)",
		"import \"gonum.org/v1/gonum/mat\"\na := mat.NewDense(2, 2, []float64{1, 2, 3, 4})\nvar c mat.Dense\nc.Mul(a, a)\nmat.Formatted(&c)",
	} {
		out := &recorder{}
		res := e.Execute(context.Background(), c, out)
		t.Logf("%q\n   -> %q err=%v stdout=%q", c, plain(res), res.Err, out.text("stdout"))
	}
}
