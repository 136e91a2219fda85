// Package kernel is the core of gokernel, a Jupyter kernel for Go: it
// routes the messages of the Jupyter messaging protocol (version 5.3)
// arriving on the shell, control and stdin sockets, publishes status and
// outputs on IOPub, and keeps the protocol state — execution count,
// history, the busy/idle envelope of every request, the queue of execute
// requests aborted after an error — while everything language-specific
// sits behind the Interpreter interface.
//
// Comms (comm_open, comm_msg, comm_close) are routed without knowing what
// they carry: a library registers a target with RegisterCommTarget or opens
// a comm with OpenComm (package widgets does both); while a cell runs,
// comm messages are handled at once, so that a button can stop it.
//
// Sub-packages: wire (message format, signing), transport (ZeroMQ
// sockets from a connection file) and kerneltest (a fake frontend for
// tests over real sockets).
package kernel
