package engine

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/gomod"
	"github.com/gokernel/gokernel/gomod/gomodtest"
	"github.com/gokernel/gokernel/kernel/kerneltest"
)

// executeThroughKernel runs code through the real kernel's sockets and
// returns the execute_reply's content, the cell's stderr stream and its
// result's data.
func executeThroughKernel(t *testing.T, s *kerneltest.Server, code string) (map[string]any, string, map[string]any) {
	t.Helper()
	rep, msgs := executeThrough(t, s, code)
	var stderr strings.Builder
	var result map[string]any
	for _, m := range msgs {
		c := kerneltest.Content(m)
		switch {
		case m.Header.MsgType == "stream" && c["name"] == "stderr":
			stderr.WriteString(c["text"].(string))
		case m.Header.MsgType == "execute_result":
			result, _ = c["data"].(map[string]any)
		}
	}
	return rep, stderr.String(), result
}

// TestImportModuleThroughKernel: through a real kernel, a first import
// shows its download and works; a package that cannot be interpreted
// fails with an ImportError reply and the kernel carries on.
func TestImportModuleThroughKernel(t *testing.T) {
	url, _ := gomodtest.Proxy(t)
	gomodtest.Env(t, url)
	t.Chdir(t.TempDir())
	s := kerneltest.Start(t, newEngine(t))
	rep, stderr, result := executeThroughKernel(t, s, "import \"example.com/shout\"\nshout.Hello(\"kernel\")")
	if rep["status"] != "ok" || result["text/plain"] != "HELLO, KERNEL" {
		t.Fatalf("reply %v, result %v, stderr %q", rep, result, stderr)
	}
	if !strings.Contains(stderr, "go: downloading example.com/shout v1.0.0 (") {
		t.Fatalf("stderr %q", stderr)
	}
	rep, _, _ = executeThroughKernel(t, s, "import \"example.com/fastsum\"")
	if rep["status"] != "error" || rep["ename"] != kindImport.String() || !strings.Contains(rep["evalue"].(string), "example.com/fastsum@v1.0.0/sum.go:5") {
		t.Fatalf("reply %v", rep)
	}
	rep, stderr, result = executeThroughKernel(t, s, "shout.Hello(\"again\")")
	if rep["status"] != "ok" || result["text/plain"] != "HELLO, AGAIN" || stderr != "" {
		t.Fatalf("reply %v, result %v, stderr %q", rep, result, stderr)
	}
}

// TestImportModuleFromRealProxy imports two modules of the public module
// proxy in one cell and uses them there; skipped when the proxy (GOPROXY
// of the environment) cannot be reached.
func TestImportModuleFromRealProxy(t *testing.T) {
	if testing.Short() {
		t.Skip("network")
	}
	t.Setenv("GOMODCACHE", t.TempDir())
	t.Setenv("GOFLAGS", "")
	t.Chdir(t.TempDir())
	cfg := gomod.ConfigFromEnv(nil)
	probe, err := gomod.New(cfg)
	if err != nil {
		t.Skipf("module configuration: %v", err)
	}
	if _, err := probe.Require(context.Background(), "github.com/pkg/errors", "v0.9.1"); err != nil {
		t.Skipf("the module proxy cannot be reached: %v", err)
	}
	e := newEngine(t)
	code := `import (
	"github.com/google/uuid"
	"github.com/pkg/errors"
)
id := uuid.NewSHA1(uuid.NameSpaceURL, []byte("https://go.dev"))
err := errors.Wrap(errors.New("disk full"), "saving "+id.String()[:8])
err.Error()`
	res, out := run(t, e, code)
	if got, want := plain(res), "saving "+uuidV5URL("https://go.dev")[:8]+": disk full"; got != want {
		t.Fatalf("result %q, want %q", got, want)
	}
	progress := out.Text("stderr")
	for _, m := range []string{"go: downloading github.com/google/uuid v", "go: downloading github.com/pkg/errors v"} {
		if !strings.Contains(progress, m) {
			t.Errorf("stderr %q lacks %q", progress, m)
		}
	}
}

// uuidV5URL is the name-based (SHA-1) UUID of name in the URL namespace
// (RFC 4122, section 4.3), in its string form.
func uuidV5URL(name string) string {
	ns, _ := hex.DecodeString("6ba7b8119dad11d180b400c04fd430c8")
	h := sha1.Sum(append(ns, name...))
	u := h[:16]
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	x := hex.EncodeToString(u)
	return x[:8] + "-" + x[8:12] + "-" + x[12:16] + "-" + x[16:20] + "-" + x[20:]
}
