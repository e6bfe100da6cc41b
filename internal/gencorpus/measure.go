package gencorpus

import (
	"os"
	"strconv"
	"strings"
)

// PeakRSSMB is the process's peak resident set (VmHWM) in MB, or 0 where
// /proc is not there. Benchmarks report it next to their times; it covers
// the whole process, so run one memory benchmark per process.
func PeakRSSMB() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 64)
			return kb / 1024
		}
	}
	return 0
}
