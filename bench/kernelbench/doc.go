// Command kernelbench measures a Jupyter kernel the way a frontend meets
// it, side by side with ipykernel, and prints a markdown table: time from
// process start to the first kernel_info_reply, the round trip of a
// trivial execute_request (sent → status idle) at p50 and p99, resident
// memory when idle and after many executes.
//
//	go run ./bench/kernelbench -gokernel bin/gokernel [-n 1000] [-soak 10000]
//
// It is a development tool (make bench-kernel), not part of gokernel.
package main
