package main

import (
	"runtime/debug"
	"testing"
)

// The reader's GC target is tightened unless the user chose one.
func TestTightenReaderGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	t.Setenv("GOGC", "")
	debug.SetGCPercent(100)
	tightenReaderGC()
	if got := debug.SetGCPercent(100); got != readerGCPercent {
		t.Errorf("GOGC unset: GC percent %d, want %d", got, readerGCPercent)
	}
	t.Setenv("GOGC", "200")
	debug.SetGCPercent(200)
	tightenReaderGC()
	if got := debug.SetGCPercent(100); got != 200 {
		t.Errorf("GOGC=200 set by the user: GC percent %d, want 200 kept", got)
	}
}
