package stdlib

import (
	"bufio"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/engine/generic"
)

// apiSymbol is one package-level name of the standard library's API.
type apiSymbol struct {
	pkg, name, kind string // kind: func, type, var, const
	generic         bool
}

// apiLine matches the package-level declarations of Go's api/go1.*.txt
// files, for all platforms or for linux/amd64 (where the tables are
// generated).
var apiLine = regexp.MustCompile(`^pkg ([^ ,]+)(?: \(linux-amd64(?:-cgo)?\))?, (func|type|var|const) ([A-Za-z_][A-Za-z0-9_]*)(\[?)`)

// releaseMinor is the minor version of go.mod's go directive.
func releaseMinor(t *testing.T) int {
	data, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^go 1\.(\d+)`).FindSubmatch(data)
	if m == nil {
		t.Fatal("go.mod has no go directive")
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// releaseAPI reads the exported API of Go 1.0 to 1.minor from the api
// files of the installed toolchain (which lists every release up to its
// own; the later ones are not read).
func releaseAPI(t *testing.T, minor int) []apiSymbol {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), "api")
	files := []string{"go1.txt"}
	for i := 1; i <= minor; i++ {
		files = append(files, "go1."+strconv.Itoa(i)+".txt")
	}
	seen := map[string]bool{}
	var syms []apiSymbol
	for _, name := range files {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatalf("the installed Go toolchain must be at least go1.%d: %v", minor, err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			m := apiLine.FindStringSubmatch(sc.Text())
			if m == nil {
				continue
			}
			s := apiSymbol{pkg: m[1], kind: m[2], name: m[3], generic: m[4] == "["}
			if k := s.pkg + "." + s.name; !seen[k] {
				seen[k] = true
				syms = append(syms, s)
			}
		}
		f.Close()
	}
	return syms
}

// readExceptions reads exceptions.txt: "pkg: reason" for a whole package,
// "pkg.Name: reason" for one symbol.
func readExceptions(t *testing.T) map[string]string {
	f, err := os.Open("exceptions.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ex := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, reason, ok := strings.Cut(line, ": ")
		if !ok || strings.TrimSpace(reason) == "" {
			t.Fatalf("exceptions.txt: %q: want \"name: reason\"", line)
		}
		ex[k] = reason
	}
	return ex
}

// TestReleaseAPI fails when a package-level function, type, variable or
// constant of the standard library of go.mod's Go release is missing from
// Symbols (or, for a generic one, from the engine's interpreted sources),
// unless exceptions.txt explains why; and when an exception is stale.
func TestReleaseAPI(t *testing.T) {
	minor := releaseMinor(t)
	api := releaseAPI(t, minor)
	if len(api) < 5000 {
		t.Fatalf("read only %d API symbols", len(api))
	}
	except := readExceptions(t)
	used := map[string]bool{}
	byPath := map[string]map[string]bool{}
	for key, syms := range Symbols {
		p := path.Dir(key)
		if byPath[p] == nil {
			byPath[p] = map[string]bool{}
		}
		for name := range syms {
			byPath[p][name] = true
		}
	}
	interpreted := map[string]bool{}
	for _, p := range generic.Packages {
		for _, m := range generic.Members(p) {
			interpreted[p+"."+m.Name] = true
		}
	}
	for id := range generic.Extensions {
		interpreted[id] = true
	}
	missing := map[string][]string{}
	total, provided := 0, 0
	for _, s := range api {
		if strings.Contains(s.pkg, "internal") || strings.HasPrefix(s.pkg, "vendor/") {
			continue
		}
		total++
		id := s.pkg + "." + s.name
		switch {
		case byPath[s.pkg][s.name], s.generic && interpreted[id]:
			provided++
			if _, ok := except[id]; ok {
				t.Errorf("exceptions.txt lists %s, which is provided now: remove it", id)
				used[id] = true
			}
			continue
		}
		if _, ok := except[id]; ok {
			used[id] = true
			continue
		}
		if _, ok := except[s.pkg]; ok {
			used[s.pkg] = true
			continue
		}
		kind := s.kind
		if s.generic {
			kind = "generic " + kind
		}
		missing[s.pkg] = append(missing[s.pkg], kind+" "+s.name)
	}
	for _, p := range sortedKeys(missing) {
		t.Errorf("go1.%d API missing from the symbol tables: %s: %s", minor, p, strings.Join(missing[p], ", "))
	}
	for _, k := range sortedKeys(except) {
		if !used[k] {
			t.Errorf("exceptions.txt: %s matches nothing missing from the go1.%d API: remove it", k, minor)
		}
	}
	t.Logf("go1.%d API: %d package-level symbols, %d provided, %d excepted", minor, total, provided, total-provided)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
