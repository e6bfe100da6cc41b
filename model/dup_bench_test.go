package model

import (
	"encoding/binary"
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"

	minhashlsh "github.com/ekzhu/minhash-lsh"
)

// Side-by-side benchmarks on one generated corpus of 100,000 news-like
// articles (~590 words each, ~10% planted copies):
//
//	go test ./model/ -run XXX -bench 'Dup|Ekzhu' -benchtime=1x
//
// Generating the corpus (and the ground truth) happens once per process and is
// not timed.

var (
	dg100kTruthOnce sync.Once
	dg100kTruth     []float64
)

func dgTruth100k(c *dgCorpus) []float64 {
	dg100kTruthOnce.Do(func() {
		dg100kTruth = dgTruth(c, SignAll(c.docs, 0, nil))
	})
	return dg100kTruth
}

// BenchmarkDupDetect100k is the whole job: signatures (on every core), index
// and pairs at the default threshold.
func BenchmarkDupDetect100k(b *testing.B) {
	c := dgCorpus100k()
	truth := dgTruth100k(c)
	runtime.GC()
	b.ResetTimer()
	var pairs []DupPair
	var sigs []DupSignature
	var tSign, tPairs time.Duration
	for range b.N {
		t0 := time.Now()
		sigs = SignAll(c.docs, 0, nil)
		t1 := time.Now()
		x := NewDupIndex(DupOptions{})
		for i, d := range c.docs {
			x.Add(d.ID, sigs[i])
		}
		pairs = x.Pairs(DefaultDupThreshold, nil)
		tSign += t1.Sub(t0)
		tPairs += time.Since(t1)
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
	bytes := 0
	for _, s := range sigs {
		bytes += s.Bytes() + len("doc000000") + 16
	}
	b.ReportMetric(float64(len(c.docs))*n/(tSign+tPairs).Seconds(), "docs/s")
	b.ReportMetric(tSign.Seconds()/n, "sign-s")
	b.ReportMetric(tPairs.Seconds()/n, "pairs-s")
	b.ReportMetric(recall, "recall")
	b.ReportMetric(float64(len(pairs)), "pairs")
	b.ReportMetric(float64(extra), "unplanted")
	b.ReportMetric(float64(bytes)/float64(len(sigs)), "sig-B/doc")
	b.Logf("recall by kind (found, of planted with containment ≥ 0.8): %v", per)
}

// BenchmarkEkzhuMinhashLSH100k runs github.com/ekzhu/minhash-lsh on the same
// shingles: 128-hash MinHash signatures (on every core), its LSH index, and a
// query for every document. Recall counts a planted pair found when either
// document's query returns the other (candidates, before any scoring).
func BenchmarkEkzhuMinhashLSH100k(b *testing.B) {
	for _, th := range []float64{0.5, 0.3} {
		b.Run(fmt.Sprintf("t=%.1f", th), func(b *testing.B) { benchEkzhu(b, th) })
	}
}

func benchEkzhu(b *testing.B, threshold float64) {
	const numHash = 128
	c := dgCorpus100k()
	truth := dgTruth100k(c)
	runtime.GC()
	b.ResetTimer()
	var cands map[[2]string]bool
	var k, l int
	for range b.N {
		mh := make([][]uint64, len(c.docs))
		dupParallel(len(c.docs), 0, 64, nil, func() func(i int) {
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
		dupParallel(len(c.docs), 0, 64, nil, func() func(i int) {
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
	recall, per := dgRecall(c, truth, func(a, b string) bool { return cands[dgKey(a, b)] })
	b.ReportMetric(float64(len(c.docs))*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(recall, "recall")
	b.ReportMetric(float64(len(cands)), "candidates")
	b.Logf("k=%d rows × l=%d bands; recall by kind: %v", k, l, per)
}
