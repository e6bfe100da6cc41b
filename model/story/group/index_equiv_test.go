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
		if len(compact.ent) >= len(whole.ent) {
			t.Errorf("compact index keeps %d entries of %d", len(compact.ent), len(whole.ent))
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

// buildIndexWhole counts, weighs and indexes the articles' features the
// way the index was first built: every entry kept (keys held by one
// article and stop keys included), keys counted in a hash table.
func buildIndexWhole(feats [][]uint32) *index {
	n := len(feats)
	x := &index{n: n, offs: make([]int32, n+1)}
	total := 0
	var all []uint32
	for i, f := range feats {
		total += len(f)
		x.offs[i+1] = int32(total)
		all = append(all, f...)
	}
	t := newKeyTable(min(total, 1<<20))
	for _, k := range all {
		t.add(k)
	}
	// Slots in key order, one per distinct key.
	x.key = slices.Compact(slices.Sorted(slices.Values(all)))
	slot := make(map[uint32]int32, len(x.key))
	for s, k := range x.key {
		slot[k] = int32(s)
	}
	// Keys in more than maxPost articles are not indexed: stock phrases,
	// the capital's name. They still count in the exact score.
	x.maxPost = int32(max(64, n/50))
	x.df = make([]int32, len(x.key))
	x.weight = make([]float32, len(x.key))
	x.postAt = make([]int32, len(x.key))
	x.norm = make([]float32, n)
	lnN := math.Log(float64(n + idfPrior))
	var size int32
	for s, k := range x.key {
		df := t.count[t.slot(k)]
		x.df[s] = df
		if df <= x.maxPost {
			v := kindWeight[k>>kindShift] * (lnN - math.Log(float64(df+1)))
			x.weight[s] = float32(v * v)
		}
		if df >= 2 && df <= x.maxPost {
			x.postAt[s] = size
			size += df
		} else {
			x.postAt[s] = -1
		}
	}
	x.post = make([]int32, size)
	fill := make([]int32, len(x.key))
	floor := normFloor * (lnN - math.Log(3)) * (lnN - math.Log(3))
	x.ent = make([]int32, 0, total)
	for i, f := range feats {
		var sum float64
		for _, k := range f {
			s := slot[k]
			x.ent = append(x.ent, s)
			df := x.df[s]
			var w float64
			if df <= x.maxPost {
				v := kindWeight[k>>kindShift] * (lnN - math.Log(float64(df+1)))
				w = v * v
			}
			sum += w
			if at := x.postAt[s]; at >= 0 {
				x.post[at+fill[s]] = int32(i)
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
