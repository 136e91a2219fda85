package transport

// ZMTP 3 framing, as far as a writer needs it to know where a message
// ends: the stream starts with a 64-byte greeting; then come frames, each
// a flags byte (bit 0: more frames follow, bit 1: 8-byte length, bit 2:
// command), a 1- or 8-byte big-endian length and the body. A message (or
// a command) ends with the body of a frame whose "more" bit is clear.
const (
	zmtpGreetingLen = 64
	zmtpMore        = 0x01
	zmtpLong        = 0x02
)

// frameScanner follows a ZMTP byte stream written in arbitrary pieces
// and finds the ends of messages.
type frameScanner struct {
	greeted bool
	// phase of the frame being read: its flags byte, its length bytes,
	// or its body.
	phase     scanPhase
	flags     byte
	lenBytes  int    // length bytes still to read
	length    uint64 // accumulated length
	remaining uint64 // body bytes still to read (or greeting bytes)
}

type scanPhase int

const (
	phaseFlags scanPhase = iota
	phaseLength
	phaseBody
)

// scan consumes p and returns the offset just past the last message end
// in p, or -1 when no message ends in p.
func (s *frameScanner) scan(p []byte) int {
	last := -1
	i := 0
	if !s.greeted {
		if s.remaining == 0 {
			s.remaining = zmtpGreetingLen
		}
		n := min(uint64(len(p)), s.remaining)
		s.remaining -= n
		i = int(n)
		if s.remaining > 0 {
			return -1
		}
		s.greeted = true
		last = i
	}
	for i < len(p) {
		switch s.phase {
		case phaseFlags:
			s.flags = p[i]
			i++
			s.length = 0
			s.lenBytes = 1
			if s.flags&zmtpLong != 0 {
				s.lenBytes = 8
			}
			s.phase = phaseLength
		case phaseLength:
			s.length = s.length<<8 | uint64(p[i])
			i++
			s.lenBytes--
			if s.lenBytes > 0 {
				continue
			}
			s.remaining = s.length
			s.phase = phaseBody
			if s.remaining == 0 {
				s.phase = phaseFlags
				if s.flags&zmtpMore == 0 {
					last = i
				}
			}
		case phaseBody:
			n := min(uint64(len(p)-i), s.remaining)
			i += int(n)
			s.remaining -= n
			if s.remaining == 0 {
				s.phase = phaseFlags
				if s.flags&zmtpMore == 0 {
					last = i
				}
			}
		}
	}
	return last
}
