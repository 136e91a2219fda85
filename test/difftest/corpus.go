package difftest

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Program is one program of the corpus.
type Program struct {
	Area   string // the corpus file's name without extension
	Name   string // its name within the area
	Source string // a complete Go program, with package clause
	File   string // corpus file it came from
	Line   int    // line of its "-- name --" header
}

// ID is "area/name", the program's name in reports and in gaps.txt.
func (p Program) ID() string { return p.Area + "/" + p.Name }

// LoadCorpus reads every corpus file (*.txt) of dir, sorted by area and
// then in file order.
func LoadCorpus(dir string) ([]Program, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var progs []Program
	seen := map[string]bool{}
	for _, f := range files {
		ps, err := parseCorpusFile(f)
		if err != nil {
			return nil, err
		}
		for _, p := range ps {
			if seen[p.ID()] {
				return nil, fmt.Errorf("%s:%d: program %s defined twice", p.File, p.Line, p.ID())
			}
			seen[p.ID()] = true
		}
		progs = append(progs, ps...)
	}
	if len(progs) == 0 {
		return nil, fmt.Errorf("no programs in %s", dir)
	}
	return progs, nil
}

// parseCorpusFile splits a corpus file at its "-- name --" lines.
func parseCorpusFile(file string) ([]Program, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	area := strings.TrimSuffix(filepath.Base(file), ".txt")
	var progs []Program
	var cur *Program
	var body strings.Builder
	flush := func() {
		if cur == nil {
			return
		}
		src := strings.TrimSpace(body.String()) + "\n"
		if !strings.HasPrefix(src, "package ") {
			src = "package main\n\n" + src
		}
		cur.Source = src
		progs = append(progs, *cur)
		body.Reset()
	}
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if name, ok := header(line); ok {
			flush()
			if !validName(name) {
				return nil, fmt.Errorf("%s:%d: program name %q: use letters, digits, - and _", file, n, name)
			}
			cur = &Program{Area: area, Name: name, File: file, Line: n}
			continue
		}
		if cur == nil {
			if strings.TrimSpace(line) != "" && !strings.HasPrefix(line, "#") {
				return nil, fmt.Errorf("%s:%d: text before the first -- name -- line", file, n)
			}
			continue
		}
		body.WriteString(line)
		body.WriteByte('\n')
	}
	flush()
	return progs, sc.Err()
}

// header recognises a "-- name --" line.
func header(line string) (string, bool) {
	if !strings.HasPrefix(line, "-- ") || !strings.HasSuffix(line, " --") || len(line) < 7 {
		return "", false
	}
	return strings.TrimSpace(line[3 : len(line)-3]), true
}

func validName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}
