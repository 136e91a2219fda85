package cellsplit

import (
	"go/scanner"
	"go/token"
	"unicode/utf8"
)

// Kind says how a chunk must be evaluated.
type Kind int

const (
	// Imports is a run of import declarations.
	Imports Kind = iota
	// Decls is a run of package-level declarations: func, method, type
	// and const. (Var declarations are statements: yaegi v0.16.1 rejects
	// a package-level var whose initializer uses a variable of an earlier
	// evaluation, but accepts the same declaration as a statement, which
	// also defines a package-level variable.)
	Decls
	// Stmts is a run of statements.
	Stmts
)

// String returns the name of the kind.
func (k Kind) String() string {
	switch k {
	case Imports:
		return "imports"
	case Decls:
		return "decls"
	case Stmts:
		return "stmts"
	}
	return "unknown"
}

// Chunk is a part of a cell: the bytes src[Start:End] of the source passed
// to Split, all of one Kind.
type Chunk struct {
	Kind       Kind
	Start, End int
}

type tok struct {
	off int
	tok token.Token
	lit string
}

// tokens scans src, skipping comments and ignoring scan errors.
func tokens(src string) []tok {
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(src))
	var s scanner.Scanner
	s.Init(file, []byte(src), func(token.Position, string) {}, 0)
	var out []tok
	for {
		pos, t, lit := s.Scan()
		if t == token.EOF {
			return out
		}
		out = append(out, tok{off: file.Offset(pos), tok: t, lit: lit})
	}
}

// tokenEnd is the offset just past the token's text.
func tokenEnd(src string, t tok) int {
	switch {
	case t.tok == token.SEMICOLON && t.lit == "\n":
		return t.off
	case t.lit != "":
		// Literals, identifiers and keywords: the literal text is the
		// token's text, except for raw strings with carriage returns,
		// which the scanner strips; search the closing quote instead.
		if t.tok == token.STRING && len(t.lit) > 0 && t.lit[0] == '`' {
			for i := t.off + 1; i < len(src); i++ {
				if src[i] == '`' {
					return i + 1
				}
			}
			return len(src)
		}
		return min(t.off+len(t.lit), len(src))
	case t.tok == token.ILLEGAL:
		_, n := utf8.DecodeRuneInString(src[t.off:])
		return t.off + n
	default:
		return min(t.off+len(t.tok.String()), len(src))
	}
}

// Split cuts src into chunks, in source order. Consecutive top-level
// declarations of the same kind share one chunk, so that functions and
// types declared together may refer to each other in any order, as in a Go
// file. Blank space and comments between chunks belong to no chunk.
func Split(src string) []Chunk {
	toks := tokens(src)
	var chunks []Chunk
	depth := 0
	start := true
	for i, t := range toks {
		if start && depth == 0 {
			if t.tok == token.SEMICOLON {
				continue
			}
			k := classify(toks, i)
			if n := len(chunks); n > 0 && chunks[n-1].Kind == k {
				// Extend the previous chunk of the same kind.
			} else {
				chunks = append(chunks, Chunk{Kind: k, Start: t.off, End: t.off})
			}
			start = false
		}
		switch t.tok {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			if depth > 0 {
				depth--
			}
		case token.SEMICOLON:
			if depth == 0 {
				start = true
				continue
			}
		}
		if n := len(chunks); n > 0 {
			end := tokenEnd(src, t)
			if i+1 < len(toks) {
				// A token never reaches into the next one.
				end = min(end, max(toks[i+1].off, t.off))
			}
			if end > chunks[n-1].End {
				chunks[n-1].End = end
			}
		}
	}
	return chunks
}

// classify says what the top-level statement or declaration that starts
// at toks[i] is.
func classify(toks []tok, i int) Kind {
	switch toks[i].tok {
	case token.IMPORT:
		return Imports
	case token.TYPE, token.CONST:
		return Decls
	case token.FUNC:
		if isFuncDecl(toks, i) {
			return Decls
		}
	}
	return Stmts
}

// isFuncDecl tells a function or method declaration (func f(...),
// func (r T) m(...)) from a function literal (func(...) {...}()).
func isFuncDecl(toks []tok, i int) bool {
	if i+1 >= len(toks) {
		return false
	}
	switch toks[i+1].tok {
	case token.IDENT:
		return true
	case token.LPAREN:
		j := matchParen(toks, i+1)
		return j+2 < len(toks) && toks[j+1].tok == token.IDENT && toks[j+2].tok == token.LPAREN
	}
	return false
}

// matchParen returns the index of the token closing the bracket at
// toks[i], or len(toks) when it is not closed.
func matchParen(toks []tok, i int) int {
	depth := 0
	for j := i; j < len(toks); j++ {
		switch toks[j].tok {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return len(toks)
}
