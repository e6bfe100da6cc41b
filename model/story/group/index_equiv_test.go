package group

import (
	"cmp"
	"math"
	"slices"
	"testing"

	"storydesk/internal/gencorpus"
)

// TestCompactIndexAgrees holds the index, which keeps only the entries
// two articles can share, to the index of every entry it replaced: the
// same norms and exactly the same similar pairs and scores.
func TestCompactIndexAgrees(t *testing.T) {
	for _, c := range []*gencorpus.CopyCorpus{gencorpus.ZipfCopies(3000, 7), gencorpus.TemplateCopies(3000, 8)} {
		feats := make([][]uint32, len(c.Docs))
		days := make([]int32, len(c.Docs))
		for i, d := range c.Docs {
			if i%97 != 5 { // some articles without features
				feats[i] = Extract(d.Text).Keys
			}
			days[i] = int32(1 + i%9)
		}
		whole, compact := buildIndexWhole(feats), buildIndex(feats)
		if len(compact.keys) >= len(whole.keys) {
			t.Errorf("compact index keeps %d entries of %d", len(compact.keys), len(whole.keys))
		}
		for i := range feats {
			if whole.norm[i] != compact.norm[i] {
				t.Fatalf("article %d: norm %v, want %v", i, compact.norm[i], whole.norm[i])
			}
		}
		for a := int32(0); a < int32(len(feats)); a += 7 {
			for b := a + 1; b < int32(len(feats)); b += 13 {
				s1, q1 := whole.similarity(a, b)
				s2, q2 := compact.similarity(a, b)
				if s1 != s2 || q1 != q2 {
					t.Fatalf("similarity(%d, %d) = %v, %d; want %v, %d", a, b, s2, q2, s1, q1)
				}
			}
		}
		for _, th := range []float64{0.05, DefaultThreshold} {
			want := sortedEdges(similarEdges(whole, days, 4, th, 2))
			got := sortedEdges(similarEdges(compact, days, 4, th, 2))
			if len(want) == 0 || !slices.Equal(got, want) {
				t.Fatalf("threshold %v: %d edges, want the %d of the whole index", th, len(got), len(want))
			}
		}
	}
}

func sortedEdges(es []edge) []edge {
	slices.SortFunc(es, func(p, q edge) int {
		return cmp.Or(cmp.Compare(p.a, q.a), cmp.Compare(p.b, q.b), cmp.Compare(p.score, q.score))
	})
	return slices.Compact(es)
}

// buildIndexWhole counts, weighs and indexes the articles' features.
func buildIndexWhole(feats [][]uint32) *index {
	n := len(feats)
	x := &index{n: n, offs: make([]int32, n+1)}
	total := 0
	for i, f := range feats {
		total += len(f)
		x.offs[i+1] = int32(total)
	}
	x.keys = make([]uint32, 0, total)
	for _, f := range feats {
		x.keys = append(x.keys, f...)
	}
	t := newKeyTable(min(total, 1<<20))
	for _, k := range x.keys {
		t.add(k)
	}
	// Keys in more than maxPost articles are not indexed: stock phrases,
	// the capital's name. They still count in the exact score.
	x.maxPost = int32(max(64, n/50))
	x.df = make([]int32, total)
	x.weight = make([]float32, total)
	x.norm = make([]float32, n)
	// Postings: a start per indexed key (reusing the count slots), then
	// the articles in order.
	start := make([]int32, len(t.keys))
	var size int32
	for s, k := range t.keys {
		if k != 0 && t.count[s] >= 2 && t.count[s] <= x.maxPost {
			start[s] = size
			size += t.count[s]
		} else {
			start[s] = -1
		}
	}
	x.post = make([]int32, size)
	fill := make([]int32, len(t.keys))
	x.postAt = make([]int32, total)
	lnN := math.Log(float64(n + idfPrior))
	// An article with little that is specific to it (short, or made of
	// stock phrases and the names every article has) would otherwise look
	// like anything it shares two rare phrases with: its norm counts as at
	// least normFloor features of the rarest kind an article can share.
	floor := normFloor * (lnN - math.Log(3)) * (lnN - math.Log(3))
	for i := range n {
		var sum float64
		for e := x.offs[i]; e < x.offs[i+1]; e++ {
			k := x.keys[e]
			s := t.slot(k)
			df := t.count[s]
			var w float64
			if df <= x.maxPost {
				v := kindWeight[k>>kindShift] * (lnN - math.Log(float64(df+1)))
				w = v * v
			}
			x.df[e], x.weight[e] = df, float32(w)
			sum += w
			x.postAt[e] = start[s]
			if start[s] >= 0 {
				x.post[start[s]+fill[s]] = int32(i)
				fill[s]++
			}
		}
		x.norm[i] = float32(math.Sqrt(max(sum, floor)))
	}
	return x
}

// keyTable counts keys (the table buildIndex used before keyCounts): open addressing on a power-of-two table, growing
// at three-quarters full. Key 0 never occurs (a key's kind is at least 1),
// so it marks an empty slot.
type keyTable struct {
	keys  []uint32
	count []int32
	used  int
}

func newKeyTable(hint int) *keyTable {
	n := 1024
	for n < hint*4/3 {
		n <<= 1
	}
	return &keyTable{keys: make([]uint32, n), count: make([]int32, n)}
}

func (t *keyTable) slot(k uint32) int {
	mask := len(t.keys) - 1
	i := int(uint64(k)*0x9e3779b97f4a7c15>>32) & mask
	for t.keys[i] != 0 && t.keys[i] != k {
		i = (i + 1) & mask
	}
	return i
}

func (t *keyTable) add(k uint32) {
	if (t.used+1)*4 > len(t.keys)*3 {
		t.grow()
	}
	i := t.slot(k)
	if t.keys[i] == 0 {
		t.keys[i] = k
		t.used++
	}
	t.count[i]++
}

func (t *keyTable) grow() {
	old, oldCount := t.keys, t.count
	t.keys, t.count = make([]uint32, 2*len(old)), make([]int32, 2*len(old))
	for i, k := range old {
		if k != 0 {
			j := t.slot(k)
			t.keys[j], t.count[j] = k, oldCount[i]
		}
	}
}
