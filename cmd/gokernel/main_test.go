package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestDispatch(t *testing.T) {
	tests := []struct {
		args   []string
		status int
		output string // in stdout or stderr
	}{
		{nil, 2, "Commands:"},
		{[]string{"help"}, 0, "install"},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"version"}, 0, ""},
		{[]string{"version", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"kernel"}, 2, "--connection-file is required"},
		{[]string{"kernel", "--connection-file", "f", "--log-level", "loud"}, 2, `--log-level "loud"`},
		{[]string{"kernel", "--no-such-flag"}, 2, "flag provided but not defined"},
		{[]string{"kernel", "--connection-file", "/nonexistent/conn.json"}, 1, "no such file"},
		{[]string{"install", "--user", "--prefix", "/tmp/x"}, 2, "exclude each other"},
		{[]string{"install", "--sys-prefix", "--user"}, 2, "exclude each other"},
		{[]string{"install", "--prefix", "/tmp/x", "--name", "../evil"}, 2, `--name "../evil"`},
		{[]string{"install", "--prefix", "/tmp/x", "--display-name", " "}, 2, "--display-name is empty"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			status := dispatch(tt.args, &stdout, &stderr)
			if status != tt.status {
				t.Errorf("status %d, want %d (stderr %q)", status, tt.status, stderr.String())
			}
			if out := stdout.String() + stderr.String(); !strings.Contains(out, tt.output) {
				t.Errorf("output %q lacks %q", out, tt.output)
			}
		})
	}
}

func TestCommandsHaveSummaries(t *testing.T) {
	for _, want := range []string{"kernel", "install", "version"} {
		c, ok := commands[want]
		if !ok || c.summary == "" || c.run == nil {
			t.Errorf("sub-command %s missing or incomplete", want)
		}
	}
}
