// Package wire implements the Jupyter messaging protocol's wire format:
// message headers, HMAC-SHA256 signing and verification, multipart framing
// with routing identities and the "<IDS|MSG>" delimiter, and a bounded
// history of seen signatures that rejects replayed messages.
//
// Decoding never panics: bad signatures, replays, garbage frames, invalid
// JSON and missing header fields are reported as errors so that the caller
// can log the message and drop it.
package wire
