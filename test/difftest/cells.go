package difftest

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
)

// cellMarker is the line that splits a program into cells.
const cellMarker = "// cell"

// Cells splits a program into the cells a notebook user would type: the
// declarations before func main (the imports with the first of them), the
// declarations after it, then main's body without its indentation. Each
// part is split further at "// cell" lines; empty cells are dropped.
func Cells(src string) ([]string, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "prog.go", src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	var main *ast.FuncDecl
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil {
			switch fd.Name.Name {
			case "main":
				main = fd
			case "init":
				return nil, fmt.Errorf("init functions are not allowed: they would run in every program of the combined binary")
			}
		}
	}
	if main == nil || main.Body == nil {
		return nil, fmt.Errorf("no func main")
	}
	off := func(p token.Pos) int { return fset.Position(p).Offset }
	pkgEnd := off(f.Name.End())
	mainStart := off(main.Pos())
	if main.Doc != nil {
		mainStart = off(main.Doc.Pos())
	}
	var cells []string
	cells = append(cells, splitCells(src[pkgEnd:mainStart])...)
	cells = append(cells, splitCells(src[off(main.End()):])...)
	body := src[off(main.Body.Lbrace)+1 : off(main.Body.Rbrace)]
	cells = append(cells, splitCells(dedent(body))...)
	return cells, nil
}

// splitCells cuts text at marker lines and drops the empty pieces.
func splitCells(text string) []string {
	var cells []string
	var cur []string
	flush := func() {
		c := strings.TrimSpace(strings.Join(cur, "\n"))
		if c != "" {
			cells = append(cells, c)
		}
		cur = nil
	}
	for _, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) == cellMarker {
			flush()
			continue
		}
		cur = append(cur, line)
	}
	flush()
	return cells
}

// dedent removes one leading tab from every line.
func dedent(text string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, "\t")
	}
	return strings.Join(lines, "\n")
}
