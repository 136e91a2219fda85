package difftest

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

// Gaps maps the IDs of programs known to behave differently under the
// engine to the reason.
type Gaps map[string]string

// LoadGaps reads a gaps file: one program per line, "area/name: reason";
// blank lines and lines starting with # are ignored.
func LoadGaps(file string) (Gaps, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	g := Gaps{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		id, reason, ok := strings.Cut(line, ":")
		id, reason = strings.TrimSpace(id), strings.TrimSpace(reason)
		if !ok || reason == "" || !strings.Contains(id, "/") {
			return nil, fmt.Errorf("%s:%d: want \"area/name: reason\"", file, n)
		}
		if _, dup := g[id]; dup {
			return nil, fmt.Errorf("%s:%d: %s listed twice", file, n, id)
		}
		g[id] = reason
	}
	return g, sc.Err()
}
