package transport

import (
	"bytes"
	"encoding/binary"
	"math/rand/v2"
	"net"
	"testing"
)

// recordingConn is the far end of a bufferedConn: it keeps every write.
type recordingConn struct {
	net.Conn
	wire   []byte
	writes int
}

func (c *recordingConn) Write(p []byte) (int, error) {
	c.wire = append(c.wire, p...)
	c.writes++
	return len(p), nil
}

// zmtpStream builds a greeting and msgs random messages of ZMTP frames,
// returning the stream and the offsets where messages end.
func zmtpStream(rng *rand.Rand, msgs int) (stream []byte, ends []int) {
	stream = append(stream, make([]byte, zmtpGreetingLen)...)
	stream[0] = 0xff
	ends = append(ends, len(stream))
	for range msgs {
		frames := 1 + rng.IntN(8)
		command := rng.IntN(10) == 0
		if command {
			frames = 1
		}
		for f := range frames {
			var flags byte
			if f < frames-1 {
				flags |= zmtpMore
			}
			if command {
				flags |= 0x04
			}
			size := rng.IntN(300)
			if rng.IntN(20) == 0 {
				size = rng.IntN(3 * flushSize)
			}
			if size > 255 || rng.IntN(10) == 0 {
				flags |= zmtpLong
				stream = append(stream, flags)
				stream = binary.BigEndian.AppendUint64(stream, uint64(size))
			} else {
				stream = append(stream, flags, byte(size))
			}
			for i := range size {
				stream = append(stream, byte(i*7+f))
			}
		}
		ends = append(ends, len(stream))
	}
	return stream, ends
}

// TestBufferedConnFlushesAtMessageEnds writes random ZMTP streams in
// random pieces: the bytes arrive unchanged, every message is on the
// wire as soon as its last piece is written, and a message of small
// frames goes out in one write.
func TestBufferedConnFlushesAtMessageEnds(t *testing.T) {
	for seed := range uint64(100) {
		rng := rand.New(rand.NewPCG(seed, 1))
		stream, ends := zmtpStream(rng, 1+rng.IntN(30))
		rec := &recordingConn{}
		c := newBufferedConn(rec)
		written := 0
		for written < len(stream) {
			n := min(len(stream)-written, 1+rng.IntN(600))
			if rng.IntN(4) == 0 {
				n = min(len(stream)-written, 2) // a frame header alone
			}
			if m, err := c.Write(stream[written : written+n]); err != nil || m != n {
				t.Fatalf("seed %d: Write = %d, %v", seed, m, err)
			}
			written += n
			// All complete messages must be on the wire.
			var lastEnd int
			for _, e := range ends {
				if e <= written {
					lastEnd = e
				}
			}
			if got := len(rec.wire); got < lastEnd {
				t.Fatalf("seed %d: after %d bytes written, %d on the wire, want at least %d", seed, written, got, lastEnd)
			}
		}
		if got := rec.wire; !bytes.Equal(got, stream) {
			t.Fatalf("seed %d: wire bytes differ from what was written (%d vs %d bytes)", seed, len(got), len(stream))
		}
		if len(c.out) != 0 {
			t.Fatalf("seed %d: %d bytes left in the buffer", seed, len(c.out))
		}
	}
}

// TestBufferedConnOneWritePerMessage: a message written frame by frame,
// as zmq4 writes a ROUTER reply (header, then body), is one write.
func TestBufferedConnOneWritePerMessage(t *testing.T) {
	rec := &recordingConn{}
	c := newBufferedConn(rec)
	greeting := make([]byte, zmtpGreetingLen)
	c.Write(greeting)
	frames := [][]byte{[]byte("<IDS|MSG>"), []byte("sig"), []byte(`{"msg_type":"x"}`), []byte("{}"), []byte("{}"), []byte("{}")}
	for i, f := range frames {
		flags := byte(zmtpMore)
		if i == len(frames)-1 {
			flags = 0
		}
		c.Write([]byte{flags, byte(len(f))})
		c.Write(f)
	}
	if rec.writes != 2 {
		t.Fatalf("%d writes, want 2 (greeting, message)", rec.writes)
	}
}
