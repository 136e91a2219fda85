package kernel_test

import (
	"context"
	"testing"

	"github.com/gokernel/gokernel/kernel"
	"github.com/gokernel/gokernel/kernel/kerneltest"
)

func TestKernelInfo(t *testing.T) {
	for _, ch := range []kerneltest.Channel{kerneltest.Shell, kerneltest.Control} {
		t.Run(ch.String(), func(t *testing.T) {
			s := kerneltest.Start(t, newScriptInterp())
			x := do(t, s, ch, "kernel_info_request", map[string]any{}, false)
			if x.reply.Header.MsgType != "kernel_info_reply" {
				t.Fatalf("reply %s", x.reply.Header.MsgType)
			}
			c := content(x.reply)
			for key, want := range map[string]any{
				"status": "ok", "protocol_version": "5.3", "implementation": "gokernel",
				"implementation_version": kernel.Version,
			} {
				if c[key] != want {
					t.Errorf("%s = %v, want %v", key, c[key], want)
				}
			}
			li, _ := c["language_info"].(map[string]any)
			for key, want := range map[string]any{
				"name": "go", "mimetype": "text/x-go", "file_extension": ".go",
				"pygments_lexer": "go", "codemirror_mode": "go",
			} {
				if li[key] != want {
					t.Errorf("language_info.%s = %v, want %v", key, li[key], want)
				}
			}
			if v, _ := li["version"].(string); v == "" {
				t.Error("no language version")
			}
			if b, _ := c["banner"].(string); b == "" {
				t.Error("no banner")
			}
			if links, _ := c["help_links"].([]any); len(links) == 0 {
				t.Error("no help_links")
			}
			if got := types(x.iopub); len(got) != 2 {
				t.Errorf("IOPub %v, want busy, idle", got)
			}
		})
	}
}

// TestKernelInfoSent: the channel closes with the first
// kernel_info_reply, not before.
func TestKernelInfoSent(t *testing.T) {
	k, err := kernel.New(kernelConfig(kerneltest.Loopback()))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); _, _ = k.Run(ctx) }()
	defer func() { cancel(); <-done }()
	select {
	case <-k.KernelInfoSent():
		t.Fatal("closed before any kernel_info_request")
	default:
	}
	f, err := kerneltest.Dial(k.Connection()) // sends kernel_info_request
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	select {
	case <-k.KernelInfoSent():
	default:
		t.Fatal("still open after a kernel_info_reply")
	}
}
