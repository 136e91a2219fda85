// Package transport opens the five ZeroMQ sockets of a Jupyter kernel
// (shell, control and stdin ROUTERs, the IOPub PUB and the heartbeat REP)
// described by a connection file, over tcp or ipc, using the pure-Go
// github.com/go-zeromq/zmq4.
//
// The sockets are bound through a buffered transport (see
// BufferedEndpoint): the same ZMTP bytes on the wire, but read through a
// buffer and written with one system call per message instead of two per
// frame.
package transport
