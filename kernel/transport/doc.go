// Package transport opens the five ZeroMQ sockets of a Jupyter kernel
// (shell, control and stdin ROUTERs, the IOPub PUB and the heartbeat REP)
// described by a connection file, over tcp or ipc, using the pure-Go
// github.com/go-zeromq/zmq4.
package transport
