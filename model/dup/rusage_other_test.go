//go:build !unix

package dup

import "time"

// dupCPUTime is not measured here.
func dupCPUTime() time.Duration { return 0 }
