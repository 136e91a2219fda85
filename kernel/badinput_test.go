package kernel_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel/kerneltest"
	"github.com/gokernel/gokernel/kernel/wire"
)

// signed builds frames from raw JSON parts, signed with the kernel's key.
func signed(t *testing.T, s *kerneltest.Server, header, parent, metadata, content string) [][]byte {
	t.Helper()
	signer, err := wire.NewSigner("hmac-sha256", []byte(s.Info.Key))
	if err != nil {
		t.Fatal(err)
	}
	parts := [4][]byte{[]byte(header), []byte(parent), []byte(metadata), []byte(content)}
	return [][]byte{wire.Delimiter, signer.Sign(parts), parts[0], parts[1], parts[2], parts[3]}
}

// valid returns the frames of a good kernel_info_request.
func valid(t *testing.T, s *kerneltest.Server) [][]byte {
	t.Helper()
	msg, err := s.NewMessage("kernel_info_request", map[string]any{})
	if err != nil {
		t.Fatal(err)
	}
	frames, err := s.Encode(msg)
	if err != nil {
		t.Fatal(err)
	}
	return frames
}

func TestBadInputIsDroppedAndKernelAnswersAfter(t *testing.T) {
	header := `{"msg_id":"m1","session":"s","username":"u","date":"2026-01-01T00:00:00Z","msg_type":"kernel_info_request","version":"5.3"}`
	tests := []struct {
		name   string
		frames func(t *testing.T, s *kerneltest.Server) [][]byte
	}{
		{"bad signature", func(t *testing.T, s *kerneltest.Server) [][]byte {
			f := valid(t, s)
			f[1] = bytes.Repeat([]byte("0"), 64)
			return f
		}},
		{"missing signature", func(t *testing.T, s *kerneltest.Server) [][]byte {
			f := valid(t, s)
			f[1] = nil
			return f
		}},
		{"signed with another key", func(t *testing.T, s *kerneltest.Server) [][]byte {
			f := valid(t, s)
			other, _ := wire.NewSigner("hmac-sha256", []byte("not the key"))
			f[1] = other.Sign([4][]byte{f[2], f[3], f[4], f[5]})
			return f
		}},
		{"tampered content", func(t *testing.T, s *kerneltest.Server) [][]byte {
			f := valid(t, s)
			f[5] = []byte(`{"evil":true}`)
			return f
		}},
		{"garbage frame", func(t *testing.T, s *kerneltest.Server) [][]byte {
			return [][]byte{{0xff, 0xfe, 0x00, 'x'}}
		}},
		{"no delimiter", func(t *testing.T, s *kerneltest.Server) [][]byte {
			return valid(t, s)[1:]
		}},
		{"too few frames", func(t *testing.T, s *kerneltest.Server) [][]byte {
			return valid(t, s)[:4]
		}},
		{"invalid JSON header", func(t *testing.T, s *kerneltest.Server) [][]byte {
			return signed(t, s, `{"msg_id":`, `{}`, `{}`, `{}`)
		}},
		{"header missing msg_type", func(t *testing.T, s *kerneltest.Server) [][]byte {
			return signed(t, s, `{"msg_id":"m2","session":"s"}`, `{}`, `{}`, `{}`)
		}},
		{"header missing msg_id", func(t *testing.T, s *kerneltest.Server) [][]byte {
			return signed(t, s, `{"msg_type":"kernel_info_request","session":"s"}`, `{}`, `{}`, `{}`)
		}},
		{"invalid JSON content", func(t *testing.T, s *kerneltest.Server) [][]byte {
			return signed(t, s, header, `{}`, `{}`, `{"code":`)
		}},
		{"content not an object", func(t *testing.T, s *kerneltest.Server) [][]byte {
			return signed(t, s, header, `{}`, `{}`, `[1,2]`)
		}},
		{"metadata not an object", func(t *testing.T, s *kerneltest.Server) [][]byte {
			return signed(t, s, header, `{}`, `null`, `{}`)
		}},
		{"binary noise", func(t *testing.T, s *kerneltest.Server) [][]byte {
			noise := make([]byte, 4096)
			for i := range noise {
				noise[i] = byte(i * 7)
			}
			return [][]byte{noise, wire.Delimiter, noise, noise, noise, noise, noise}
		}},
	}
	// One kernel per channel takes every bad input in turn.
	for _, ch := range []kerneltest.Channel{kerneltest.Shell, kerneltest.Control, kerneltest.Stdin} {
		s := kerneltest.Start(t, newScriptInterp())
		for _, tt := range tests {
			t.Run(ch.String()+"/"+tt.name, func(t *testing.T) {
				if err := s.SendFrames(ch, tt.frames(t, s)); err != nil {
					t.Fatal(err)
				}
				expectSilence(t, s, ch)
				alive(t, s)
			})
		}
	}
}

func TestReplayedMessageIsDropped(t *testing.T) {
	s := kerneltest.Start(t, newScriptInterp())
	frames := valid(t, s)
	if err := s.SendFrames(kerneltest.Shell, frames); err != nil {
		t.Fatal(err)
	}
	if m, err := s.Next(kerneltest.Shell, kerneltest.Timeout); err != nil || m.Header.MsgType != "kernel_info_reply" {
		t.Fatalf("original message not answered: %v", err)
	}
	time.Sleep(50 * time.Millisecond)
	s.Flush()
	if err := s.SendFrames(kerneltest.Shell, frames); err != nil {
		t.Fatal(err)
	}
	expectSilence(t, s, kerneltest.Shell)
	alive(t, s)
}

func TestUnsignedKernelAcceptsUnsignedMessages(t *testing.T) {
	info := kerneltest.Loopback()
	info.Key = ""
	s := kerneltest.StartConfig(t, kernelConfig(info))
	alive(t, s)
}

func TestUnknownMessageTypes(t *testing.T) {
	tests := []struct {
		ch        kerneltest.Channel
		msgType   string
		replyType string // "" when no reply is expected
	}{
		{kerneltest.Shell, "frobnicate_request", "frobnicate_reply"},
		{kerneltest.Shell, "interrupt_request", "interrupt_reply"}, // control only
		{kerneltest.Control, "execute_request", "execute_reply"},   // shell only
		{kerneltest.Control, "debug_request", "debug_reply"},
		{kerneltest.Shell, "frobnicate", ""},
	}
	for _, tt := range tests {
		t.Run(tt.ch.String()+"/"+tt.msgType, func(t *testing.T) {
			s := kerneltest.Start(t, newScriptInterp())
			x := do(t, s, tt.ch, tt.msgType, map[string]any{"code": "value 1"}, tt.replyType == "")
			if tt.replyType != "" {
				c := content(x.reply)
				if x.reply.Header.MsgType != tt.replyType || c["status"] != "error" || c["ename"] != "UnknownMessageType" {
					t.Errorf("reply %s %v", x.reply.Header.MsgType, c)
				}
			}
			if len(x.iopub) != 2 {
				t.Errorf("IOPub %v, want busy, idle", types(x.iopub))
			}
			alive(t, s)
		})
	}
}

// expectSilence checks that the kernel sends nothing for a while.
func expectSilence(t *testing.T, s *kerneltest.Server, ch kerneltest.Channel) {
	t.Helper()
	if m, err := s.Next(ch, 100*time.Millisecond); err == nil {
		t.Errorf("kernel answered bad input on %s: %s", ch, m.Header.MsgType)
	}
	if m, err := s.NextIOPub(10 * time.Millisecond); err == nil {
		t.Errorf("kernel published for bad input: %s", m.Header.MsgType)
	}
}

// alive checks that the kernel still answers on every channel.
func alive(t *testing.T, s *kerneltest.Server) {
	t.Helper()
	for _, ch := range []kerneltest.Channel{kerneltest.Shell, kerneltest.Control} {
		x := do(t, s, ch, "kernel_info_request", map[string]any{}, false)
		if x.reply.Header.MsgType != "kernel_info_reply" {
			t.Fatalf("%s: %s", ch, x.reply.Header.MsgType)
		}
	}
	x := do(t, s, kerneltest.Shell, "execute_request", map[string]any{"code": "value ok"}, false)
	if content(x.reply)["status"] != "ok" {
		t.Fatalf("execute after bad input: %v", content(x.reply))
	}
	if err := s.Ping(time.Second); err != nil {
		t.Fatal(err)
	}
}
