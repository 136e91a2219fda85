package wire

import "encoding/json"

// appendJSON appends the header as encoding/json would marshal it, byte
// for byte, without reflection: it is encoded for every message sent.
func (h *Header) appendJSON(b []byte) []byte {
	b = append(b, `{"msg_id":`...)
	b = appendJSONString(b, h.MsgID)
	b = append(b, `,"session":`...)
	b = appendJSONString(b, h.Session)
	b = append(b, `,"username":`...)
	b = appendJSONString(b, h.Username)
	b = append(b, `,"date":`...)
	b = appendJSONString(b, h.Date)
	b = append(b, `,"msg_type":`...)
	b = appendJSONString(b, h.MsgType)
	b = append(b, `,"version":`...)
	b = appendJSONString(b, h.Version)
	return append(b, '}')
}

// appendJSONString appends s as a JSON string. Printable ASCII that
// encoding/json leaves alone is copied; anything else (escapes, HTML
// characters, non-ASCII, invalid UTF-8) is left to encoding/json.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s) // a string always marshals
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}
