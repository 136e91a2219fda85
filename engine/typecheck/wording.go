package typecheck

import "regexp"

// compilerWording rewrites the few messages of go/types that the Go
// compiler words differently (the compiler checks branches and labels in
// its syntax package, not with types2), so that a cell shows what go
// build says.
var compilerWording = []struct {
	re   *regexp.Regexp
	repl string
}{
	{regexp.MustCompile(`^break not in for, switch, or select statement$`), "break is not in a loop, switch, or select"},
	{regexp.MustCompile(`^continue not in for statement$`), "continue is not in a loop"},
	{regexp.MustCompile(`^label (\S+) declared and not used$`), "label $1 defined and not used"},
	{regexp.MustCompile(`^label (\S+) not declared$`), "label $1 not defined"},
}

// goBuildMessage is msg as go build words it.
func goBuildMessage(msg string) string {
	for _, w := range compilerWording {
		if w.re.MatchString(msg) {
			return w.re.ReplaceAllString(msg, w.repl)
		}
	}
	return msg
}
