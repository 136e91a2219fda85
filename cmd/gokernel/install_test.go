package main

import (
	"bytes"
	"encoding/json"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestInstallIntoPrefix(t *testing.T) {
	prefix := t.TempDir()
	if status := dispatch([]string{"install", "--prefix", prefix, "--name", "go-test", "--display-name", "Go (test)"},
		new(bytes.Buffer), new(bytes.Buffer)); status != 0 {
		t.Fatalf("status %d", status)
	}
	dir := filepath.Join(prefix, "share", "jupyter", "kernels", "go-test")
	b, err := os.ReadFile(filepath.Join(dir, "kernel.json"))
	if err != nil {
		t.Fatal(err)
	}
	var spec kernelSpec
	if err := json.Unmarshal(b, &spec); err != nil {
		t.Fatal(err)
	}
	self, _ := os.Executable()
	self, _ = filepath.EvalSymlinks(self)
	if want := []string{self, "kernel", "--connection-file", "{connection_file}"}; !slices.Equal(spec.Argv, want) {
		t.Errorf("argv %q, want %q", spec.Argv, want)
	}
	if !filepath.IsAbs(spec.Argv[0]) {
		t.Errorf("binary path %q not absolute", spec.Argv[0])
	}
	if spec.DisplayName != "Go (test)" || spec.Language != "go" || spec.InterruptMode != "message" || spec.Metadata == nil {
		t.Errorf("spec %+v", spec)
	}
	for file, size := range map[string]int{"logo-32x32.png": 32, "logo-64x64.png": 64} {
		f, err := os.Open(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if b := img.Bounds(); b.Dx() != size || b.Dy() != size {
			t.Errorf("%s is %v", file, b)
		}
	}
	// Installing again replaces the kernelspec.
	if _, err := install(filepath.Join(prefix, "share", "jupyter", "kernels"), "go-test", "Go (again)", self); err != nil {
		t.Fatal(err)
	}
	b, _ = os.ReadFile(filepath.Join(dir, "kernel.json"))
	if !bytes.Contains(b, []byte("Go (again)")) {
		t.Errorf("reinstall kept the old kernel.json: %s", b)
	}
}

func TestInstallUserDir(t *testing.T) {
	data := t.TempDir()
	t.Setenv("JUPYTER_DATA_DIR", data)
	if status := dispatch([]string{"install", "--user"}, new(bytes.Buffer), new(bytes.Buffer)); status != 0 {
		t.Fatalf("status %d", status)
	}
	if _, err := os.Stat(filepath.Join(data, "kernels", "gokernel", "kernel.json")); err != nil {
		t.Error(err)
	}
	t.Setenv("JUPYTER_DATA_DIR", "")
	t.Setenv("XDG_DATA_HOME", "/xdg")
	if d, err := userKernelsDir(); err != nil || d != "/xdg/jupyter/kernels" {
		t.Errorf("XDG: %s %v", d, err)
	}
}

func TestInstallSysPrefixUsesPython(t *testing.T) {
	// A fake python reporting its sys.prefix.
	dir := t.TempDir()
	py := filepath.Join(dir, "python")
	prefix := filepath.Join(dir, "env")
	if err := os.WriteFile(py, []byte("#!/bin/sh\necho "+prefix+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GOKERNEL_PYTHON", py)
	if status := dispatch([]string{"install", "--sys-prefix"}, new(bytes.Buffer), new(bytes.Buffer)); status != 0 {
		t.Fatalf("status %d", status)
	}
	if _, err := os.Stat(filepath.Join(prefix, "share", "jupyter", "kernels", "gokernel", "kernel.json")); err != nil {
		t.Error(err)
	}
}

func TestInstallUnwritablePrefix(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o644)
	if status := dispatch([]string{"install", "--prefix", file}, new(bytes.Buffer), new(bytes.Buffer)); status != 1 {
		t.Errorf("status %d, want 1", status)
	}
}
