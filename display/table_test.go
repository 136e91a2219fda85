package display

import (
	"encoding/xml"
	"math"
	"strings"
	"testing"
)

func TestTableOfFloats(t *testing.T) {
	b := Table([]string{"x1", "x2", "XOR"}, [][]float64{{0, 0, 0}, {0, 1, 1}, {1, 0, 1}, {1, 1, 0.1 + 0.2}})
	if b.Err() != nil {
		t.Fatal(b.Err())
	}
	wantText := "x1  x2  XOR\n" +
		"--  --  ---\n" +
		" 0   0    0\n" +
		" 0   1    1\n" +
		" 1   0    1\n" +
		" 1   1  0.3"
	if got := b.Data[MIMEText]; got != wantText {
		t.Errorf("text/plain:\n%s\nwant:\n%s", got, wantText)
	}
	wantMD := "| x1 | x2 | XOR |\n| ---: | ---: | ---: |\n| 0 | 0 | 0 |\n| 0 | 1 | 1 |\n| 1 | 0 | 1 |\n| 1 | 1 | 0.3 |"
	if got := b.Data[MIMEMarkdown]; got != wantMD {
		t.Errorf("text/markdown:\n%s\nwant:\n%s", got, wantMD)
	}
	h := b.Data[MIMEHTML].(string)
	for _, want := range []string{"<thead>", `<th style="text-align:right">XOR</th>`, `<td style="text-align:right">0.3</td>`} {
		if !strings.Contains(h, want) {
			t.Errorf("HTML lacks %s:\n%s", want, h)
		}
	}
	var tree struct {
		Head struct {
			Cells []string `xml:"tr>th"`
		} `xml:"thead"`
		Rows []struct {
			Cells []string `xml:"td"`
		} `xml:"tbody>tr"`
	}
	if err := xml.Unmarshal([]byte(h), &tree); err != nil {
		t.Fatalf("HTML is not well-formed: %v\n%s", err, h)
	}
	if len(tree.Head.Cells) != 3 || len(tree.Rows) != 4 || tree.Rows[3].Cells[2] != "0.3" {
		t.Errorf("HTML structure: %+v", tree)
	}
}

func TestTableOfMixedCells(t *testing.T) {
	rows := [][]any{
		{"relu", 16, 0.912345678, true, nil},
		{"<b>sig|moid</b>", int64(-3), float32(0.1), false, "a\nb"},
	}
	b := Table([]string{"activation", "units", "acc", "ok", "note"}, rows)
	if b.Err() != nil {
		t.Fatal(b.Err())
	}
	wantText := "activation       units       acc  ok     note\n" +
		"---------------  -----  --------  -----  ----\n" +
		"relu                16  0.912346  true\n" +
		"<b>sig|moid</b>     -3       0.1  false  a b"
	if got := b.Data[MIMEText]; got != wantText {
		t.Errorf("text/plain:\n%s\nwant:\n%s", got, wantText)
	}
	h := b.Data[MIMEHTML].(string)
	if strings.Contains(h, "<b>") || !strings.Contains(h, "&lt;b&gt;sig|moid&lt;/b&gt;") {
		t.Errorf("HTML cells are not escaped:\n%s", h)
	}
	if !strings.Contains(h, `<td style="text-align:left">relu</td>`) || !strings.Contains(h, `<td style="text-align:right">16</td>`) {
		t.Errorf("HTML alignment:\n%s", h)
	}
	md := b.Data[MIMEMarkdown].(string)
	if !strings.Contains(md, `\<b\>sig\|moid\</b\>`) || !strings.Contains(md, "| a b |") {
		t.Errorf("Markdown cells are not escaped:\n%s", md)
	}
	if !strings.Contains(md, "| --- | ---: | ---: | --- | --- |") {
		t.Errorf("Markdown alignment row:\n%s", md)
	}
}

func TestTableOfIntsStringsAndArrays(t *testing.T) {
	ints := Table([]string{"layers", "epochs"}, [][]int{{1, 240}, {2, 95}})
	if got := ints.Data[MIMEText]; got != "layers  epochs\n------  ------\n     1     240\n     2      95" {
		t.Errorf("ints:\n%s", got)
	}
	strs := Table([]string{"a"}, [][]string{{"x"}, {""}})
	if got := strs.Data[MIMEText]; got != "a\n-\nx\n" {
		t.Errorf("strings: %q", got)
	}
	arr := Table([]string{"a", "b"}, [2][2]float64{{1, 2}, {3, 4}})
	if arr.Err() != nil {
		t.Errorf("arrays: %v", arr.Err())
	}
	empty := Table([]string{"a", "b"}, [][]float64{})
	if empty.Err() != nil || empty.Data[MIMEText] != "a  b\n-  -" {
		t.Errorf("no rows: %v %q", empty.Err(), empty.Data[MIMEText])
	}
}

func TestTableBadInput(t *testing.T) {
	cases := map[string]struct {
		header []string
		rows   any
		want   string
	}{
		"nil rows":       {[]string{"a"}, nil, "rows is nil"},
		"flat slice":     {[]string{"a"}, []float64{1, 2}, "rows of type []float64"},
		"map":            {[]string{"a"}, map[string]int{"a": 1}, "rows of type map[string]int"},
		"struct cells":   {[]string{"a"}, [][]struct{}{{{}}}, "rows of type [][]struct {}"},
		"pointer":        {[]string{"a"}, &[][]float64{{1}}, "rows of type *[][]float64"},
		"empty header":   {nil, [][]float64{{1}}, "empty header"},
		"short row":      {[]string{"x1", "x2", "XOR"}, [][]float64{{0, 0, 0}, {0, 1}}, "row 1 has 2 cells; the header has 3 columns"},
		"long any row":   {[]string{"a"}, [][]any{{1, 2}}, "row 0 has 2 cells"},
		"string as rows": {[]string{"a"}, "abc", "rows of type string"},
	}
	for name, c := range cases {
		b := Table(c.header, c.rows)
		err := b.Err()
		if err == nil || !strings.HasPrefix(err.Error(), "display: Table: ") || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", name, err, c.want)
			continue
		}
		if data, _ := b.MIMEBundle(); data[MIMEText] != err.Error() {
			t.Errorf("%s: a failed table shows %v", name, data)
		}
	}
}

func TestFormatFloat(t *testing.T) {
	for _, c := range []struct {
		v    float64
		bits int
		want string
	}{
		{0.1 + 0.2, 64, "0.3"}, {50000, 64, "50000"}, {-3, 64, "-3"}, {2.0 / 3, 64, "0.666667"},
		{1.5e-7, 64, "1.5e-07"}, {1e20, 64, "1e+20"}, {123456.78, 64, "123457"}, {0.00012345, 64, "0.00012345"},
		{float64(float32(0.1)), 32, "0.1"}, {-0.0, 64, "0"},
		{nan(), 64, "NaN"}, {inf(1), 64, "Inf"}, {inf(-1), 64, "-Inf"},
	} {
		if got := FormatFloat(c.v, c.bits); got != c.want {
			t.Errorf("FormatFloat(%v, %d) = %q, want %q", c.v, c.bits, got, c.want)
		}
	}
}

func nan() float64 { return math.NaN() }

func inf(sign int) float64 { return math.Inf(sign) }
