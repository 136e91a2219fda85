package kernel_test

import (
	"path/filepath"
	"testing"

	"github.com/gokernel/gokernel/kernel/kerneltest"
)

func TestIPCTransport(t *testing.T) {
	info := kerneltest.Loopback()
	info.Transport = "ipc"
	info.IP = filepath.Join(t.TempDir(), "kernel")
	info.ShellPort, info.ControlPort, info.IOPubPort, info.StdinPort, info.HBPort = 1, 2, 3, 4, 5
	s := kerneltest.StartConfig(t, kernelConfig(info))
	if got := s.Info.Endpoint(s.Info.ShellPort); got != "ipc://"+info.IP+"-1" {
		t.Errorf("endpoint %s", got)
	}
	alive(t, s)
}
