// Command kernelbench measures Jupyter kernels the way a frontend meets
// them, side by side in one run, and prints a markdown table: time from
// process start to the first kernel_info_reply (idle, and with busy loops
// on every core), the round trip of a trivial execute_request (sent →
// status idle) at p50/p90/p99 through a Go client (kernel/kerneltest)
// and through jupyter_client, the executes answered per second with four
// clients at once, and resident memory when idle and after many executes.
//
//	go run ./bench/kernelbench -gokernel bin/gokernel [-baseline OLD] [-python /usr/bin/python3] [-n 1000]
//
// It is a development tool (make bench-kernel), not part of gokernel.
package main
