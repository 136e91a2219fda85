package wire

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// realMessages loads messages serialized by jupyter_client's Session with
// the key "fuzz-key", one frame per line.
func realMessages(t testing.TB) map[string][][]byte {
	t.Helper()
	paths, err := filepath.Glob("testdata/messages/*.frames")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no seed messages: %v", err)
	}
	out := map[string][][]byte{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(p)] = bytes.Split(b, []byte("\n"))
	}
	return out
}

func newCodec(t testing.TB, key string) *Codec {
	t.Helper()
	s, err := NewSigner("hmac-sha256", []byte(key))
	if err != nil {
		t.Fatal(err)
	}
	return NewCodec(s, NewHistory(16))
}

func TestDecodeRealMessages(t *testing.T) {
	c := newCodec(t, "fuzz-key")
	for name, frames := range realMessages(t) {
		m, err := c.Decode(frames)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if m.Header.MsgType == "" || m.Header.Session == "" || len(m.Identities) == 0 {
			t.Errorf("%s: incomplete decode %+v", name, m.Header)
		}
		if !bytes.Equal(m.RawHeader, frames[len(m.Identities)+2]) {
			t.Errorf("%s: raw header differs from the frame", name)
		}
	}
}

func TestDecodeRejects(t *testing.T) {
	good := realMessages(t)["01-execute_request.frames"]
	with := func(i int, b string) [][]byte {
		f := cloneFrames(good)
		f[i] = []byte(b)
		return f
	}
	// good = [identity, delimiter, signature, header, parent, metadata, content]
	tests := []struct {
		name   string
		frames [][]byte
		want   error
	}{
		{"no frames", nil, ErrNoDelimiter},
		{"garbage", [][]byte{[]byte("\xff\x00garbage")}, ErrNoDelimiter},
		{"short", good[:5], ErrShort},
		{"bad signature", with(2, "0000"), ErrBadSignature},
		{"signature not hex", with(2, "zz"), ErrBadSignature},
		{"missing signature", with(2, ""), ErrBadSignature},
		{"tampered content", with(6, `{"code":"os.Exit(1)"}`), ErrBadSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newCodec(t, "fuzz-key")
			if _, err := c.Decode(tt.frames); !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
		})
	}
}

func TestDecodeRejectsMalformedSignedJSON(t *testing.T) {
	valid := `{"msg_id":"1","msg_type":"execute_request","session":"s","username":"u","date":"","version":"5.3"}`
	tests := []struct {
		name                              string
		header, parent, metadata, content string
	}{
		{"invalid header JSON", `{"msg_id":`, `{}`, `{}`, `{}`},
		{"header is an array", `[]`, `{}`, `{}`, `{}`},
		{"missing msg_id", `{"msg_type":"execute_request"}`, `{}`, `{}`, `{}`},
		{"missing msg_type", `{"msg_id":"1"}`, `{}`, `{}`, `{}`},
		{"parent not object", valid, `null`, `{}`, `{}`},
		{"metadata not object", valid, `{}`, `7`, `{}`},
		{"content not object", valid, `{}`, `{}`, `"x"`},
		{"content invalid", valid, `{}`, `{}`, `{"code":`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newCodec(t, "k")
			parts := [4][]byte{[]byte(tt.header), []byte(tt.parent), []byte(tt.metadata), []byte(tt.content)}
			frames := [][]byte{Delimiter, c.signer.Sign(parts), parts[0], parts[1], parts[2], parts[3]}
			if _, err := c.Decode(frames); !errors.Is(err, ErrMalformed) {
				t.Fatalf("got %v, want ErrMalformed", err)
			}
		})
	}
}

func TestDecodeRejectsReplay(t *testing.T) {
	c := newCodec(t, "fuzz-key")
	frames := realMessages(t)["00-kernel_info_request.frames"]
	if _, err := c.Decode(frames); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Decode(frames); !errors.Is(err, ErrReplay) {
		t.Fatalf("replay: got %v, want ErrReplay", err)
	}
}

func TestHistoryIsBounded(t *testing.T) {
	h := NewHistory(2)
	for _, s := range []string{"a", "b", "c"} {
		if !h.Add([]byte(s)) {
			t.Fatalf("%s reported as seen", s)
		}
	}
	if h.Add([]byte("c")) {
		t.Error("c accepted twice")
	}
	if !h.Add([]byte("a")) {
		t.Error("a should have been forgotten")
	}
	if len(h.seen) != 2 {
		t.Errorf("history holds %d signatures, want 2", len(h.seen))
	}
}

func TestUnsignedWhenKeyEmpty(t *testing.T) {
	c := newCodec(t, "")
	m := New("sess", "status", nil)
	frames, err := c.Encode(m)
	if err != nil {
		t.Fatal(err)
	}
	if len(frames[1]) != 0 {
		t.Errorf("signature %q, want empty", frames[1])
	}
	// An unsigned codec accepts the same message twice.
	for range 2 {
		if _, err := c.Decode(frames); err != nil {
			t.Fatal(err)
		}
	}
}

func TestEncodeRoundTrip(t *testing.T) {
	c := newCodec(t, "secret")
	parent := json.RawMessage(`{"msg_id":"p","msg_type":"execute_request"}`)
	m := New("sess", "execute_reply", parent)
	m.Identities = [][]byte{[]byte("id1"), []byte("id2")}
	if err := m.SetContent(map[string]any{"status": "ok", "execution_count": 3}); err != nil {
		t.Fatal(err)
	}
	frames, err := c.Encode(m)
	if err != nil {
		t.Fatal(err)
	}
	got, err := newCodec(t, "secret").Decode(frames)
	if err != nil {
		t.Fatal(err)
	}
	if got.Header != m.Header || string(got.ParentHeader) != string(parent) || len(got.Identities) != 2 {
		t.Errorf("round trip changed the message: %+v", got)
	}
	var content struct {
		Count int `json:"execution_count"`
	}
	if err := got.Unmarshal(&content); err != nil || content.Count != 3 {
		t.Errorf("content %s: %v", got.Content, err)
	}
}

func TestNewMessageHeader(t *testing.T) {
	a, b := New("s", "status", nil), New("s", "status", nil)
	if a.Header.MsgID == b.Header.MsgID {
		t.Error("msg_id reused")
	}
	uuid := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	if !uuid.MatchString(a.Header.MsgID) {
		t.Errorf("msg_id %q is not a UUID", a.Header.MsgID)
	}
	iso := regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$`)
	if !iso.MatchString(a.Header.Date) {
		t.Errorf("date %q is not ISO 8601", a.Header.Date)
	}
	if string(a.ParentHeader) != "{}" {
		t.Errorf("parentless parent_header %s, want {}", a.ParentHeader)
	}
}

func TestUnsupportedScheme(t *testing.T) {
	if _, err := NewSigner("hmac-md5", []byte("k")); err == nil {
		t.Error("hmac-md5 accepted")
	}
}
