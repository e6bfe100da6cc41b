package corpus_test

import (
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"storydesk/data/corpus"
	"storydesk/data/store"
	"storydesk/internal/gencorpus"
	"storydesk/model"
	"storydesk/model/dup"
)

// The duplicate job end to end, cold and warm: cold starts from an empty
// store each time (every text signed and written to the cache), warm runs on
// a store that already holds every signature, as on reopening a corpus
// (texts hashed, none signed). Run one at a time:
//
//	go test ./data/corpus -run '^$' -bench CorpusSign100k -benchtime=1x
//	go test ./data/corpus -run '^$' -bench CorpusDups100k -benchtime=1x
//
// BenchmarkCorpusSign100k stops at the index (open, read and clean every
// article, hash, sign or fetch from the cache) on the shared 100k corpus
// (benchCorpus). BenchmarkCorpusDups100k goes on to the pairs, on the two
// 100k corpora with planted copies (gencorpus.CachedCopies: Zipf-worded and
// templated), and reports the recall of the planted copies whose cleaned
// texts have containment 0.8 or more. MB-peak-rss covers the whole process,
// so a figure includes the peaks of the runs before it.

func BenchmarkCorpusSign100k(b *testing.B) {
	_, jsonl := benchCorpus(b)
	benchCorpusDups(b, jsonl, nil)
}

func BenchmarkCorpusDups100k(b *testing.B) {
	for _, style := range []string{gencorpus.StyleZipf, gencorpus.StyleTemplate} {
		b.Run(style, func(b *testing.B) {
			jsonl, cc, err := gencorpus.CachedCopies(style, benchN, 1)
			if err != nil {
				b.Fatal(err)
			}
			benchCorpusDups(b, jsonl, cc)
		})
	}
}

// copiesTruth is the containment of each planted pair's cleaned texts, as
// the job sees them.
func copiesTruth(b *testing.B, jsonl string, cc *gencorpus.CopyCorpus) []float64 {
	c, err := corpus.Open([]string{jsonl}, nil)
	if err != nil {
		b.Fatal(err)
	}
	sigs := make(map[string][]uint32, len(c.Items))
	var mu sync.Mutex
	c.StreamText(b.Context(), 0, func(i int, a *model.Article, err error) {
		if err != nil {
			return
		}
		s := dup.Sign(a.Text).Shingles
		mu.Lock()
		sigs[a.ID] = s
		mu.Unlock()
	})
	truth := make([]float64, len(cc.Copies))
	for k, p := range cc.Copies {
		x, y := sigs[cc.Docs[p.Orig].ID], sigs[cc.Docs[p.Copy].ID]
		if len(x) == 0 || len(y) == 0 {
			b.Fatalf("planted pair %s/%s not read", cc.Docs[p.Orig].ID, cc.Docs[p.Copy].ID)
		}
		n := 0.0
		for _, h := range x {
			if _, ok := slices.BinarySearch(y, h); ok {
				n++
			}
		}
		truth[k] = max(n/float64(len(x)), n/float64(len(y)))
	}
	return truth
}

// benchCorpusDups runs the job over jsonl cold and warm; with cc (the
// corpus's planted copies) it goes on to the pairs and reports recall.
func benchCorpusDups(b *testing.B, jsonl string, cc *gencorpus.CopyCorpus) {
	pairs := cc != nil
	var truth []float64
	if pairs {
		truth = copiesTruth(b, jsonl, cc)
	}
	dir, err := os.MkdirTemp("", "storydesk-dupbench-")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { os.RemoveAll(dir) })
	db := filepath.Join(dir, "store.db")
	filled := false

	type result struct {
		rep           *corpus.DupReport
		read, compare time.Duration
	}
	run := func(b *testing.B, fresh bool, known []corpus.KnownText) result {
		if fresh {
			for _, suffix := range []string{"", "-wal", "-shm"} {
				os.Remove(db + suffix)
			}
		}
		s, err := store.OpenSQLite(db, "bench")
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		c, err := corpus.Open([]string{jsonl}, nil)
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		idx, rep, err := corpus.Sign(b.Context(), c, corpus.DupJobOptions{Cache: s, Known: known})
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
			found := map[[2]string]bool{}
			for _, p := range r.rep.Pairs {
				found[[2]string{p.A, p.B}] = true
			}
			hit, all := 0, 0
			planted := map[[2]string]bool{}
			for k, p := range cc.Copies {
				x, y := cc.Docs[p.Orig].ID, cc.Docs[p.Copy].ID
				key := [2]string{min(x, y), max(x, y)}
				planted[key] = true
				if truth[k] >= 0.8 {
					all++
					if found[key] {
						hit++
					}
				}
			}
			extra := 0
			for key := range found {
				if !planted[key] {
					extra++
				}
			}
			b.ReportMetric(float64(hit)/float64(max(1, all)), "recall")
			b.ReportMetric(float64(all), "planted-0.8")
			b.ReportMetric(float64(extra), "unplanted")
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
			r = run(b, true, nil)
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
			run(b, true, nil)
			filled = true
			b.StartTimer()
		}
		var r result
		for range b.N {
			r = run(b, false, nil)
		}
		b.StopTimer()
		if r.rep.Computed != 0 {
			b.Fatalf("warm run signed %d texts", r.rep.Computed)
		}
		report(b, r)
	})
	// As in the reader: the list has read and hashed every article (not
	// timed: it is done anyway, to show the list), so a warm run reads none.
	b.Run("warm-after-list", func(b *testing.B) {
		b.StopTimer()
		if !filled {
			run(b, true, nil)
			filled = true
		}
		c, err := corpus.Open([]string{jsonl}, nil)
		if err != nil {
			b.Fatal(err)
		}
		var known []corpus.KnownText
		c.Stream(b.Context(), 0, func(rs []corpus.Result) {
			for _, r := range rs {
				if r.Article != nil {
					known = append(known, corpus.KnownText{Index: r.Index, ID: r.Article.ID, Hash: r.Hash})
				}
			}
		})
		b.StartTimer()
		var r result
		for range b.N {
			r = run(b, false, known)
		}
		b.StopTimer()
		if r.rep.Computed != 0 || r.rep.Read != 0 {
			b.Fatalf("warm run after the list signed %d texts and read %d", r.rep.Computed, r.rep.Read)
		}
		report(b, r)
	})
}
