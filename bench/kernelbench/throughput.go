package main

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/go-zeromq/zmq4"
	"github.com/gokernel/gokernel/kernel/transport"
	"github.com/gokernel/gokernel/kernel/wire"
)

// throughput runs clients shell-only frontends at once, each sending a
// trivial execute_request and waiting for its execute_reply, again and
// again for d, and returns the executes answered per second. (Without
// IOPub subscribers: what is measured is the kernel, not the fan-out of
// every client's IOPub to every other.)
func throughput(info transport.ConnectionInfo, code string, clients int, d time.Duration) (float64, error) {
	signer, err := wire.NewSigner(info.SignatureScheme, []byte(info.Key))
	if err != nil {
		return 0, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		total  int
		errs   []error
		start  = make(chan struct{})
		ending time.Time
	)
	for c := range clients {
		session := wire.NewID()
		sock := zmq4.NewDealer(ctx, zmq4.WithID(zmq4.SocketIdentity(session)))
		defer sock.Close()
		if err := sock.Dial(transport.BufferedEndpoint(info.Endpoint(info.ShellPort))); err != nil {
			return 0, fmt.Errorf("client %d: %w", c, err)
		}
		codec := wire.NewCodec(signer, nil)
		wg.Add(1)
		go func() {
			defer wg.Done()
			n, err := executeLoop(sock, codec, session, code, start, &ending)
			mu.Lock()
			total += n
			if err != nil {
				errs = append(errs, err)
			}
			mu.Unlock()
		}()
	}
	began := time.Now()
	ending = began.Add(d)
	close(start)
	wg.Wait()
	if len(errs) > 0 {
		return 0, errs[0]
	}
	return float64(total) / time.Since(began).Seconds(), nil
}

// executeLoop sends execute requests one after the other until *ending.
func executeLoop(sock zmq4.Socket, codec *wire.Codec, session, code string, start <-chan struct{}, ending *time.Time) (int, error) {
	<-start
	n := 0
	for time.Now().Before(*ending) {
		msg := wire.New(session, "execute_request", nil)
		if err := msg.SetContent(map[string]any{"code": code, "silent": false, "store_history": true,
			"user_expressions": map[string]any{}, "allow_stdin": false, "stop_on_error": true}); err != nil {
			return n, err
		}
		frames, err := codec.Encode(msg)
		if err != nil {
			return n, err
		}
		if err := sock.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
			return n, err
		}
		for {
			raw, err := sock.Recv()
			if err != nil {
				return n, err
			}
			rep, err := codec.Decode(raw.Frames)
			if err != nil {
				return n, err
			}
			if rep.Header.MsgType == "execute_reply" {
				break
			}
		}
		n++
	}
	return n, nil
}
