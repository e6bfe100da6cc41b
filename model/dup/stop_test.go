package dup

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// Templated text: nearly every shingle recurs across the corpus, so the
// candidate search reads only each document's rarest sketch elements (see
// dupSearch). These tests lower the search limits so that a small corpus
// takes those paths as a 100k one does with the defaults.

// dupBrute is every pair's exact containment, comparing all pairs.
func dupBrute(docs []Doc, sigs []Signature) map[[2]string]float64 {
	out := map[[2]string]float64{}
	for i := range sigs {
		a := sigs[i].Shingles
		for j := i + 1; j < len(sigs); j++ {
			b := sigs[j].Shingles
			if len(a) == 0 || len(b) == 0 {
				continue
			}
			n := float64(dupIntersect(a, b))
			if n > 0 {
				out[dgKey(docs[i].ID, docs[j].ID)] = max(n/float64(len(a)), n/float64(len(b)))
			}
		}
	}
	return out
}

// dupCheckAgainst compares x's pairs at each threshold with the exact
// containments: nothing reported that is not a true pair, scores exact, and
// at least minFound of the true pairs found (all of them with containment
// 0.8 or more, but one in a hundred).
func dupCheckAgainst(t *testing.T, x *Index, truth map[[2]string]float64, minFound float64, thresholds ...float64) {
	t.Helper()
	for _, th := range thresholds {
		got := dupMustPairs(t, x, th)
		found := map[[2]string]bool{}
		for _, p := range got {
			k := dgKey(p.A, p.B)
			found[k] = true
			if c, ok := truth[k]; !ok || c < th || c != p.Containment() {
				t.Errorf("threshold %.2f: %+v reported, true containment %.4f", th, p, c)
			}
		}
		want, high, highFound := 0, 0, 0
		for k, c := range truth {
			if c >= th {
				want++
				if c >= 0.8 {
					high++
					if found[k] {
						highFound++
					}
				}
			}
		}
		t.Logf("threshold %.2f: found %d of %d true pairs, %d of %d at 0.8 or more; %+v", th, len(got), want, highFound, high, x.stats)
		if want < 50 || float64(len(got)) < minFound*float64(want) || float64(highFound) < 0.99*float64(high) {
			t.Errorf("threshold %.2f: found %d of %d true pairs, %d of %d at 0.8 or more", th, len(got), want, highFound, high)
		}
	}
}

func TestDupTemplatedMatchesBruteForce(t *testing.T) {
	c := dgTemplate(1200, 4)
	sigs := SignAll(c.docs, 0, nil)
	x := NewIndex(Options{})
	for i, d := range c.docs {
		x.Add(d.ID, sigs[i])
	}
	// About 30 of the 120 sketch elements of a document fit in 256
	// postings here, as in 4096 at 100k.
	x.limits = &dupLimits{budget: 256, minProbe: 24, maxPostings: 4096}
	dupCheckAgainst(t, x, dupBrute(c.docs, sigs), 0.98, 0.8, DefaultThreshold, 0.3)
	if s := x.stats; s.capped < s.searched*9/10 {
		t.Errorf("only %d of %d searches left common elements out: the test does not test them", s.capped, s.searched)
	}
}

func TestDupRecallTemplated(t *testing.T) {
	c := dgTemplate(6000, 5)
	sigs := SignAll(c.docs, 0, nil)
	truth := dgTruth(c, sigs)
	for _, lim := range []*dupLimits{nil, {budget: 512, minProbe: 24, maxPostings: 8192}} {
		x := NewIndex(Options{})
		for i, d := range c.docs {
			x.Add(d.ID, sigs[i])
		}
		x.limits = lim
		pairs := dupMustPairs(t, x, 0)
		found := map[[2]string]bool{}
		for _, p := range pairs {
			found[dgKey(p.A, p.B)] = true
			if p.Containment() < DefaultThreshold {
				t.Errorf("reported below the threshold: %+v", p)
			}
		}
		recall, per := dgRecall(c, truth, func(a, b string) bool { return found[dgKey(a, b)] })
		t.Logf("limits %+v: recall %.4f %v, %d pairs; %+v", lim, recall, per, len(pairs), x.stats)
		if recall < 0.99 {
			t.Errorf("limits %+v: recall %.4f < 0.99 (%v)", lim, recall, per)
		}
		for _, g := range c.stories {
			for i := range g {
				for j := i + 1; j < len(g); j++ {
					if found[dgKey(c.docs[g[i]].ID, c.docs[g[j]].ID)] {
						t.Errorf("same-event write-ups %d and %d reported", g[i], g[j])
					}
				}
			}
		}
	}
}

// TestDupCommonPhrasesOnly: documents made only of paragraphs that every
// tenth document has, so no sketch element is rare and, with the limits
// at their lowest, every search falls back on its dupMinRead rarest.
func TestDupCommonPhrasesOnly(t *testing.T) {
	g := newDGGenerator(12)
	var pool []string
	for range 40 {
		pool = append(pool, dgArticle{g.Paragraph()}.Render())
	}
	var docs []Doc
	for i := range 500 {
		var ps []string
		for _, k := range g.R.Perm(len(pool))[:4+g.R.IntN(5)] {
			ps = append(ps, pool[k])
		}
		docs = append(docs, Doc{ID: fmt.Sprintf("d%03d", i), Text: strings.Join(ps, "\n\n")})
		if i%10 == 0 { // a copy cut short
			docs = append(docs, Doc{ID: fmt.Sprintf("d%03dcut", i), Text: strings.Join(ps[:len(ps)*3/4], "\n\n")})
		}
	}
	sigs := SignAll(docs, 0, nil)
	x := NewIndex(Options{})
	for i, d := range docs {
		x.Add(d.ID, sigs[i])
	}
	x.limits = &dupLimits{budget: 1, minProbe: 1, maxPostings: 1}
	dupCheckAgainst(t, x, dupBrute(docs, sigs), 0.9, 0.8, DefaultThreshold)
	if s := x.stats; s.inL != s.searched*dupMinRead {
		t.Errorf("%d elements read over %d searches, want %d each", s.inL, s.searched, dupMinRead)
	}
}

func TestDupPairsCancel(t *testing.T) {
	c := dgTemplate(3000, 6)
	x := NewIndex(Options{Workers: 2})
	for _, d := range c.docs {
		x.Add(d.ID, Sign(d.Text))
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if pairs, err := x.Pairs(ctx, 0, nil); !errors.Is(err, context.Canceled) || pairs != nil {
		t.Fatalf("cancelled before: %d pairs, %v", len(pairs), err)
	}
	// Cancelled on the first progress report: the search stops well
	// before the end.
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	last := 0
	pairs, err := x.Pairs(ctx, 0, func(done, total int) {
		last = done
		if done > 0 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) || pairs != nil || last > len(c.docs)/2 {
		t.Fatalf("cancelled during: %d pairs, %v, searched %d of %d", len(pairs), err, last, len(c.docs))
	}
	// Find stops while signing too.
	ctx, cancel = context.WithCancel(context.Background())
	start := time.Now()
	_, err = Find(ctx, c.docs, Options{Workers: 1}, 0, func(done, total int) {
		if done > 0 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Find: %v after %v", err, time.Since(start))
	}
}
