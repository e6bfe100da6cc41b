package corpus_test

import (
	"runtime"
	"testing"

	"storydesk/data/corpus"
	"storydesk/internal/gencorpus"
)

// The 100k benchmarks: 100,000 generated articles of about 600 words, as a
// folder of .txt files and as one JSONL file (about 400 MB each). They are
// written once under os.TempDir and reused by later runs (a "complete"
// marker guards against a half-written corpus); delete the folder to
// regenerate. Run them one at a time:
//
//	go test ./data/corpus -run '^$' -bench 100k -benchtime=1x
const (
	benchN     = 100_000
	benchWords = 600
	benchSeed  = 1
)

func benchCorpus(b *testing.B) (dir, jsonl string) {
	b.Helper()
	dir, jsonl, err := gencorpus.Cached(benchN, benchWords, benchSeed)
	if err != nil {
		b.Fatal(err)
	}
	return dir, jsonl
}

// heapMB is the live heap after a collection, in MB.
func heapMB() float64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapInuse) / (1 << 20)
}

func benchOpen(b *testing.B, path string) {
	var c *corpus.Corpus
	b.ResetTimer()
	for range b.N {
		var err error
		if c, err = corpus.Open([]string{path}, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if len(c.Items) != benchN {
		b.Fatalf("%d items, want %d", len(c.Items), benchN)
	}
	b.ReportMetric(heapMB(), "MB-heap")
	if rss := gencorpus.PeakRSSMB(); rss > 0 {
		b.ReportMetric(rss, "MB-peak-rss")
	}
	runtime.KeepAlive(c)
}

func BenchmarkOpenDir100k(b *testing.B) {
	dir, _ := benchCorpus(b)
	benchOpen(b, dir)
}

func BenchmarkOpenJSONL100k(b *testing.B) {
	_, jsonl := benchCorpus(b)
	benchOpen(b, jsonl)
}

// benchStream opens and streams the whole corpus, keeping every emitted
// article as the UI does, and reports the peak live heap seen between
// batches (MB-heap), the heap still live at the end (MB-kept), and the
// memory the runtime took from the OS (MB-sys).
func benchStream(b *testing.B, path string) {
	var peak, sys uint64
	var kept []corpus.Result
	b.ResetTimer()
	for range b.N {
		c, err := corpus.Open([]string{path}, nil)
		if err != nil {
			b.Fatal(err)
		}
		kept = make([]corpus.Result, len(c.Items))
		batches := 0
		c.Stream(b.Context(), 0, func(rs []corpus.Result) {
			for _, r := range rs {
				if r.Problem != nil {
					b.Errorf("%v", r.Problem)
				}
				kept[r.Index] = r
			}
			batches++
			if batches%8 == 0 {
				var m runtime.MemStats
				runtime.ReadMemStats(&m)
				peak = max(peak, m.HeapInuse)
				sys = max(sys, m.Sys)
			}
		})
	}
	b.StopTimer()
	for i, r := range kept {
		if r.Article == nil || r.Article.Words < benchWords/2 {
			b.Fatalf("item %d: %+v", i, r)
		}
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	b.ReportMetric(float64(max(peak, m.HeapInuse))/(1<<20), "MB-heap")
	b.ReportMetric(heapMB(), "MB-kept")
	b.ReportMetric(float64(max(sys, m.Sys))/(1<<20), "MB-sys")
	if rss := gencorpus.PeakRSSMB(); rss > 0 {
		b.ReportMetric(rss, "MB-peak-rss")
	}
	runtime.KeepAlive(kept)
}

func BenchmarkStreamDir100k(b *testing.B) {
	dir, _ := benchCorpus(b)
	benchStream(b, dir)
}

func BenchmarkStreamJSONL100k(b *testing.B) {
	_, jsonl := benchCorpus(b)
	benchStream(b, jsonl)
}
