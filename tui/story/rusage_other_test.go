//go:build !unix

package story_test

import "time"

func cpuTime() time.Duration { return 0 }
func peakRSS() float64       { return 0 }
