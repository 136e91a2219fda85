package cellsplit_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/engine/cellsplit"
	"github.com/gokernel/gokernel/engine/rewrite"
)

// kinds renders chunks as "kind:text" lines.
func kinds(src string, chunks []cellsplit.Chunk) []string {
	var out []string
	for _, c := range chunks {
		out = append(out, c.Kind.String()+":"+src[c.Start:c.End])
	}
	return out
}

func TestSplit(t *testing.T) {
	tests := []struct {
		src  string
		want []string
	}{
		{"", nil},
		{"x := 1", []string{"stmts:x := 1"}},
		{"import \"fmt\"\nfmt.Println(1)", []string{"imports:import \"fmt\"", "stmts:fmt.Println(1)"}},
		{"x := 1\nimport \"fmt\"\nfunc f() {}\ntype T int\nconst c = 1\nvar v = 2\nf()",
			[]string{"stmts:x := 1", "imports:import \"fmt\"", "decls:func f() {}\ntype T int\nconst c = 1", "stmts:var v = 2\nf()"}},
		{"func (t T) M() int {\n\treturn 1\n}\nfunc() { println(1) }()",
			[]string{"decls:func (t T) M() int {\n\treturn 1\n}", "stmts:func() { println(1) }()"}},
		{"func(x int) (int, error) { return x, nil }(1)", []string{"stmts:func(x int) (int, error) { return x, nil }(1)"}},
		{"func (l *List[T]) Push(v T) {}", []string{"decls:func (l *List[T]) Push(v T) {}"}},
		{"import (\n\t\"fmt\"\n\t\"os\"\n)\n// comment\nfmt.Println(os.Args)", []string{"imports:import (\n\t\"fmt\"\n\t\"os\"\n)", "stmts:fmt.Println(os.Args)"}},
		{"a := 1; import \"fmt\"; b := 2", []string{"stmts:a := 1", "imports:import \"fmt\"", "stmts:b := 2"}},
		{"s := `raw\nstring`\ns", []string{"stmts:s := `raw\nstring`\ns"}},
		{"if x {\n} else {\n}\ntype (\n\tA int\n\tB string\n)", []string{"stmts:if x {\n} else {\n}", "decls:type (\n\tA int\n\tB string\n)"}},
		{"x := (\nfunc f() {}", []string{"stmts:x := (\nfunc f() {}"}},
	}
	for _, tt := range tests {
		got := kinds(tt.src, cellsplit.Split(tt.src))
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("Split(%q)\n got %q\nwant %q", tt.src, got, tt.want)
		}
	}
}

func ExampleSplit() {
	src := "import \"fmt\"\nfunc double(x int) int { return 2 * x }\nfmt.Println(double(21))"
	for _, c := range cellsplit.Split(src) {
		fmt.Printf("%s: %s\n", c.Kind, src[c.Start:c.End])
	}
	// Output:
	// imports: import "fmt"
	// decls: func double(x int) int { return 2 * x }
	// stmts: fmt.Println(double(21))
}

// seeds are real notebook cells.
var seeds = []string{
	"import \"fmt\"\nfmt.Println(\"hello\")",
	"import (\n\t\"fmt\"\n\t\"github.com/gokernel/gokernel/nnlib\"\n)\nx := [][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}\ny := [][]float64{{0}, {1}, {1}, {0}}\nmodel := nnlib.NewSequential()\nmodel.Add(nnlib.NewDense(16, nnlib.Activation(\"relu\")))\nhist, err := model.Fit(x, y, nnlib.Epochs(100))\nfmt.Println(err)\nhist",
	"type Point struct{ X, Y float64 }\nfunc (p Point) Norm() float64 { return math.Hypot(p.X, p.Y) }\np := Point{3, 4}\np.Norm()",
	"for i := range 10 {\n\tgo func() { fmt.Println(i) }()\n}",
	"func Map[T, U any](xs []T, f func(T) U) []U {\n\tvar out []U\n\tfor _, x := range xs {\n\t\tout = append(out, f(x))\n\t}\n\treturn out\n}\nMap([]int{1, 2}, func(i int) string { return fmt.Sprint(i) })",
	"const N = 5\nvar total int\nfor i := 0; i < N; i++ { total += i }\ntotal",
	"outer:\nfor i := range 3 {\n\tswitch {\n\tcase i > 1:\n\t\tbreak outer\n\t}\n}",
	"s := `multi\nline`; m := map[string]int{\"a\": 1}; clear(m); min(1, 2.5)",
	"select {\ncase v := <-ch:\n\tprintln(v)\ndefault:\n}",
	"x := (\n",
	"}}}{{{",
	"func (",
	"/* open comment",
}

// FuzzSplit checks that Split accepts anything, returns ordered,
// non-overlapping chunks that cover every token, and that the engine's
// parsing and rewriting of each chunk never panics.
func FuzzSplit(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		chunks := cellsplit.Split(src)
		prev := 0
		for i, c := range chunks {
			if c.Start < prev || c.End < c.Start || c.End > len(src) {
				t.Fatalf("chunk %d %+v out of order or bounds (prev end %d, len %d)", i, c, prev, len(src))
			}
			if i > 0 && chunks[i-1].Kind == c.Kind {
				t.Fatalf("chunks %d and %d have the same kind %v", i-1, i, c.Kind)
			}
			prev = c.End
		}
		checkCoverage(t, src, chunks)
		for _, c := range chunks {
			parseAndRewrite(src, c)
		}
	})
}

// checkCoverage fails when a token (other than a semicolon) lies outside
// every chunk.
func checkCoverage(t *testing.T, src string, chunks []cellsplit.Chunk) {
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(src))
	var s scanner.Scanner
	s.Init(file, []byte(src), func(token.Position, string) {}, 0)
	for {
		pos, tok, _ := s.Scan()
		if tok == token.EOF {
			return
		}
		if tok == token.SEMICOLON || tok == token.ILLEGAL {
			continue
		}
		off := file.Offset(pos)
		for len(chunks) > 0 && chunks[0].End <= off {
			chunks = chunks[1:]
		}
		if len(chunks) == 0 || off < chunks[0].Start {
			t.Fatalf("token %v at %d outside every chunk %+v", tok, off, chunks)
		}
	}
}

// parseAndRewrite parses a chunk the way the engine does and rewrites it.
func parseAndRewrite(src string, c cellsplit.Chunk) {
	b := []byte(src)
	for i := range b {
		if (i < c.Start || i >= c.End) && b[i] != '\n' {
			b[i] = ' '
		}
	}
	opts := rewrite.Options{IsInt: func(string) bool { return true }, GoPanic: "rt.GoPanic", Defer: "rt.Defer", Enter: "rt.Enter", Leave: "rt.Leave"}
	passes := []rewrite.Pass{rewrite.TopLevelDefers, rewrite.FuncGuard, rewrite.AllocGuard, rewrite.LoopVars,
		rewrite.RangeInt, rewrite.GoRecover, rewrite.PanicText, rewrite.FloatMinMax, rewrite.TypedVars}
	fset := token.NewFileSet()
	if c.Kind == cellsplit.Stmts {
		f, err := parser.ParseFile(fset, "", "package main; func main() {\n"+string(b)+"\n}", 0)
		if err == nil {
			rewrite.Run(f.Decls[0].(*ast.FuncDecl).Body, opts, passes...)
		}
		return
	}
	if f, err := parser.ParseFile(fset, "", "package main\n"+string(b), 0); err == nil {
		rewrite.Run(f, opts, passes...)
	}
}
