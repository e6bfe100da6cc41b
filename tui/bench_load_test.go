package tui

import (
	"strings"
	"testing"
	"time"

	"storydesk/data/corpus"

	tea "charm.land/bubbletea/v2"

	"storydesk/internal/gencorpus"
)

// BenchmarkOpen100k measures the whole app on 100,000 generated articles of
// about 600 words, as a directory of files and as one JSONL file:
// first-frame is corpus.Open through to a frame with rows on screen;
// full-load goes on until every article has been read and cleaned in the
// background, and reports the process's peak resident memory. Run one
// sub-benchmark per process so the peak belongs to it alone:
//
//	go test ./tui -run '^$' -bench 'Open100k/dir/full' -benchtime=1x
func BenchmarkOpen100k(b *testing.B) {
	dir, jsonl, err := gencorpus.Cached(100_000, 600, 1)
	if err != nil {
		b.Fatal(err)
	}
	for _, kind := range []struct{ name, path string }{{"dir", dir}, {"jsonl", jsonl}} {
		b.Run(kind.name+"/first-frame", func(b *testing.B) {
			for b.Loop() {
				c, err := corpus.Open([]string{kind.path}, nil)
				if err != nil {
					b.Fatal(err)
				}
				m := New(c, Options{NoColor: true})
				m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
				if v := m.View().Content; !strings.Contains(v, "/100000") {
					b.Fatalf("no rows on the first frame:\n%s", v)
				}
			}
		})
		b.Run(kind.name+"/full-load", func(b *testing.B) {
			for b.Loop() {
				c, err := corpus.Open([]string{kind.path}, nil)
				if err != nil {
					b.Fatal(err)
				}
				m := New(c, Options{NoColor: true})
				m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
				start := time.Now()
				drive(b, m, m.Init()) // returns once Stream is done and nothing is pending
				b.ReportMetric(time.Since(start).Seconds(), "s-to-all-read")
				m.br.Stop()
			}
			b.ReportMetric(gencorpus.PeakRSSMB(), "MB-peak-rss")
		})
	}
}
