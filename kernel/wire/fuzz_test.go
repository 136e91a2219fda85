package wire

import (
	"bytes"
	"testing"
)

// FuzzDecode feeds arbitrary frames (one per line) to a signing and to a
// non-signing codec. Decoding must never panic, and whatever decodes must
// encode and decode again to the same header.
func FuzzDecode(f *testing.F) {
	for _, frames := range realMessages(f) {
		f.Add(bytes.Join(frames, []byte("\n")))
		// The same message without a signature exercises the JSON checks.
		unsigned := cloneFrames(frames)
		for i, fr := range unsigned {
			if bytes.Equal(fr, Delimiter) && i+1 < len(unsigned) {
				unsigned[i+1] = nil
			}
		}
		f.Add(bytes.Join(unsigned, []byte("\n")))
	}
	signer, _ := NewSigner("hmac-sha256", []byte("fuzz-key"))
	open, _ := NewSigner("", nil)
	f.Fuzz(func(t *testing.T, data []byte) {
		frames := bytes.Split(data, []byte("\n"))
		for _, c := range []*Codec{NewCodec(signer, NewHistory(4)), NewCodec(open, NewHistory(4))} {
			m, err := c.Decode(frames)
			if err != nil {
				continue
			}
			out, err := c.Encode(m)
			if err != nil {
				t.Fatalf("re-encode: %v", err)
			}
			again, err := NewCodec(c.signer, nil).Decode(out)
			if err != nil {
				t.Fatalf("decode of re-encoded message: %v", err)
			}
			if again.Header != m.Header {
				t.Fatalf("header changed: %+v vs %+v", again.Header, m.Header)
			}
		}
	})
}
