package main

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"

	"github.com/gokernel/gokernel/kernel"
)

func init() {
	register(command{name: "install", summary: "install the kernelspec (kernel.json and logos) for Jupyter", run: runInstall})
}

var (
	//go:embed logo-32x32.png
	logo32 []byte
	//go:embed logo-64x64.png
	logo64 []byte
)

// kernelNameRE is what jupyter_client accepts as a kernel name.
var kernelNameRE = regexp.MustCompile(`^[a-zA-Z0-9._-]+$`)

// kernelSpec is the content of kernel.json.
type kernelSpec struct {
	Argv          []string       `json:"argv"`
	DisplayName   string         `json:"display_name"`
	Language      string         `json:"language"`
	InterruptMode string         `json:"interrupt_mode"`
	Metadata      map[string]any `json:"metadata"`
}

// runInstall writes the kernelspec into a Jupyter kernels directory:
//
//	--prefix DIR   DIR/share/jupyter/kernels/NAME
//	--user         the user's Jupyter data directory: $JUPYTER_DATA_DIR/kernels,
//	               else ~/Library/Jupyter/kernels on macOS, else
//	               ${XDG_DATA_HOME:-~/.local/share}/jupyter/kernels
//	--sys-prefix   PREFIX/share/jupyter/kernels where PREFIX is sys.prefix of
//	               $GOKERNEL_PYTHON, else of /usr/bin/python3 (Debian's Jupyter),
//	               else of python3 on PATH, else /usr/local
//
// Without any of them it installs for the user.
func runInstall(args []string) error {
	fs := newFlagSet("install")
	user := fs.Bool("user", false, "install for the current user (the default)")
	sysPrefix := fs.Bool("sys-prefix", false, "install into the sys.prefix of the Python that runs Jupyter")
	prefix := fs.String("prefix", "", "install into `DIR`/share/jupyter/kernels")
	name := fs.String("name", "gokernel", "kernelspec `name` (directory name)")
	display := fs.String("display-name", "Go (gokernel)", "`name` frontends show")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	chosen := 0
	for _, b := range []bool{*user, *sysPrefix, *prefix != ""} {
		if b {
			chosen++
		}
	}
	if chosen > 1 {
		return usageError("--user, --sys-prefix and --prefix exclude each other")
	}
	if !kernelNameRE.MatchString(*name) {
		return usageError("--name %q: use letters, digits, '.', '_' and '-' only", *name)
	}
	if strings.TrimSpace(*display) == "" {
		return usageError("--display-name is empty")
	}
	var kernels string
	var err error
	switch {
	case *prefix != "":
		kernels = filepath.Join(*prefix, "share", "jupyter", "kernels")
	case *sysPrefix:
		kernels = filepath.Join(pythonPrefix(), "share", "jupyter", "kernels")
	default:
		kernels, err = userKernelsDir()
	}
	if err != nil {
		return err
	}
	binary, err := os.Executable()
	if err == nil {
		binary, err = filepath.EvalSymlinks(binary)
	}
	if err != nil {
		return fmt.Errorf("locating the gokernel binary: %w", err)
	}
	dir, err := install(kernels, *name, *display, binary)
	if err != nil {
		return err
	}
	fmt.Printf("installed kernelspec %s in %s\n", *name, dir)
	return nil
}

// install writes NAME/kernel.json and the logos under kernels, for the
// gokernel binary at binary (an absolute path), and returns the
// kernelspec directory.
func install(kernels, name, displayName, binary string) (string, error) {
	abs, err := filepath.Abs(binary)
	if err != nil {
		return "", err
	}
	dir := filepath.Join(kernels, name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	spec, err := json.MarshalIndent(kernelSpec{
		Argv:          []string{abs, "kernel", "--connection-file", "{connection_file}"},
		DisplayName:   displayName,
		Language:      "go",
		InterruptMode: "message",
		Metadata:      map[string]any{"debugger": false, "gokernel_version": kernel.Version},
	}, "", "  ")
	if err != nil {
		return "", err
	}
	files := map[string][]byte{
		"kernel.json":    append(spec, '\n'),
		"logo-32x32.png": logo32,
		"logo-64x64.png": logo64,
	}
	for file, data := range files {
		if err := os.WriteFile(filepath.Join(dir, file), data, 0o644); err != nil {
			return "", err
		}
	}
	return dir, nil
}

// userKernelsDir is the user's Jupyter kernels directory, as jupyter_core
// computes it.
func userKernelsDir() (string, error) {
	if d := os.Getenv("JUPYTER_DATA_DIR"); d != "" {
		return filepath.Join(d, "kernels"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	if runtime.GOOS == "darwin" {
		return filepath.Join(home, "Library", "Jupyter", "kernels"), nil
	}
	data := os.Getenv("XDG_DATA_HOME")
	if data == "" {
		data = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(data, "jupyter", "kernels"), nil
}

// pythonPrefix is sys.prefix of the first Python that answers among
// $GOKERNEL_PYTHON, /usr/bin/python3 and python3 on PATH; /usr/local when
// none does.
func pythonPrefix() string {
	for _, py := range []string{os.Getenv("GOKERNEL_PYTHON"), "/usr/bin/python3", "python3"} {
		if py == "" {
			continue
		}
		out, err := exec.Command(py, "-c", "import sys; print(sys.prefix)").Output()
		if p := strings.TrimSpace(string(out)); err == nil && filepath.IsAbs(p) {
			return p
		}
	}
	return "/usr/local"
}
