package story_test

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"

	"storydesk/data/corpus"
	"storydesk/internal/gencorpus"
	"storydesk/model/dup"
)

// finishedDups is duplicate detection that has run.
type finishedDups struct{ pairs []dup.Pair }

func (d finishedDups) DetectedPairs() ([]dup.Pair, bool, bool) { return d.pairs, true, false }

// BenchmarkReaderGrouping times the reader's grouping job from the
// corpus read to the stories, on gencorpus's zipf copies (JSONL, cached
// under the temporary directory): "signs" when the feature signs the
// articles itself (no store: duplicate detection does not run), "dups"
// when detection's pairs are there (only the features are read). One
// size per process for a meaningful peak RSS:
//
//	go test ./tui/story -run '^$' -bench 'ReaderGrouping/10000' -benchtime=1x
//	go test ./tui/story -run '^$' -bench 'ReaderGrouping/100000/dups' -benchtime=1x
func BenchmarkReaderGrouping(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			path, _, err := gencorpus.CachedCopies(gencorpus.StyleZipf, n, 1)
			if err != nil {
				b.Fatal(err)
			}
			c, err := corpus.Open([]string{path}, nil)
			if err != nil {
				b.Fatal(err)
			}
			for _, mode := range []string{"signs", "dups"} {
				b.Run(mode, func(b *testing.B) {
					var d *finishedDups
					if mode == "dups" {
						rep, err := corpus.FindDuplicates(context.Background(), c, corpus.DupJobOptions{})
						if err != nil {
							b.Fatal(err)
						}
						d = &finishedDups{rep.Pairs}
					}
					runtime.GC()
					cpu0 := cpuTime()
					start := time.Now()
					stories := 0
					for b.Loop() {
						var h *harness
						if d != nil {
							h = newHarnessWith(b, c, false, 120, 40, *d)
						} else {
							h = newHarness(b, c, false, 120, 40)
						}
						h.press("z")
						stories = len(h.f.Stories())
					}
					b.ReportMetric(time.Since(start).Seconds()/float64(b.N), "s/op-wall")
					b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "s/op-cpu")
					b.ReportMetric(float64(stories), "stories")
					b.ReportMetric(peakRSS(), "MB-peak-rss")
				})
			}
		})
	}
}
