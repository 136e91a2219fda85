package wire

import (
	"encoding/json"
	"time"
)

// ProtocolVersion is the version of the messaging protocol spoken.
const ProtocolVersion = "5.3"

// Header is a message header (and, raw, a parent header).
type Header struct {
	MsgID    string `json:"msg_id"`
	Session  string `json:"session"`
	Username string `json:"username"`
	Date     string `json:"date"`
	MsgType  string `json:"msg_type"`
	Version  string `json:"version"`
}

// Message is one decoded Jupyter message.
type Message struct {
	// Identities are the routing frames before the delimiter.
	Identities [][]byte
	// Header is the parsed header.
	Header Header
	// RawHeader is the header frame exactly as it arrived (or was
	// encoded); replies use it as their parent_header.
	RawHeader json.RawMessage
	// ParentHeader is the parent_header frame, "{}" when there is none.
	ParentHeader json.RawMessage
	// Metadata is the metadata object.
	Metadata map[string]any
	// Content is the content frame, a JSON object.
	Content json.RawMessage
	// Buffers are the extra binary frames after content.
	Buffers [][]byte
}

// emptyObject is the JSON of a parentless message's parent_header.
var emptyObject = json.RawMessage("{}")

// New builds an outgoing message of type msgType in session with a fresh
// msg_id and the current date. parent is the raw header of the message it
// answers; nil or empty gives the parentless "{}". content is marshalled
// to JSON by Encode.
func New(session, msgType string, parent json.RawMessage) *Message {
	if len(parent) == 0 {
		parent = emptyObject
	}
	return &Message{
		Header: Header{
			MsgID:    NewID(),
			Session:  session,
			Username: "kernel",
			Date:     time.Now().UTC().Format("2006-01-02T15:04:05.000000Z07:00"),
			MsgType:  msgType,
			Version:  ProtocolVersion,
		},
		ParentHeader: parent,
	}
}

// SetContent marshals v as the message content.
func (m *Message) SetContent(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	m.Content = b
	return nil
}

// Unmarshal decodes the content into v.
func (m *Message) Unmarshal(v any) error {
	return json.Unmarshal(m.Content, v)
}
