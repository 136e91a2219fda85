package transport

import (
	"encoding/json"
	"fmt"
	"os"
)

// ConnectionInfo is the content of a Jupyter connection file.
type ConnectionInfo struct {
	Transport       string `json:"transport"`
	IP              string `json:"ip"`
	ShellPort       int    `json:"shell_port"`
	ControlPort     int    `json:"control_port"`
	IOPubPort       int    `json:"iopub_port"`
	StdinPort       int    `json:"stdin_port"`
	HBPort          int    `json:"hb_port"`
	Key             string `json:"key"`
	SignatureScheme string `json:"signature_scheme"`
	KernelName      string `json:"kernel_name,omitempty"`
}

// ReadConnectionFile parses the connection file at path and checks it.
func ReadConnectionFile(path string) (ConnectionInfo, error) {
	var info ConnectionInfo
	b, err := os.ReadFile(path)
	if err != nil {
		return info, err
	}
	if err := json.Unmarshal(b, &info); err != nil {
		return info, fmt.Errorf("connection file %s: %w", path, err)
	}
	if err := info.Validate(); err != nil {
		return info, fmt.Errorf("connection file %s: %w", path, err)
	}
	return info, nil
}

// Validate reports what is wrong with the connection information. A port
// of 0 means "any free port" (tcp only).
func (c ConnectionInfo) Validate() error {
	switch c.Transport {
	case "tcp", "ipc":
	default:
		return fmt.Errorf("transport %q: want tcp or ipc", c.Transport)
	}
	if c.IP == "" {
		return fmt.Errorf("no ip")
	}
	if c.SignatureScheme != "" && c.SignatureScheme != "hmac-sha256" {
		return fmt.Errorf("signature_scheme %q: only hmac-sha256 is supported", c.SignatureScheme)
	}
	for _, p := range []int{c.ShellPort, c.ControlPort, c.IOPubPort, c.StdinPort, c.HBPort} {
		if p < 0 || p > 65535 || (p == 0 && c.Transport == "ipc") {
			return fmt.Errorf("bad port %d", p)
		}
	}
	return nil
}

// Endpoint is the ZeroMQ address of port: tcp://ip:port, or for ipc the
// path ip-port as jupyter_client names it.
func (c ConnectionInfo) Endpoint(port int) string {
	if c.Transport == "ipc" {
		return fmt.Sprintf("ipc://%s-%d", c.IP, port)
	}
	return fmt.Sprintf("tcp://%s:%d", c.IP, port)
}
