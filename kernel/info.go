package kernel

import (
	"runtime"
	"strings"

	"github.com/gokernel/gokernel/kernel/wire"
)

// Version is gokernel's version, reported as implementation_version.
const Version = "0.1.0"

// LanguageInfo is the language_info of kernel_info_reply, which notebooks
// also carry in their metadata: Go, at the version of the standard library
// that gokernel was built with (the packages cells import).
func LanguageInfo() map[string]any {
	return map[string]any{
		"name":            "go",
		"version":         strings.TrimPrefix(runtime.Version(), "go"),
		"mimetype":        "text/x-go",
		"file_extension":  ".go",
		"pygments_lexer":  "go",
		"codemirror_mode": "go",
	}
}

// kernelInfo answers kernel_info_request (on shell and on control).
func (k *Kernel) kernelInfo(r *request) {
	goVersion := strings.TrimPrefix(runtime.Version(), "go")
	k.infoSentOnce.Do(func() { close(k.infoSent) })
	k.reply(r, "kernel_info_reply", map[string]any{
		"status":                 "ok",
		"protocol_version":       wire.ProtocolVersion,
		"implementation":         "gokernel",
		"implementation_version": Version,
		"language_info":          LanguageInfo(),
		"banner": "gokernel " + Version + " — Go " + goVersion +
			" interpreted by yaegi, with gonum, gonum/plot, nnlib and display preloaded",
		"help_links": []map[string]string{
			{"text": "Go documentation", "url": "https://go.dev/doc/"},
			{"text": "Go standard library", "url": "https://pkg.go.dev/std"},
			{"text": "gonum", "url": "https://pkg.go.dev/gonum.org/v1/gonum"},
			{"text": "yaegi", "url": "https://github.com/traefik/yaegi"},
		},
		"debugger": false,
	})
}
