package transport

import (
	"os"
	"path/filepath"
	"testing"
)

func TestConnectionInfoValidate(t *testing.T) {
	good := ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", SignatureScheme: "hmac-sha256"}
	for name, mutate := range map[string]func(*ConnectionInfo){
		"udp":      func(c *ConnectionInfo) { c.Transport = "udp" },
		"no ip":    func(c *ConnectionInfo) { c.IP = "" },
		"md5":      func(c *ConnectionInfo) { c.SignatureScheme = "hmac-md5" },
		"bad port": func(c *ConnectionInfo) { c.HBPort = 70000 },
		"ipc any":  func(c *ConnectionInfo) { c.Transport = "ipc" },
	} {
		c := good
		mutate(&c)
		if err := c.Validate(); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if err := good.Validate(); err != nil {
		t.Error(err)
	}
}

func TestReadConnectionFile(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.json")
	os.WriteFile(good, []byte(`{"shell_port": 5001, "iopub_port": 5002, "stdin_port": 5003, "control_port": 5004,
		"hb_port": 5005, "ip": "127.0.0.1", "key": "k", "transport": "tcp", "signature_scheme": "hmac-sha256",
		"kernel_name": "gokernel"}`), 0o600)
	info, err := ReadConnectionFile(good)
	if err != nil {
		t.Fatal(err)
	}
	if info.ShellPort != 5001 || info.HBPort != 5005 || info.Key != "k" || info.Endpoint(info.IOPubPort) != "tcp://127.0.0.1:5002" {
		t.Errorf("parsed %+v", info)
	}
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"transport": `), 0o600)
	if _, err := ReadConnectionFile(bad); err == nil {
		t.Error("truncated file accepted")
	}
	if _, err := ReadConnectionFile(filepath.Join(dir, "missing.json")); err == nil {
		t.Error("missing file accepted")
	}
}
