package data

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"storydesk/data/gencorpus"
)

// The duplicate job on the 100k generated corpus (the JSONL form; see
// benchCorpus), cold and warm: cold starts from an empty store each time
// (every text signed and written to the cache), warm runs on a store that
// already holds every signature, as on reopening a corpus (texts hashed,
// none signed). Run one at a time:
//
//	go test ./data -run '^$' -bench CorpusSign100k -benchtime=1x
//	go test ./data -run '^$' -bench CorpusDups100k -benchtime=1x
//
// BenchmarkCorpusSign100k stops at the index (open, read and clean every
// article, hash, sign or fetch from the cache); BenchmarkCorpusDups100k goes
// on to the pairs. MB-peak-rss covers the whole process, so a warm figure
// run after its cold sibling includes the cold run's peak.

func BenchmarkCorpusSign100k(b *testing.B) { benchCorpusDups(b, false) }

func BenchmarkCorpusDups100k(b *testing.B) { benchCorpusDups(b, true) }

func benchCorpusDups(b *testing.B, pairs bool) {
	_, jsonl := benchCorpus(b)
	dir, err := os.MkdirTemp("", "storydesk-dupbench-")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { os.RemoveAll(dir) })
	db := filepath.Join(dir, "store.db")
	filled := false

	type result struct {
		rep           *DupReport
		read, compare time.Duration
	}
	run := func(b *testing.B, fresh bool) result {
		if fresh {
			for _, suffix := range []string{"", "-wal", "-shm"} {
				os.Remove(db + suffix)
			}
		}
		s, err := OpenStore(db, "bench")
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		c, err := Open([]string{jsonl}, nil)
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		idx, rep, err := SignCorpus(b.Context(), c, DupJobOptions{Cache: s})
		if err != nil {
			b.Fatal(err)
		}
		r := result{rep: rep, read: time.Since(start)}
		if rep.Articles != benchN || rep.CacheErr != nil || len(rep.Problems) != 0 {
			b.Fatalf("%d articles, cache error %v, problems %v", rep.Articles, rep.CacheErr, rep.Problems)
		}
		if pairs {
			start = time.Now()
			if rep.Pairs, err = idx.Pairs(b.Context(), 0, nil); err != nil {
				b.Fatal(err)
			}
			r.compare = time.Since(start)
		}
		return r
	}
	report := func(b *testing.B, r result) {
		b.ReportMetric(float64(benchN)*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
		b.ReportMetric(r.read.Seconds(), "read-s")
		if pairs {
			b.ReportMetric(r.compare.Seconds(), "compare-s")
			b.ReportMetric(float64(len(r.rep.Pairs)), "pairs")
		}
		b.ReportMetric(float64(r.rep.Computed), "signed")
		b.ReportMetric(float64(r.rep.Cached), "cached")
		if fi, err := os.Stat(db); err == nil {
			b.ReportMetric(float64(fi.Size())/(1<<20), "MB-store")
		}
		if rss := gencorpus.PeakRSSMB(); rss > 0 {
			b.ReportMetric(rss, "MB-peak-rss")
		}
	}

	b.Run("cold", func(b *testing.B) {
		var r result
		for range b.N {
			r = run(b, true)
		}
		b.StopTimer()
		if r.rep.Computed == 0 || r.rep.Cached != 0 {
			b.Fatalf("cold run: %d signed, %d cached", r.rep.Computed, r.rep.Cached)
		}
		filled = true
		report(b, r)
	})
	b.Run("warm", func(b *testing.B) {
		if !filled {
			b.StopTimer()
			run(b, true)
			filled = true
			b.StartTimer()
		}
		var r result
		for range b.N {
			r = run(b, false)
		}
		b.StopTimer()
		if r.rep.Computed != 0 {
			b.Fatalf("warm run signed %d texts", r.rep.Computed)
		}
		report(b, r)
	})
}
