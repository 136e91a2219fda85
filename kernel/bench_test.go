package kernel_test

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"github.com/gokernel/gokernel/kernel"
	"github.com/gokernel/gokernel/kernel/kerneltest"
)

// nopInterp runs every cell instantly with no output and no value: what
// is left of an execute is the kernel's own message path.
type nopInterp struct{ *scriptInterp }

func (nopInterp) Execute(context.Context, string, int, kernel.Output) kernel.ExecuteResult {
	return kernel.ExecuteResult{}
}

// BenchmarkExecuteRoundTrip times a trivial execute_request through real
// sockets, from sending it on shell to status idle on IOPub, with the
// reply collected too. Profile the kernel's hot path with
//
//	go test -run '^$' -bench ExecuteRoundTrip -benchtime 10000x \
//	  -cpuprofile cpu.out -blockprofile block.out -mutexprofile mutex.out ./kernel/
func BenchmarkExecuteRoundTrip(b *testing.B) {
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	s := kerneltest.StartConfig(b, kernel.Config{Connection: kerneltest.Loopback(),
		Interpreter: nopInterp{newScriptInterp()}, Logger: quiet})
	content := map[string]any{"code": "x = 1", "silent": false, "store_history": true,
		"user_expressions": map[string]any{}, "allow_stdin": false, "stop_on_error": true}
	run := func() {
		req, err := s.Send(kerneltest.Shell, "execute_request", content)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.IOPub(req, kerneltest.Timeout); err != nil {
			b.Fatal(err)
		}
		if _, err := s.Reply(kerneltest.Shell, req, kerneltest.Timeout); err != nil {
			b.Fatal(err)
		}
	}
	for range 100 {
		run()
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		run()
	}
}
