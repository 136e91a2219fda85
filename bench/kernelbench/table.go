package main

import (
	"fmt"
	"strings"
	"time"
)

// table renders the results as a markdown table, kernels side by side,
// with the targets gokernel must meet.
func table(results []result, n, soak int) string {
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
	rows := []struct {
		label  string
		cell   func(r result) string
		target string
	}{
		{"start → first kernel_info_reply", func(r result) string { return ms(r.start) }, "≤ 100 ms"},
		{fmt.Sprintf("trivial execute round trip, p50 (n=%d)", n), func(r result) string { return ms(r.p50) }, "≤ 1 ms"},
		{fmt.Sprintf("trivial execute round trip, p99 (n=%d)", n), func(r result) string { return ms(r.p99) }, "≤ 5 ms"},
		{"idle RSS", func(r result) string { return mb(r.idleRSS) }, "≤ 60 MB"},
		{fmt.Sprintf("RSS after %d more executes", soak), func(r result) string {
			return fmt.Sprintf("%s (%+.1f MB)", mb(r.soakRSS), float64(r.soakRSS-r.idleRSS)/(1<<20))
		}, "no growth"},
	}
	for _, row := range rows {
		fmt.Fprintf(&b, "| %s |", row.label)
		for _, r := range results {
			fmt.Fprintf(&b, " %s |", row.cell(r))
		}
		fmt.Fprintf(&b, " %s |\n", row.target)
	}
	return b.String()
}

func ms(d time.Duration) string {
	return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond))
}

func mb(bytes int64) string {
	return fmt.Sprintf("%.1f MB", float64(bytes)/(1<<20))
}
