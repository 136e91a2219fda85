// Package kerneltest plays a Jupyter frontend over real ZeroMQ sockets, in
// the spirit of net/http/httptest: Start runs a kernel in-process on
// loopback with a given Interpreter and connects a Frontend to it; Dial
// connects a Frontend to any kernel (gokernel or ipykernel) listening as a
// connection file says. The Frontend sends any request on shell, control
// or stdin, raw frames for testing bad input, collects IOPub messages
// until the kernel goes idle, and pings the heartbeat.
package kerneltest
