package display

import (
	"errors"
	"fmt"
	"html"
	"math"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Table returns a bundle that shows rows under the column names of header:
// an HTML table for notebooks (numbers right-aligned), Markdown, and a
// plain-text table with aligned columns.
//
// rows is a slice of rows, each a slice with one cell per column:
// [][]float64, [][]int, [][]string, or [][]any whose cells are numbers,
// strings, booleans or nil (an empty cell); any other cell is printed with
// fmt.Sprint. Floats are printed compactly, with up to six significant
// digits (0.1+0.2 prints as 0.3, 50000 as 50000). A rows value of another
// shape, an empty header, or a row whose length differs from the header's
// gives a Bundle carrying the error (see [Bundle]).
//
//	display.Table([]string{"x1", "x2", "XOR"}, [][]float64{{0, 0, 0}, {0, 1, 1}, {1, 0, 1}, {1, 1, 0}})
func Table(header []string, rows any) Bundle {
	t, err := newTable(header, rows)
	if err != nil {
		return Failed(fmt.Errorf("display: Table: %w", err))
	}
	return Bundle{Data: map[string]any{
		MIMEHTML:     t.html(),
		MIMEMarkdown: t.markdown(),
		MIMEText:     t.text(),
	}}
}

// table is a table's cells as text, with the columns that hold numbers.
type table struct {
	header  []string
	cells   [][]string
	numeric []bool // per column: every non-empty cell is a number
}

// newTable formats the cells of rows, checking their shape.
func newTable(header []string, rows any) (*table, error) {
	if len(header) == 0 {
		return nil, errors.New("empty header: a table needs at least one column")
	}
	if rows == nil {
		return nil, errors.New("rows is nil; use [][]float64, [][]int, [][]string or [][]any")
	}
	v := reflect.ValueOf(rows)
	if !isList(v.Type()) || !isList(v.Type().Elem()) || !isCellType(v.Type().Elem().Elem()) {
		return nil, fmt.Errorf("rows of type %T; use [][]float64, [][]int, [][]string or [][]any", rows)
	}
	t := &table{header: header, cells: make([][]string, v.Len()), numeric: make([]bool, len(header))}
	seen := make([]bool, len(header)) // a non-empty cell was seen in the column
	for c := range t.numeric {
		t.numeric[c] = true
	}
	for r := range v.Len() {
		row := v.Index(r)
		if row.Len() != len(header) {
			return nil, fmt.Errorf("row %d has %d cells; the header has %d columns", r, row.Len(), len(header))
		}
		t.cells[r] = make([]string, len(header))
		for c := range len(header) {
			text, number := formatCell(row.Index(c))
			t.cells[r][c] = text
			if text != "" {
				seen[c] = true
				t.numeric[c] = t.numeric[c] && number
			}
		}
	}
	for c := range t.numeric {
		t.numeric[c] = t.numeric[c] && seen[c]
	}
	return t, nil
}

// isList reports whether t is a slice or an array type.
func isList(t reflect.Type) bool {
	return t.Kind() == reflect.Slice || t.Kind() == reflect.Array
}

// isCellType reports whether Table takes cells of type t.
func isCellType(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.String, reflect.Bool, reflect.Interface:
		return true
	}
	return false
}

// formatCell returns the text of a cell and whether it is a number.
func formatCell(v reflect.Value) (text string, number bool) {
	if v.Kind() == reflect.Interface {
		if v.IsNil() {
			return "", false
		}
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(v.Int(), 10), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.FormatUint(v.Uint(), 10), true
	case reflect.Float32:
		return FormatFloat(v.Float(), 32), true
	case reflect.Float64:
		return FormatFloat(v.Float(), 64), true
	case reflect.String:
		return v.String(), false
	case reflect.Bool:
		return strconv.FormatBool(v.Bool()), false
	}
	if v.CanInterface() {
		if err, ok := v.Interface().(error); ok {
			return err.Error(), false
		}
		return fmt.Sprint(v.Interface()), false
	}
	return v.String(), false
}

// FormatFloat prints v compactly for people, as [Table] does: integral
// values in full (50000, -3), others with up to six significant digits and
// without binary noise (0.1+0.2 gives 0.3, 2/3 gives 0.666667), very large
// or small ones with an exponent (1.5e-07); NaN and ±Inf as NaN, Inf, -Inf.
// bitSize is 32 for a float32 value, 64 otherwise.
func FormatFloat(v float64, bitSize int) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 1):
		return "Inf"
	case math.IsInf(v, -1):
		return "-Inf"
	case v == 0:
		return "0" // also -0
	case v == math.Trunc(v) && math.Abs(v) < 1e15:
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'g', 6, bitSize)
}

// html writes the table as a plain HTML table; the notebook's style sheet
// does the rest.
func (t *table) html() string {
	var b strings.Builder
	align := func(c int) string {
		if t.numeric[c] {
			return ` style="text-align:right"`
		}
		return ` style="text-align:left"`
	}
	b.WriteString("<table>\n<thead>\n<tr>")
	for c, h := range t.header {
		fmt.Fprintf(&b, "<th%s>%s</th>", align(c), html.EscapeString(h))
	}
	b.WriteString("</tr>\n</thead>\n<tbody>\n")
	for _, row := range t.cells {
		b.WriteString("<tr>")
		for c, cell := range row {
			fmt.Fprintf(&b, "<td%s>%s</td>", align(c), html.EscapeString(cell))
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n</table>")
	return b.String()
}

// markdown writes the table as a GitHub-flavoured Markdown table, numeric
// columns right-aligned.
func (t *table) markdown() string {
	var b strings.Builder
	line := func(cells []string) {
		b.WriteString("|")
		for _, s := range cells {
			b.WriteString(" " + escapeMarkdown(s) + " |")
		}
		b.WriteString("\n")
	}
	line(t.header)
	b.WriteString("|")
	for c := range t.header {
		if t.numeric[c] {
			b.WriteString(" ---: |")
		} else {
			b.WriteString(" --- |")
		}
	}
	b.WriteString("\n")
	for _, row := range t.cells {
		line(row)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// markdownSpecial holds the characters that would format a Markdown cell
// or end it.
const markdownSpecial = "\\`*_[]<>|&#"

// escapeMarkdown makes s literal text in a Markdown table cell.
func escapeMarkdown(s string) string {
	var b strings.Builder
	for _, r := range oneLine(s) {
		if strings.ContainsRune(markdownSpecial, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// oneLine replaces line breaks and tabs, which would break a table's rows
// apart, by spaces.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return ' '
		}
		return r
	}, s)
}

// text writes the table with aligned columns, a rule under the header,
// numbers right-aligned.
func (t *table) text() string {
	width := make([]int, len(t.header))
	for c, h := range t.header {
		width[c] = utf8.RuneCountInString(oneLine(h))
	}
	for _, row := range t.cells {
		for c, cell := range row {
			width[c] = max(width[c], utf8.RuneCountInString(oneLine(cell)))
		}
	}
	var b strings.Builder
	line := func(cells []string) {
		var l strings.Builder
		for c, s := range cells {
			if c > 0 {
				l.WriteString("  ")
			}
			s = oneLine(s)
			fill := strings.Repeat(" ", width[c]-utf8.RuneCountInString(s))
			if t.numeric[c] {
				l.WriteString(fill + s)
			} else {
				l.WriteString(s + fill)
			}
		}
		b.WriteString(strings.TrimRight(l.String(), " ") + "\n")
	}
	line(t.header)
	rule := make([]string, len(width))
	for c, w := range width {
		rule[c] = strings.Repeat("-", w)
	}
	line(rule)
	for _, row := range t.cells {
		line(row)
	}
	return strings.TrimSuffix(b.String(), "\n")
}
