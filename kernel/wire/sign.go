package wire

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"sync"
)

// Signer signs and verifies messages with HMAC-SHA256. A Signer with an
// empty key signs nothing and accepts any signature, as the protocol
// requires.
type Signer struct {
	key []byte
	// macs holds keyed HMACs ready for reuse: making one costs four
	// allocations and two SHA-256 blocks, and every message needs one.
	macs sync.Pool
}

// NewSigner returns a Signer for key and scheme. The scheme must be
// "hmac-sha256" (or empty, meaning the same).
func NewSigner(scheme string, key []byte) (*Signer, error) {
	if scheme != "" && scheme != "hmac-sha256" {
		return nil, fmt.Errorf("wire: unsupported signature scheme %q", scheme)
	}
	s := &Signer{key: append([]byte(nil), key...)}
	s.macs.New = func() any { return hmac.New(sha256.New, s.key) }
	return s, nil
}

// Enabled reports whether messages are signed.
func (s *Signer) Enabled() bool { return len(s.key) > 0 }

// sum appends the HMAC of parts to b.
func (s *Signer) sum(b []byte, parts [4][]byte) []byte {
	h := s.macs.Get().(hash.Hash)
	h.Reset()
	for _, p := range parts {
		h.Write(p)
	}
	b = h.Sum(b)
	s.macs.Put(h)
	return b
}

// Sign returns the hex signature of the four frames header,
// parent_header, metadata and content; empty when signing is disabled.
func (s *Signer) Sign(parts [4][]byte) []byte {
	if !s.Enabled() {
		return nil
	}
	var buf [sha256.Size]byte
	sum := s.sum(buf[:0], parts)
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
	if hex.DecodedLen(len(sig)) != sha256.Size {
		return false
	}
	var wantBuf, gotBuf [sha256.Size]byte
	want := s.sum(wantBuf[:0], parts)
	if _, err := hex.Decode(gotBuf[:], sig); err != nil {
		return false
	}
	return hmac.Equal(gotBuf[:], want)
}
