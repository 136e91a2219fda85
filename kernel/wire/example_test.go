package wire_test

import (
	"fmt"

	"github.com/gokernel/gokernel/kernel/wire"
)

// A message is encoded into signed frames and decoded back; the same
// frames a second time are a replay and are rejected.
func ExampleCodec() {
	signer, err := wire.NewSigner("hmac-sha256", []byte("secret"))
	if err != nil {
		panic(err)
	}
	codec := wire.NewCodec(signer, nil)

	msg := wire.New("session-1", "kernel_info_request", nil)
	msg.Identities = [][]byte{[]byte("frontend")}
	frames, _ := codec.Encode(msg)

	got, err := codec.Decode(frames)
	fmt.Println(got.Header.MsgType, string(got.Identities[0]), string(got.ParentHeader), err)
	_, err = codec.Decode(frames)
	fmt.Println(err)
	// Output:
	// kernel_info_request frontend {} <nil>
	// wire: replayed signature
}
