package engine

import (
	"go/parser"
	"go/scanner"
	"go/token"
	"strings"

	"github.com/gokernel/gokernel/engine/cellsplit"
)

// IsComplete reports whether code is ready to run: "complete",
// "incomplete" with the indent of the next line when a block, bracket or
// raw string is still open, or "invalid" when it cannot become valid by
// adding lines.
func (e *Engine) IsComplete(code string) (status, indent string) {
	if strings.TrimSpace(code) == "" {
		return "complete", ""
	}
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(code))
	var errs scanner.ErrorList
	var s scanner.Scanner
	s.Init(file, []byte(code), func(pos token.Position, msg string) { errs.Add(pos, msg) }, 0)
	depth := 0
	var last token.Token
	for {
		_, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		switch tok {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			depth--
			if depth < 0 {
				return "invalid", ""
			}
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
	if depth > 0 {
		return "incomplete", strings.Repeat("\t", depth)
	}
	switch last {
	case token.ADD, token.SUB, token.MUL, token.QUO, token.REM, token.AND, token.OR,
		token.XOR, token.LAND, token.LOR, token.ASSIGN, token.DEFINE, token.COMMA,
		token.PERIOD, token.ARROW, token.EQL, token.NEQ, token.LSS, token.GTR, token.LEQ, token.GEQ,
		token.ELSE:
		// An expression or statement that cannot end here.
		return "incomplete", ""
	}
	if !parses(code) {
		return "invalid", ""
	}
	return "complete", ""
}

// parses reports whether every chunk of code parses, the way Execute
// parses it.
func parses(code string) bool {
	for _, ch := range cellsplit.Split(code) {
		src := fileHeader + blank(code, ch.Start, ch.End)
		if ch.Kind == cellsplit.Stmts {
			src = blockHeader + blank(code, ch.Start, ch.End) + blockFooter
		}
		if _, err := parser.ParseFile(token.NewFileSet(), srcName, src, parser.SkipObjectResolution); err != nil {
			return false
		}
	}
	return true
}
