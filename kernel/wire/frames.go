package wire

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// Delimiter separates the routing identities from the message frames.
var Delimiter = []byte("<IDS|MSG>")

// Errors returned by Decode; wrapped with detail.
var (
	ErrNoDelimiter  = errors.New("wire: no <IDS|MSG> delimiter")
	ErrShort        = errors.New("wire: fewer than five frames after the delimiter")
	ErrBadSignature = errors.New("wire: bad signature")
	ErrReplay       = errors.New("wire: replayed signature")
	ErrMalformed    = errors.New("wire: malformed message")
)

// Codec encodes and decodes messages: it signs outgoing ones and verifies
// and de-duplicates incoming ones. It is safe for concurrent use.
type Codec struct {
	signer  *Signer
	history *History
}

// NewCodec returns a Codec signing with signer and remembering incoming
// signatures in history (nil for a default-size one).
func NewCodec(signer *Signer, history *History) *Codec {
	if history == nil {
		history = NewHistory(DefaultHistory)
	}
	return &Codec{signer: signer, history: history}
}

// Decode parses the frames of one multipart message as they arrived on a
// socket. It checks the signature over the four frames as received, then
// rejects a signature already seen, then parses the JSON. It never panics.
func (c *Codec) Decode(frames [][]byte) (*Message, error) {
	delim := -1
	for i, f := range frames {
		if bytes.Equal(f, Delimiter) {
			delim = i
			break
		}
	}
	if delim < 0 {
		return nil, ErrNoDelimiter
	}
	rest := frames[delim+1:]
	if len(rest) < 5 {
		return nil, fmt.Errorf("%w: %d", ErrShort, len(rest))
	}
	sig := rest[0]
	parts := [4][]byte{rest[1], rest[2], rest[3], rest[4]}
	if !c.signer.Verify(sig, parts) {
		return nil, ErrBadSignature
	}
	if c.signer.Enabled() && !c.history.Add(sig) {
		return nil, ErrReplay
	}
	var err error
	m := &Message{
		Identities: cloneFrames(frames[:delim]),
		RawHeader:  bytes.Clone(rest[1]),
		Buffers:    cloneFrames(rest[5:]),
	}
	if err = json.Unmarshal(rest[1], &m.Header); err != nil {
		return nil, fmt.Errorf("%w: header: %v", ErrMalformed, err)
	}
	if m.Header.MsgID == "" || m.Header.MsgType == "" {
		return nil, fmt.Errorf("%w: header lacks msg_id or msg_type", ErrMalformed)
	}
	if !isObject(rest[2]) {
		return nil, fmt.Errorf("%w: parent_header is not a JSON object", ErrMalformed)
	}
	m.ParentHeader = bytes.Clone(rest[2])
	if m.Metadata, err = decodeMetadata(rest[3]); err != nil {
		return nil, err
	}
	if !isObject(rest[4]) {
		return nil, fmt.Errorf("%w: content is not a JSON object", ErrMalformed)
	}
	m.Content = bytes.Clone(rest[4])
	return m, nil
}

// Encode returns the frames of m: identities, delimiter, signature,
// header, parent_header, metadata, content and buffers. A nil Content is
// sent as "{}".
func (c *Codec) Encode(m *Message) ([][]byte, error) {
	header := m.Header.appendJSON(make([]byte, 0, 256))
	m.RawHeader = header
	parent := []byte(m.ParentHeader)
	if len(parent) == 0 {
		parent = emptyObject
	}
	meta := emptyObject
	if len(m.Metadata) > 0 {
		var err error
		if meta, err = json.Marshal(m.Metadata); err != nil {
			return nil, err
		}
	}
	content := []byte(m.Content)
	if len(content) == 0 {
		content = emptyObject
	}
	parts := [4][]byte{header, parent, meta, content}
	frames := make([][]byte, 0, len(m.Identities)+6+len(m.Buffers))
	frames = append(frames, m.Identities...)
	frames = append(frames, Delimiter, c.signer.Sign(parts))
	frames = append(frames, parts[:]...)
	frames = append(frames, m.Buffers...)
	return frames, nil
}

// isObject reports whether b is one valid JSON object.
func isObject(b []byte) bool {
	t := bytes.TrimLeft(b, " \t\r\n")
	return len(t) > 0 && t[0] == '{' && json.Valid(b)
}

// decodeMetadata parses a metadata frame; the usual "{}" costs one small
// map.
func decodeMetadata(b []byte) (map[string]any, error) {
	if string(bytes.TrimSpace(b)) == "{}" {
		return map[string]any{}, nil
	}
	var meta map[string]any
	if err := json.Unmarshal(b, &meta); err != nil || meta == nil {
		return nil, fmt.Errorf("%w: metadata is not a JSON object", ErrMalformed)
	}
	return meta, nil
}

func cloneFrames(fs [][]byte) [][]byte {
	if len(fs) == 0 {
		return nil
	}
	out := make([][]byte, len(fs))
	for i, f := range fs {
		out[i] = bytes.Clone(f)
	}
	return out
}
