//go:build !unix

package model

import "time"

// dupCPUTime is not measured here.
func dupCPUTime() time.Duration { return 0 }
