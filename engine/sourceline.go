package engine

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxErrors is how many errors a cell reports before it says "too many
// errors", as the Go compiler does.
const maxErrors = 10

// Source lines shown under an error are clipped to a window of about
// lineWindow characters around the column, lineBefore of them before it,
// so that an error in a long line (a pasted data line) shows the place
// and not the whole line.
const (
	lineWindow = 100
	lineBefore = 40
)

// sourceLine is line of a cell's lines with a caret under col, tabs
// expanded, or nothing when line is not in the cell. A line longer than
// lineWindow characters is clipped around col, with "…" where it was cut.
// Its cost depends on the window only, not on the line's length.
func sourceLine(lines []string, line, col int) []string {
	if line < 1 || line > len(lines) {
		return nil
	}
	src := lines[line-1]
	at := min(max(col-1, 0), len(src))
	start := at
	for n := 0; start > 0 && n < lineBefore; n++ {
		_, size := utf8.DecodeLastRuneInString(src[:start])
		start -= size
	}
	end := start
	for n := 0; end < len(src) && n < lineWindow; n++ {
		_, size := utf8.DecodeRuneInString(src[end:])
		end += size
	}
	if end < at {
		end = at
	}
	var shown, caret strings.Builder
	if start > 0 {
		shown.WriteString("…")
		caret.WriteByte(' ')
	}
	expand(&shown, src[start:end])
	caret.WriteString(strings.Repeat(" ", width(src[start:at])))
	if end < len(src) {
		shown.WriteString("…")
	}
	return []string{"        " + shown.String(), "        " + caret.String() + "^"}
}

// expand writes s with its tabs expanded to four spaces and its invalid
// UTF-8 bytes as U+FFFD.
func expand(b *strings.Builder, s string) {
	for _, r := range s {
		if r == '\t' {
			b.WriteString("    ")
		} else {
			b.WriteRune(r)
		}
	}
}

// width is the number of columns s takes once its tabs are expanded;
// combining marks take none.
func width(s string) int {
	w := 0
	for _, r := range s {
		switch {
		case r == '\t':
			w += 4
		case unicode.Is(unicode.Mn, r):
		default:
			w++
		}
	}
	return w
}

// Messages longer than maxMessage bytes (a compile error that quotes a
// 100,000-digit literal) keep their first messageHead and last
// messageTail bytes around a "…".
const (
	maxMessage  = 400
	messageHead = 240
	messageTail = 120
)

// clipMessage shortens a long message line, cutting at rune boundaries.
func clipMessage(s string) string {
	if len(s) <= maxMessage {
		return s
	}
	head, tail := messageHead, len(s)-messageTail
	for head > 0 && !utf8.RuneStart(s[head]) {
		head--
	}
	for tail < len(s) && !utf8.RuneStart(s[tail]) {
		tail++
	}
	return s[:head] + "…" + s[tail:]
}
