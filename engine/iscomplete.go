package engine

import (
	"errors"
	"go/parser"
	"go/scanner"
	"go/token"
	"strings"

	"github.com/gokernel/gokernel/engine/cellsplit"
)

// IsComplete reports whether code is ready to run: "complete",
// "incomplete" with the indent of the next line (four spaces per open
// block or bracket, the notebook's convention; a tab would show as ^I in
// jupyter-console, and gofmt turns the spaces into tabs anyway) when a
// block, bracket or raw string is still open, or "invalid" when it cannot become valid by
// adding lines. Code with open brackets is checked by closing them: when
// the parser then fails before the end of code (`func {`, `x := )`), no
// further line can fix it.
func (e *Engine) IsComplete(code string) (status, indent string) {
	code = withoutGoGet(code)
	if strings.TrimSpace(code) == "" {
		return "complete", ""
	}
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(code))
	var errs scanner.ErrorList
	var s scanner.Scanner
	s.Init(file, []byte(code), func(pos token.Position, msg string) { errs.Add(pos, msg) }, 0)
	var open []token.Token // the brackets still open, innermost last
	var last token.Token
	for {
		_, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		switch tok {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			open = append(open, tok)
		case token.RPAREN, token.RBRACK, token.RBRACE:
			if len(open) == 0 || closer(open[len(open)-1]) != tok {
				return "invalid", ""
			}
			open = open[:len(open)-1]
		}
		if !(tok == token.SEMICOLON && lit == "\n") {
			last = tok
		}
	}
	for _, err := range errs {
		if err.Msg == "raw string literal not terminated" || err.Msg == "comment not terminated" {
			// An open raw string or comment continues on the next line.
			return "incomplete", ""
		}
		return "invalid", ""
	}
	if len(open) > 0 {
		closed := code + "\n"
		for i := len(open) - 1; i >= 0; i-- {
			closed += closer(open[i]).String()
		}
		if at := firstError(closed); at >= 0 && at < len(strings.TrimRight(code, " \t\r\n")) {
			return "invalid", ""
		}
		return "incomplete", strings.Repeat(indentUnit, len(open))
	}
	switch last {
	case token.ADD, token.SUB, token.MUL, token.QUO, token.REM, token.AND, token.OR,
		token.XOR, token.LAND, token.LOR, token.ASSIGN, token.DEFINE, token.COMMA,
		token.PERIOD, token.ARROW, token.EQL, token.NEQ, token.LSS, token.GTR, token.LEQ, token.GEQ,
		token.ELSE:
		// An expression or statement that cannot end here.
		return "incomplete", ""
	}
	if firstError(code) >= 0 {
		return "invalid", ""
	}
	return "complete", ""
}

// indentUnit is the indent IsComplete asks for per open block level.
const indentUnit = "    "

// closer is the bracket that closes open.
func closer(open token.Token) token.Token {
	switch open {
	case token.LPAREN:
		return token.RPAREN
	case token.LBRACK:
		return token.RBRACK
	}
	return token.RBRACE
}

// firstError parses every chunk of code the way Execute parses it and
// returns the byte offset in code of the first syntax error, or -1 when
// code parses.
func firstError(code string) int {
	first := -1
	for _, ch := range cellsplit.Split(code) {
		header, src := fileHeader, fileHeader+blank(code, ch.Start, ch.End)
		if ch.Kind == cellsplit.Stmts {
			header, src = blockHeader, blockHeader+blank(code, ch.Start, ch.End)+blockFooter
		}
		_, err := parser.ParseFile(token.NewFileSet(), srcName, src, parser.SkipObjectResolution)
		if err == nil {
			continue
		}
		at := len(code)
		var list scanner.ErrorList
		if errors.As(err, &list) && len(list) > 0 {
			at = min(max(list[0].Pos.Offset-len(header), 0), len(code))
		}
		if first < 0 || at < first {
			first = at
		}
	}
	return first
}
