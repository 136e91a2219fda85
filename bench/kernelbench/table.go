package main

import (
	"fmt"
	"strings"
	"time"
)

// messagesPerExecute are the messages of one trivial execute: the
// request, status busy, execute_input, execute_reply, status idle.
const messagesPerExecute = 5

// table renders the results as a markdown table, kernels side by side,
// with the targets gokernel must meet.
func table(results []result, o options) string {
	var b strings.Builder
	b.WriteString("| |")
	for _, r := range results {
		fmt.Fprintf(&b, " %s |", r.name)
	}
	b.WriteString(" target (gokernel) |\n|---|")
	for range results {
		b.WriteString("---|")
	}
	b.WriteString("---|\n")
	type row struct {
		label  string
		cell   func(r result) string
		target string
	}
	rows := []row{
		{fmt.Sprintf("start → first kernel_info_reply, idle (median of %d, min–max)", o.starts),
			func(r result) string { return spread(r.startIdle) }, "—"},
	}
	if o.busy > 0 {
		rows = append(rows, row{fmt.Sprintf("start, %d busy loops on the cores (median of %d, min–max)", o.busy, o.starts),
			func(r result) string { return spread(r.startLoaded) }, "≤ 50 ms"})
	}
	rows = append(rows, row{fmt.Sprintf("trivial execute round trip, Go client, p50 / p90 / p99 (n=%d)", o.n),
		func(r result) string { return percentiles(r.goTrips) }, "p50 ≤ 0.35 ms, p99 ≤ 2 ms"})
	if o.jupyterClient {
		rows = append(rows, row{fmt.Sprintf("trivial execute round trip, jupyter_client, p50 / p90 / p99 (n=%d)", o.n),
			func(r result) string { return percentiles(r.pyTrips) }, "—"})
	}
	rows = append(rows,
		row{fmt.Sprintf("executes/s with %d clients at once (messages/s: ×%d)", o.clients, messagesPerExecute),
			func(r result) string {
				return fmt.Sprintf("%.0f (%.0f msg/s)", r.perSecond, r.perSecond*messagesPerExecute)
			}, "—"},
		row{fmt.Sprintf("kernel CPU time per trivial execute (user+sys over the %d below)", o.soak),
			func(r result) string {
				return fmt.Sprintf("%.0f µs", float64(r.cpuPerExecute)/float64(time.Microsecond))
			}, "—"},
		row{"idle RSS", func(r result) string { return mb(r.idleRSS) }, "≤ 60 MB"},
		row{fmt.Sprintf("RSS after %d more executes", o.soak), func(r result) string {
			return fmt.Sprintf("%s (%+.1f MB)", mb(r.soakRSS), float64(r.soakRSS-r.idleRSS)/(1<<20))
		}, "no growth"},
	)
	for _, row := range rows {
		fmt.Fprintf(&b, "| %s |", row.label)
		for _, r := range results {
			fmt.Fprintf(&b, " %s |", row.cell(r))
		}
		fmt.Fprintf(&b, " %s |\n", row.target)
	}
	// How much faster gokernel is than each other kernel, in this run.
	if len(results) > 1 {
		b.WriteString("\n")
		for _, r := range results[1:] {
			fmt.Fprintf(&b, "p50 round trip, %s ÷ gokernel: %s (Go client)", r.name, ratio(r.goTrips, results[0].goTrips))
			if o.jupyterClient {
				fmt.Fprintf(&b, ", %s (jupyter_client)", ratio(r.pyTrips, results[0].pyTrips))
			}
			b.WriteString("; target for ipykernel ≥ 8x\n")
		}
	}
	return b.String()
}

func median(d []time.Duration) time.Duration { return d[len(d)/2] }

// at is the p-th percentile of sorted durations.
func at(d []time.Duration, p int) time.Duration { return d[min(len(d)-1, len(d)*p/100)] }

func percentiles(d []time.Duration) string {
	if len(d) == 0 {
		return "—"
	}
	return fmt.Sprintf("%s / %s / %s", ms(at(d, 50)), ms(at(d, 90)), ms(at(d, 99)))
}

func spread(d []time.Duration) string {
	if len(d) == 0 {
		return "—"
	}
	return fmt.Sprintf("%s (%s–%s)", ms(median(d)), ms(d[0]), ms(d[len(d)-1]))
}

func ratio(other, gokernel []time.Duration) string {
	if len(other) == 0 || len(gokernel) == 0 {
		return "—"
	}
	return fmt.Sprintf("%.1fx", float64(median(other))/float64(median(gokernel)))
}

func ms(d time.Duration) string {
	return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond))
}

func mb(bytes int64) string {
	return fmt.Sprintf("%.1f MB", float64(bytes)/(1<<20))
}
