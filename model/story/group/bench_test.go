package group_test

import (
	"context"
	"runtime"
	"sync"
	"testing"
	"time"

	"storydesk/internal/gencorpus"
	"storydesk/model/dup"
	"storydesk/model/story/group"
)

// Grouping 100,000 generated articles (gencorpus: 10% planted copies, 4%
// same-event write-ups in fours sharing a quotation and a few phrases, the
// rest unrelated), after duplicate detection:
//
//	go test ./model/story/group -run '^$' -bench Group100k -benchtime=1x
//
// Generating the corpus and finding its duplicate pairs are not timed;
// extracting the features (on every core) and grouping are, in wall and
// CPU time (steadier on a shared machine). group-alloc-MB is what grouping
// allocates (the index, the edges, the result); features-B/doc what an
// article's features hold, the part a caller keeps or caches.
func BenchmarkGroup100k(b *testing.B) {
	for _, style := range []string{gencorpus.StyleZipf, gencorpus.StyleTemplate} {
		b.Run(style, func(b *testing.B) {
			var c *gencorpus.CopyCorpus
			if style == gencorpus.StyleZipf {
				c = gencorpus.ZipfCopies(100_000, 1)
			} else {
				c = gencorpus.TemplateCopies(100_000, 1)
			}
			docs := make([]dup.Doc, len(c.Docs))
			for i, d := range c.Docs {
				docs[i] = dup.Doc{ID: d.ID, Text: d.Text}
			}
			pairs, err := dup.Find(context.Background(), docs, dup.Options{}, 0, nil)
			if err != nil {
				b.Fatal(err)
			}
			runtime.GC()
			b.ResetTimer()
			var g group.Grouping
			var tExtract, tGroup, cExtract, cGroup time.Duration
			var items []group.Item
			var alloc uint64
			var ms runtime.MemStats
			for range b.N {
				t0, c0 := time.Now(), cpuTime()
				items = extractAll(c.Docs)
				t1, c1 := time.Now(), cpuTime()
				b.StopTimer()
				runtime.GC()
				runtime.ReadMemStats(&ms)
				before := ms.TotalAlloc
				b.StartTimer()
				t2, c2 := time.Now(), cpuTime()
				g = group.Stories(items, pairs, group.Overrides{}, group.Options{})
				tExtract += t1.Sub(t0)
				tGroup += time.Since(t2)
				cExtract += c1 - c0
				cGroup += cpuTime() - c2
				b.StopTimer()
				runtime.ReadMemStats(&ms)
				alloc += ms.TotalAlloc - before
				b.StartTimer()
			}
			b.StopTimer()
			n := float64(b.N)
			feat := 0
			for _, it := range items {
				feat += it.Features.Bytes()
			}
			b.ReportMetric(tExtract.Seconds()/n, "extract-s")
			b.ReportMetric(tGroup.Seconds()/n, "group-s")
			b.ReportMetric(cExtract.Seconds()/n, "extract-cpu-s")
			b.ReportMetric(cGroup.Seconds()/n, "group-cpu-s")
			b.ReportMetric(float64(feat)/float64(len(items)), "features-B/doc")
			b.ReportMetric(float64(alloc)/n/(1<<20), "group-alloc-MB")
			reportQuality(b, c, g)
		})
	}
}

// extractAll computes every document's features on all cores.
func extractAll(docs []gencorpus.Doc) []group.Item {
	items := make([]group.Item, len(docs))
	var wg sync.WaitGroup
	w := runtime.GOMAXPROCS(0)
	for k := range w {
		wg.Go(func() {
			for i := k; i < len(docs); i += w {
				items[i] = group.Item{ID: docs[i].ID, Features: group.Extract(docs[i].Text)}
			}
		})
	}
	wg.Wait()
	return items
}

// reportQuality compares the grouping with what was planted: each group
// of same-event write-ups should be one story, each copy in its
// original's story, and nothing else joined.
func reportQuality(b *testing.B, c *gencorpus.CopyCorpus, g group.Grouping) {
	whole := 0
	truePairs := map[[2]int]bool{}
	for _, grp := range c.Stories {
		k := g.Of[grp[0]]
		all := true
		for _, i := range grp {
			all = all && g.Of[i] == k
			for _, j := range grp {
				if i < j {
					truePairs[[2]int{i, j}] = true
				}
			}
		}
		if all {
			whole++
		}
	}
	copies := 0
	for _, p := range c.Copies {
		if g.Of[p.Orig] == g.Of[p.Copy] {
			copies++
		}
		truePairs[[2]int{min(p.Orig, p.Copy), max(p.Orig, p.Copy)}] = true
	}
	members := map[int][]int{}
	for i, k := range g.Of {
		members[k] = append(members[k], i)
	}
	joined, wrong, largest := 0, 0, 0
	for _, ms := range members {
		largest = max(largest, len(ms))
		for x, i := range ms {
			for _, j := range ms[x+1:] {
				joined++
				if !truePairs[[2]int{min(i, j), max(i, j)}] {
					wrong++
				}
			}
		}
	}
	b.ReportMetric(float64(whole)/float64(max(1, len(c.Stories))), "stories-whole")
	b.ReportMetric(float64(copies)/float64(max(1, len(c.Copies))), "copies-joined")
	b.ReportMetric(float64(wrong), "wrong-pairs")
	b.ReportMetric(float64(joined), "joined-pairs")
	b.ReportMetric(float64(largest), "largest")
	b.ReportMetric(float64(len(g.Refused)), "refused")
}
