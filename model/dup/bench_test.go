package dup

import (
	"encoding/binary"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	minhashlsh "github.com/ekzhu/minhash-lsh"
)

// Side-by-side benchmarks on two generated corpora of 100,000 news-like
// articles with ~10% planted copies (gencorpus.ZipfCopies: ~590 words of
// Zipf-drawn words; gencorpus.TemplateCopies: ~600 words of templated text,
// where nearly every shingle recurs across the corpus), storydesk and
// github.com/ekzhu/minhash-lsh on the same texts in the same run:
//
//	go test ./model/ -run XXX -bench Dup100k -benchtime=1x
//
// Generating a corpus (and its ground truth) is not timed; one corpus is in
// memory at a time.
func BenchmarkDup100k(b *testing.B) {
	for _, corpus := range []struct {
		name string
		gen  func(int, uint64) *dgCorpus
	}{{"zipf", dgGenerate}, {"template", dgTemplate}} {
		var c *dgCorpus
		var truth []float64
		load := func() {
			if c == nil {
				c = corpus.gen(100_000, 1)
				truth = dgTruth(c, SignAll(c.docs, 0, nil))
				runtime.GC()
			}
		}
		b.Run(corpus.name+"/storydesk", func(b *testing.B) { load(); benchDetect(b, c, truth) })
		for _, th := range []float64{0.5, 0.3} {
			b.Run(fmt.Sprintf("%s/ekzhu-t%.1f", corpus.name, th), func(b *testing.B) { load(); benchEkzhu(b, c, truth, th) })
		}
		c, truth = nil, nil
		runtime.GC()
	}
}

// benchDetect is the whole job: signatures (on every core), index and pairs
// at the default threshold.
func benchDetect(b *testing.B, c *dgCorpus, truth []float64) {
	runtime.GC()
	b.ResetTimer()
	var pairs []Pair
	var tSign, tPairs, cpu time.Duration
	var held, pairsAlloc uint64
	var ms runtime.MemStats
	var stats dupSearchStats
	for range b.N {
		b.StopTimer()
		runtime.GC()
		runtime.ReadMemStats(&ms)
		before := ms.HeapAlloc
		b.StartTimer()

		t0, c0 := time.Now(), dupCPUTime()
		sigs := SignAll(c.docs, 0, nil)
		x := NewIndex(Options{})
		for i, d := range c.docs {
			x.Add(d.ID, sigs[i])
		}
		t1 := time.Now()
		cpu += dupCPUTime() - c0
		sigs = nil // only the index holds them now

		b.StopTimer()
		runtime.GC()
		runtime.ReadMemStats(&ms)
		held = ms.HeapAlloc - before // the index: signatures, IDs, map
		alloc := ms.TotalAlloc
		b.StartTimer()

		t2, c2 := time.Now(), dupCPUTime()
		pairs = dupMustPairs(b, x, DefaultThreshold)
		stats = x.stats
		tSign += t1.Sub(t0)
		tPairs += time.Since(t2)
		cpu += dupCPUTime() - c2

		b.StopTimer()
		runtime.ReadMemStats(&ms)
		pairsAlloc = ms.TotalAlloc - alloc
		runtime.KeepAlive(x)
		b.StartTimer()
	}
	b.StopTimer()
	n := float64(b.N)
	found := map[[2]string]bool{}
	for _, p := range pairs {
		found[dgKey(p.A, p.B)] = true
	}
	recall, per := dgRecall(c, truth, func(a, b string) bool { return found[dgKey(a, b)] })
	planted := map[[2]string]bool{}
	for _, p := range c.planted {
		planted[dgKey(c.docs[p.a].ID, c.docs[p.b].ID)] = true
	}
	extra := 0
	for k := range found {
		if !planted[k] {
			extra++
		}
	}
	b.ReportMetric(float64(len(c.docs))*n/(tSign+tPairs).Seconds(), "docs/s")
	b.ReportMetric(tSign.Seconds()/n, "sign+add-s")
	b.ReportMetric(cpu.Seconds()/n, "cpu-s")
	b.ReportMetric(tPairs.Seconds()/n, "pairs-s")
	b.ReportMetric(recall, "recall")
	b.ReportMetric(float64(len(pairs)), "pairs")
	b.ReportMetric(float64(extra), "unplanted")
	b.ReportMetric(float64(held)/float64(len(c.docs)), "index-B/doc")
	b.ReportMetric(float64(pairsAlloc)/float64(len(c.docs)), "pairs-alloc-B/doc")
	b.ReportMetric(float64(stats.postings)/float64(len(c.docs)), "postings/doc")
	b.ReportMetric(float64(stats.cands)/float64(len(c.docs)), "cands/doc")
	b.ReportMetric(float64(stats.sketched)/float64(len(c.docs)), "set-compares/doc")
	b.Logf("recall by kind (found, of planted with containment ≥ 0.8): %v", per)
	b.Logf("search: %+v", stats)

	// How far the MOD-m sketch's containment estimate is from the exact
	// score, over the near pairs found: why pairs are scored on full sets.
	sigOf := map[string][]uint32{}
	for i, d := range c.docs {
		sigOf[d.ID] = Sign(c.docs[i].Text).Shingles
	}
	var errs []float64
	cut := uint32(DefaultSampleRate * (1 << 32))
	sketch := func(s []uint32) []uint32 {
		n := 0
		for n < len(s) && s[n] < cut {
			n++
		}
		return s[:n]
	}
	for _, p := range pairs {
		if p.Kind != Near {
			continue
		}
		a, bb := sigOf[p.A], sigOf[p.B]
		if len(a) > len(bb) {
			a, bb = bb, a
		}
		sa, sb := sketch(a), sketch(bb)
		est := float64(dupIntersect(sa, sb)) / float64(len(sa))
		errs = append(errs, math.Abs(est-float64(dupIntersect(a, bb))/float64(len(a))))
	}
	slices.Sort(errs)
	if len(errs) > 0 {
		b.ReportMetric(errs[len(errs)/2], "sketch-err-p50")
		b.ReportMetric(errs[len(errs)*99/100], "sketch-err-p99")
	}
}

// benchEkzhu runs github.com/ekzhu/minhash-lsh on the same shingles:
// 128-hash MinHash signatures (on every core), its LSH index, and a query for
// every document. Recall counts a planted pair found when either document's
// query returns the other (candidates, before any scoring).
func benchEkzhu(b *testing.B, c *dgCorpus, truth []float64, threshold float64) {
	const numHash = 128
	runtime.GC()
	b.ResetTimer()
	var cands map[[2]string]bool
	var k, l int
	c0 := dupCPUTime()
	for range b.N {
		mh := make([][]uint64, len(c.docs))
		dupParallel(b.Context(), len(c.docs), 0, 64, nil, func() func(i int) {
			var w dupSigner
			var buf [4]byte
			return func(i int) {
				sig := w.sign(c.docs[i].Text)
				m := minhashlsh.NewMinhash(1, numHash)
				for _, s := range sig.Shingles {
					binary.LittleEndian.PutUint32(buf[:], s)
					m.Push(buf[:])
				}
				mh[i] = m.Signature()
			}
		})
		lsh := minhashlsh.NewMinhashLSH(numHash, threshold)
		k, l = lsh.Params()
		for i, d := range c.docs {
			lsh.Add(d.ID, mh[i])
		}
		lsh.Index()
		var mu sync.Mutex
		cands = map[[2]string]bool{}
		dupParallel(b.Context(), len(c.docs), 0, 64, nil, func() func(i int) {
			return func(i int) {
				res := lsh.Query(mh[i])
				mu.Lock()
				for _, key := range res {
					if id := key.(string); id != c.docs[i].ID {
						cands[dgKey(id, c.docs[i].ID)] = true
					}
				}
				mu.Unlock()
			}
		})
	}
	b.StopTimer()
	b.ReportMetric((dupCPUTime()-c0).Seconds()/float64(b.N), "cpu-s")
	recall, per := dgRecall(c, truth, func(a, b string) bool { return cands[dgKey(a, b)] })
	b.ReportMetric(float64(len(c.docs))*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(recall, "recall")
	b.ReportMetric(float64(len(cands)), "candidates")
	b.Logf("k=%d rows × l=%d bands; recall by kind: %v", k, l, per)
}

// BenchmarkDupSignature is one document's signature, on one core.
func BenchmarkDupSignature(b *testing.B) {
	docs := dgGenerate(2000, 3).docs
	size := 0
	for _, d := range docs {
		size += len(d.Text)
	}
	b.SetBytes(int64(size / len(docs)))
	b.ResetTimer()
	var w dupSigner
	for i := range b.N {
		w.sign(docs[i%len(docs)].Text)
	}
}
