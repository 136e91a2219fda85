package engine

import (
	"strings"
	"testing"
)

// TestDisplayError: a final value whose rich representation failed ends
// the cell with a DisplayError at the expression's line; the statements
// before it ran and the session goes on.
func TestDisplayError(t *testing.T) {
	tests := []struct {
		name, code, value, at string
	}{
		{"display.Table of a bad shape", "n := 1\ndisplay.Table([]string{\"a\"}, 5)", "display: Table: rows of type int", "cell:2:1"},
		{"nnplot figure of ragged data", "fmt.Println(\"before\")\n  nnplot.HeatMap(nil, nil, [][]float64{{1}, {1, 2}})", "", "cell:2:3"},
		{"a failed Bundle value", "b := display.Failed(errors.New(\"no picture\"))\nb", "no picture", "cell:2:1"},
		{"a pointer to a failed Bundle", "b := display.Failed(errors.New(\"no picture\"))\n&b", "no picture", "cell:2:1"},
		{"a cell-defined Renderer with Err", "type pic struct{ err error }\nfunc (p pic) MIMEBundle() (map[string]any, map[string]any) { return map[string]any{\"text/plain\": \"pic\"}, nil }\nfunc (p pic) Err() error { return p.err }\npic{errors.New(\"broken pic\")}", "broken pic", "cell:4:1"},
	}
	e := newEngine(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err, _ := runErr(t, e, tt.code)
			tb := strings.Join(err.Traceback, "\n")
			if err.Name != kindDisplay.String() || !strings.Contains(err.Value, tt.value) || err.Value == "" {
				t.Errorf("error %s %q, want %s containing %q", err.Name, err.Value, kindDisplay.String(), tt.value)
			}
			if !strings.HasPrefix(tb, "DisplayError: "+err.Value) || !strings.Contains(tb, "at "+tt.at) {
				t.Errorf("traceback:\n%s\nwant it to start with the message and point at %s", tb, tt.at)
			}
		})
	}
	// State kept: the definitions before the failed display stay.
	if got := plain(mustRun(t, e, "n + 1")); got != "2" {
		t.Errorf("n + 1 = %q after the DisplayError", got)
	}
	// Values that show fine, or whose Err is not a display's, are results.
	for code, want := range map[string]string{
		"display.Table([]string{\"a\"}, [][]int{{1}})": "",
		"pic{}":                       "pic",
		"var fig *nnplot.Figure\nfig": "nnplot: nil figure",
		"ctx, cancel := context.WithCancel(context.Background())\ncancel()\nctx": "context.Background.WithCancel",
	} {
		res, _ := run(t, e, code)
		if got := plain(res); want != "" && got != want {
			t.Errorf("%q: result %q, want %q", code, got, want)
		}
	}
}
