//go:build unix

package browse_test

import (
	"fmt"
	"math/rand/v2"
	"syscall"
	"testing"
	"time"

	"storydesk/internal/gencorpus"
	"storydesk/tui/browse"
)

// BenchmarkFilterScan100k is one filter keystroke's scan over 100k
// generated headlines with every item scanned (no narrowing): what runs
// in the filter's tea.Cmd. The root's BenchmarkFilterKeystroke100k adds
// the key's Update, applying the result and the next frame.
func BenchmarkFilterScan100k(b *testing.B) {
	outlets := []string{"Harbor Tribune", "Daily Ledger", "Northern Courier", "Veridia Today", "The Morning Wire"}
	rows := make([]browse.FilterRow, 100_000)
	for i := range rows {
		title, _ := gencorpus.Article(rand.New(rand.NewPCG(uint64(i), 7)), 1)
		rows[i] = browse.FilterRow{Title: title, Outlet: outlets[i%len(outlets)], Date: fmt.Sprintf("2026-%02d-%02d", 1+i%12, 1+i%28), ID: fmt.Sprint(i)}
	}
	scan := browse.NewScanner(rows)
	for _, q := range []string{"k", "harb", "harbor vote", "outlet:wire date:2026-03..2026-06", "date:2026-03.. har"} {
		b.Run(q, func(b *testing.B) {
			n := 0
			cpu0 := cpuTime()
			for b.Loop() {
				n = len(scan(q))
			}
			b.ReportMetric(float64(n), "rows")
			// CPU time, all threads: on a loaded machine wall time per op
			// says more about the neighbours than about the scan.
			b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N)/1e6, "cpu-ms/op")
		})
	}
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
