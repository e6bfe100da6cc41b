package group

import (
	"math"
	"slices"
)

// The inverted index behind Stories: document frequencies of the feature
// keys, the weight of every key of every article, and postings for the
// keys worth reading.
//
// Weights are inverse document frequencies with a pseudo-count: ln((N +
// idfPrior) / (df + 1)), times the kind's weight. The prior stands for the
// background corpus the features were picked from (capitalised names,
// quotations and figures are specific things to begin with), so that in a
// corpus of five articles, where rarity cannot be judged, every feature
// weighs about the same, while in 100,000 a name in half the corpus weighs
// almost nothing.
const idfPrior = 50

// normFloor is the fewest features an article's norm counts (see
// buildIndex).
const normFloor = 40

// keyCounts counts the keys held by two articles or more: those keys,
// sorted, with how many articles hold each, and a directory from a key's
// top bits to where keys with those bits start. A key it lacks is held by
// one article. The keys are counted a range of top bits at a time (each
// article's keys are sorted, so each range is a run of them), so neither
// a copy of every key nor a hash table of them is ever held: at 100k
// articles either was the largest thing grouping allocated.
type keyCounts struct {
	keys  []uint32
	count []int32
	dir   []int32 // keys with top bits b are keys[dir[b]:dir[b+1]]
}

const (
	dirShift  = 12 // leaves a key's top 20 bits for the directory
	partShift = 26 // keys are counted in 64 ranges of their top bits
)

func countKeys(feats [][]uint32) *keyCounts {
	t := &keyCounts{dir: make([]int32, 1<<(32-dirShift)+1)}
	cur := make([]int32, len(feats))
	var buf []uint32
	for p := range uint32(1 << (32 - partShift)) {
		buf = buf[:0]
		for i, f := range feats {
			c := cur[i]
			for int(c) < len(f) && f[c]>>partShift == p {
				buf = append(buf, f[c])
				c++
			}
			cur[i] = c
		}
		slices.Sort(buf)
		for i := 0; i < len(buf); {
			j := i + 1
			for j < len(buf) && buf[j] == buf[i] {
				j++
			}
			if j-i >= 2 {
				t.keys = append(t.keys, buf[i])
				t.count = append(t.count, int32(j-i))
			}
			i = j
		}
	}
	t.keys, t.count = slices.Clip(t.keys), slices.Clip(t.count)
	b := 0
	for i, k := range t.keys {
		for ; b <= int(k>>dirShift); b++ {
			t.dir[b] = int32(i)
		}
	}
	for ; b < len(t.dir); b++ {
		t.dir[b] = int32(len(t.keys))
	}
	return t
}

// df is how many articles hold key k, and its slot in t.keys (-1 when
// only one article holds it).
func (t *keyCounts) df(k uint32) (slot int, df int32) {
	b := k >> dirShift
	lo, hi := int(t.dir[b]), int(t.dir[b+1])
	i, ok := slices.BinarySearch(t.keys[lo:hi], k)
	if !ok {
		return -1, 1
	}
	return lo + i, t.count[lo+i]
}

// index is the corpus as grouping reads it. An article's entries are
// slots of the keys it can share: a key's weight, document frequency and
// postings are stored once per key, not once per article holding it (at
// 100k articles, millions of entries). Slots are numbered in key order,
// so an article's entries are ascending in both.
type index struct {
	n       int
	offs    []int32   // article i's entries are ent[offs[i]:offs[i+1]]
	ent     []int32   // the slot of each entry
	key     []uint32  // per slot: the key
	weight  []float32 // per slot: its weight
	df      []int32   // per slot: how many articles hold it
	postAt  []int32   // per slot: where its postings start in post (-1: not indexed)
	norm    []float32 // sqrt of the sum of an article's weights
	post    []int32   // postings: article numbers, ascending, per key
	maxPost int32     // keys in more articles than this have no postings
}

// buildIndex counts, weighs and indexes the articles' features.
//
// Only the entries another article can share are kept (a key in at least
// two articles and in no more than maxPost): a key only one article holds
// never adds to a shared weight, and a stop key weighs nothing, so both
// count in an article's norm and are then dropped. That is over half the
// entries, and the index used to copy every one of them four times.
func buildIndex(feats [][]uint32) *index {
	n := len(feats)
	x := &index{n: n, offs: make([]int32, n+1)}
	t := countKeys(feats)
	// Keys in more than maxPost articles are not indexed: stock phrases,
	// the capital's name. They still count in the exact score.
	x.maxPost = int32(max(64, n/50))
	shared := func(df int32) bool { return df >= 2 && df <= x.maxPost }
	// Postings: each indexed key's run ends at start[s] at first, and is
	// filled from its end with the articles in descending order, so it
	// ends up ascending with start[s] at its beginning.
	start := make([]int32, len(t.keys))
	var size int32
	for s := range t.keys {
		if shared(t.count[s]) {
			size += t.count[s]
			start[s] = size
		}
	}
	x.post = make([]int32, size)
	for i := n - 1; i >= 0; i-- {
		for _, k := range feats[i] {
			if s, df := t.df(k); shared(df) {
				start[s]--
				x.post[start[s]] = int32(i)
			}
		}
	}
	x.key, x.df, x.postAt = t.keys, t.count, start
	x.weight = make([]float32, len(t.keys))
	x.ent = make([]int32, 0, size)
	x.norm = make([]float32, n)
	lnN := math.Log(float64(n + idfPrior))
	weigh := func(k uint32, df int32) float64 {
		if df > x.maxPost {
			return 0
		}
		v := kindWeight[k>>kindShift] * (lnN - math.Log(float64(df+1)))
		return v * v
	}
	for s, k := range t.keys {
		x.weight[s] = float32(weigh(k, t.count[s]))
		if !shared(t.count[s]) {
			start[s] = -1
		}
	}
	// An article with little that is specific to it (short, or made of
	// stock phrases and the names every article has) would otherwise look
	// like anything it shares two rare phrases with: its norm counts as at
	// least normFloor features of the rarest kind an article can share.
	floor := normFloor * (lnN - math.Log(3)) * (lnN - math.Log(3))
	for i, f := range feats {
		var sum float64
		for _, k := range f {
			s, df := t.df(k)
			sum += weigh(k, df)
			if shared(df) {
				x.ent = append(x.ent, int32(s))
			}
		}
		x.offs[i+1] = int32(len(x.ent))
		x.norm[i] = float32(math.Sqrt(max(sum, floor)))
	}
	x.ent = slices.Clip(x.ent)
	return x
}

// postings returns the articles holding the key in slot s, ascending.
func (x *index) postings(s int32) []int32 {
	at := x.postAt[s]
	if at < 0 {
		return nil
	}
	return x.post[at : at+x.df[s]]
}

// similarity is the cosine of two articles' weighted feature sets (the
// weight they share over the geometric mean of their own), and how many
// quotation keys of some weight they share.
func (x *index) similarity(a, b int32) (sim float64, quotes int) {
	if x.norm[a] == 0 || x.norm[b] == 0 {
		return 0, 0
	}
	i, ie := x.offs[a], x.offs[a+1]
	j, je := x.offs[b], x.offs[b+1]
	var shared float64
	for i < ie && j < je {
		switch sa, sb := x.ent[i], x.ent[j]; {
		case sa < sb:
			i++
		case sa > sb:
			j++
		default:
			w := x.weight[sa]
			shared += float64(w)
			if x.key[sa]>>kindShift == kindQuote && w > 0 {
				quotes++
			}
			i++
			j++
		}
	}
	return shared / (float64(x.norm[a]) * float64(x.norm[b])), quotes
}

// readOrder returns the slots of article a's keys that have postings,
// rarest first (ties by key), and the weight of the shareable keys it
// leaves unread: keys too common to index, or past the budget.
func (x *index) readOrder(a int32, budget int, buf []int32) (read []int32, unread float64) {
	buf = buf[:0]
	for _, s := range x.ent[x.offs[a]:x.offs[a+1]] {
		switch {
		case x.df[s] < 2:
		case x.postAt[s] < 0:
			unread += float64(x.weight[s]) // 0 for stop keys
		default:
			buf = append(buf, s)
		}
	}
	slices.SortFunc(buf, func(p, q int32) int {
		if x.df[p] != x.df[q] {
			return int(x.df[p] - x.df[q])
		}
		return int(p - q) // slots are in key order
	})
	n := 0
	for k, s := range buf {
		if n >= budget && k >= minRead {
			for _, f := range buf[k:] {
				unread += float64(x.weight[f])
			}
			return buf[:k], unread
		}
		n += int(x.df[s])
	}
	return buf, unread
}

// Candidate search limits: an article reads the postings of its rarest
// keys up to readBudget articles in all, and at least its minRead rarest.
const (
	readBudget = 1 << 16
	minRead    = 8
)
