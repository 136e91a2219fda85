package wire

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
)

// Signer signs and verifies messages with HMAC-SHA256. A Signer with an
// empty key signs nothing and accepts any signature, as the protocol
// requires.
type Signer struct {
	key []byte
}

// NewSigner returns a Signer for key and scheme. The scheme must be
// "hmac-sha256" (or empty, meaning the same).
func NewSigner(scheme string, key []byte) (*Signer, error) {
	if scheme != "" && scheme != "hmac-sha256" {
		return nil, fmt.Errorf("wire: unsupported signature scheme %q", scheme)
	}
	return &Signer{key: append([]byte(nil), key...)}, nil
}

// Enabled reports whether messages are signed.
func (s *Signer) Enabled() bool { return len(s.key) > 0 }

func (s *Signer) mac(parts [4][]byte) hash.Hash {
	h := hmac.New(sha256.New, s.key)
	for _, p := range parts {
		h.Write(p)
	}
	return h
}

// Sign returns the hex signature of the four frames header,
// parent_header, metadata and content; empty when signing is disabled.
func (s *Signer) Sign(parts [4][]byte) []byte {
	if !s.Enabled() {
		return nil
	}
	sum := s.mac(parts).Sum(nil)
	out := make([]byte, hex.EncodedLen(len(sum)))
	hex.Encode(out, sum)
	return out
}

// Verify reports whether sig is the signature of parts, comparing in
// constant time. With signing disabled every signature is accepted.
func (s *Signer) Verify(sig []byte, parts [4][]byte) bool {
	if !s.Enabled() {
		return true
	}
	want := s.mac(parts).Sum(nil)
	got := make([]byte, hex.DecodedLen(len(sig)))
	n, err := hex.Decode(got, sig)
	if err != nil || n != len(want) {
		return false
	}
	return hmac.Equal(got, want)
}
