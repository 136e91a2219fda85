// Command genexport writes the type information of the packages that
// cells can import, for the engine's type check (package
// engine/typecheck): one file of export data per package, read lazily by
// package symbols/exportdata. It runs from `go generate ./symbols/...`,
// in the directory of package exportdata.
//
// The packages are those of the symbol tables (the Symbols["path/name"]
// entries of symbols/*.go and symbols/stdlib/extracted/*.go) plus the
// ones named by -extra (the generic packages the engine interprets from
// source). `go list -export` compiles them with the Go toolchain running
// the command (go:generate pins it, so that the files do not depend on
// the Go that runs go generate); go/importer reads the compiler's export
// data, and golang.org/x/tools/go/gcexportdata writes it again in its
// indexed form, declarations only and without positions: about 1.4 MB for
// ~175 packages instead of the compiler's 7 MB.
//
// Usage:
//
//	genexport [-extra path,path] [-o dir]
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"go/importer"
	"go/token"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/tools/go/gcexportdata"
)

// symbolKey matches an entry of a generated symbol table.
var symbolKey = regexp.MustCompile(`Symbols\["([^"]+)/[^/"]+"\]`)

func main() {
	extra := flag.String("extra", "", "comma-separated import paths to add")
	out := flag.String("o", "data", "output directory")
	flag.Parse()
	if err := run(strings.Split(*extra, ","), *out); err != nil {
		fmt.Fprintln(os.Stderr, "genexport:", err)
		os.Exit(1)
	}
}

func run(extra []string, out string) error {
	paths, err := tablePackages([]string{"../*.go", "../stdlib/extracted/*.go"})
	if err != nil {
		return err
	}
	for _, p := range extra {
		if p != "" {
			paths[p] = true
		}
	}
	list := make([]string, 0, len(paths))
	for p := range paths {
		list = append(list, p)
	}
	sort.Strings(list)
	exports, err := exportFiles(list)
	if err != nil {
		return err
	}
	fset := token.NewFileSet()
	imp := importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
		f, ok := exports[path]
		if !ok || f == "" {
			return nil, fmt.Errorf("no export data for %s", path)
		}
		return os.Open(f)
	})
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	for _, p := range list {
		pkg, err := imp.Import(p)
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		var buf bytes.Buffer
		w := bufio.NewWriter(&buf)
		// A file set without files: no positions are written.
		if err := gcexportdata.Write(w, token.NewFileSet(), pkg); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		if err := w.Flush(); err != nil {
			return err
		}
		name := filepath.Join(out, filepath.FromSlash(p)+".x")
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// tablePackages returns the import paths of the symbol tables in the files
// matching patterns.
func tablePackages(patterns []string) (map[string]bool, error) {
	paths := map[string]bool{}
	for _, pat := range patterns {
		files, err := filepath.Glob(pat)
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				return nil, err
			}
			for _, m := range symbolKey.FindAllSubmatch(src, -1) {
				p := string(m[1])
				if !strings.Contains(p, "internal") {
					paths[p] = true
				}
			}
		}
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("no symbol tables found in %v", patterns)
	}
	return paths, nil
}

// exportFiles compiles the packages and returns the file of export data
// of each (the packages they import included).
func exportFiles(paths []string) (map[string]string, error) {
	args := append([]string{"list", "-trimpath", "-export", "-deps", "-f", "{{.ImportPath}}\t{{.Export}}"}, paths...)
	cmd := exec.Command("go", args...)
	cmd.Stderr = os.Stderr
	outp, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list -export: %w", err)
	}
	files := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(outp)), "\n") {
		path, file, ok := strings.Cut(line, "\t")
		if ok {
			files[path] = file
		}
	}
	return files, nil
}
