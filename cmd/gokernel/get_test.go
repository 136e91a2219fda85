package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/gomod/gomodtest"
	"github.com/gokernel/gokernel/notebook"
)

// TestGetThenRunOffline: gokernel get fills the module cache; gokernel
// run then executes a notebook that imports the packages with the proxy
// off (GOPROXY=off), as in a classroom image without network.
func TestGetThenRunOffline(t *testing.T) {
	url, _ := gomodtest.Proxy(t)
	cache := gomodtest.Env(t, url)
	t.Chdir(t.TempDir())
	if err := getPackages([]string{"example.com/greet@v1.0.0", "example.com/shout", "fmt"}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(cache, "example.com", "shout@v1.0.0", "shout.go")); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GOPROXY", "off")
	nb := map[string]any{
		"nbformat": 4, "nbformat_minor": 5, "metadata": map[string]any{},
		"cells": []any{map[string]any{
			"cell_type": "code", "id": "c1", "metadata": map[string]any{}, "outputs": []any{}, "execution_count": nil,
			"source": "import (\n\t\"example.com/greet\"\n\t\"example.com/shout\"\n)\nshout.Hello(\"class\") + \" \" + greet.Version",
		}},
	}
	data, _ := json.Marshal(nb)
	os.WriteFile("modules.ipynb", data, 0o644)
	if err := runNotebook([]string{"modules.ipynb", "-o", "out.ipynb", "-q"}); err != nil {
		t.Fatal(err)
	}
	out, err := notebook.ReadFile("out.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	for _, o := range out.Cells[0].Outputs {
		text.WriteString(o.Text)
		if s, ok := o.Data["text/plain"].(string); ok {
			text.WriteString(s)
		}
	}
	if got := text.String(); got != "HELLO, CLASS v1.0.0" {
		t.Fatalf("outputs %q (want no download, the cached modules)", got)
	}
	// Offline, a module not in the cache is a clear error.
	if err := getPackages([]string{"example.com/initorder"}); err == nil || !strings.Contains(err.Error(), "module lookup disabled by GOPROXY=off") {
		t.Fatalf("got %v", err)
	}
	if err := getPackages(nil); err == nil {
		t.Fatal("no arguments: no error")
	}
}
