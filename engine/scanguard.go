package engine

import (
	"go/scanner"
	"go/token"
)

// maxScanErrors is how many lexical errors (illegal characters, bad
// UTF-8) a cell may have before the engine reports them without parsing
// it: go/parser keeps every one of them, a few hundred bytes each, so a
// pasted megabyte of them would cost hundreds of megabytes.
const maxScanErrors = 100

// scanGuard scans code and, when it has more than maxScanErrors lexical
// errors, returns them as a SyntaxError as the Go compiler reports them
// (the first error of each line, at most maxErrors, then "too many
// errors"); otherwise nil. Its memory does not grow with the number of
// errors.
func scanGuard(code string) *cellError {
	fset := token.NewFileSet()
	file := fset.AddFile(srcName, -1, len(code))
	var kept scanner.ErrorList
	count := 0
	handler := func(pos token.Position, msg string) {
		count++
		if n := len(kept); n > maxErrors || (n > 0 && kept[n-1].Pos.Line == pos.Line+headerLines) {
			return
		}
		pos.Line += headerLines
		kept.Add(pos, msg)
	}
	var s scanner.Scanner
	s.Init(file, []byte(code), handler, scanner.ScanComments)
	for {
		if _, tok, _ := s.Scan(); tok == token.EOF {
			break
		}
	}
	if count <= maxScanErrors {
		return nil
	}
	return syntaxError(kept, code)
}
