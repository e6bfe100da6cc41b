//go:build unix

package dup

import (
	"syscall"
	"time"
)

// dupCPUTime is the CPU time (user and system) this process has used: on a
// machine shared with other work, a steadier measure than wall time.
func dupCPUTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
