package dup

import (
	"cmp"
	"context"
	"math"
	"slices"
	"sort"
)

// Duplicate detection: exact copies by a hash of the normalised text, near
// copies by overlap of word shingles.
//
// How it works, and why:
//
//   - Shingles are ShingleWords consecutive normalised words (see
//     wordtok.Scanner) that do not cross a line break, so reordered paragraphs
//     keep every shingle and a re-wrapped copy loses only a few. A paragraph
//     shorter than that is one shingle. Each shingle is a 32-bit hash; a
//     document's signature is the sorted set of them (about 4 bytes per word),
//     so candidates are scored exactly rather than estimated from a sketch.
//
//   - The score is containment, max(|A∩B|/|A|, |A∩B|/|B|), reported with
//     Jaccard. A wire story cut to its first third sits wholly inside the full
//     version (containment 1) while its Jaccard is only about 0.3. MinHash
//     with k permutations estimates Jaccard, so LSH over it must be tuned that
//     low to catch such copies: short bands, many of them, and still a miss
//     whenever the cut is shorter than the tuning assumed.
//
//   - Candidates come from Broder's MOD-m sketch, the min-wise variant he
//     designed for containment ("On the resemblance and containment of
//     documents", 1997): every shingle whose hash is below a fixed cut (the
//     sample rate) is kept. Because the cut is the same for every document, the
//     sketch of A∩B is exactly the common part of the two sketches, so the
//     share of A's sketch found in B's estimates A's containment in B without
//     bias, whatever the sizes. As the hashes are sorted, the sketch is a prefix
//     of the signature and costs no extra memory. An inverted index over the
//     sketches is LSH banding with one row per band; a pair is a candidate only
//     when the smaller document's sketch shares enough elements (3 standard
//     deviations below what the threshold implies) with the larger one's.
//
//   - Prefix filtering (as in the AllPairs set-similarity join) makes that
//     cheap: to share m of its n sketch elements with anyone, a document must
//     share one of its n-m+1 rarest, so phrases found in thousands of
//     documents ("said in a statement on") are not even looked up unless
//     needed. Sketch elements no other document holds cannot be shared at
//     all: most of an ordinary article's are such, and it is done at once.
//
//   - That is not enough for templated text (generated, boilerplate-heavy,
//     or a corpus of results tables), where nearly every shingle recurs in
//     hundreds of documents: n-m+1 elements then reach most of the corpus,
//     and pairing 100,000 such articles took an estimated forty minutes.
//     So a document reads the postings of only its rarest elements, up to a
//     budget (about 25 of 120 on such text), and treats the rest as stop
//     shingles. They still count in the exact score; candidate search just
//     does not rely on them. A candidate must then share enough of the
//     elements read: what the rest could not make up for, or what a random
//     sample of that size would show at the threshold less three standard
//     deviations, whichever is more. Rarity is judged by powers of two of
//     the document frequency and ties go by hash, so the elements read are
//     spread over the text rather than taken from its one rarest paragraph:
//     copies that differ by whole paragraphs would otherwise be missed
//     whenever the missing paragraph was the rarest. A text made only of
//     common phrases still reads its eight rarest elements, however common
//     (see dupSearch for the figures).
//
//   - Documents with identical shingle sets are scored once, through one
//     representative, so a story syndicated a thousand times costs one query.

// DefaultThreshold is the containment at and above which Pairs reports a
// pair by default. At 0.5 a wire story cut to half its length, or lightly
// edited, or with a paragraph added, is found, while different write-ups of one
// event that share a quote or a few phrases (containment well under 0.2) are
// not.
const DefaultThreshold = 0.5

// DefaultSampleRate is the share of shingles indexed for candidate search:
// a 600-word article indexes about 150. Lower is faster and smaller; higher
// finds short documents' copies more reliably.
const DefaultSampleRate = 0.25

// DefaultMinShingles is the fewest distinct shingles (roughly words) a
// document needs to be compared for near-duplicates. Shorter texts (captions,
// stubs, cookie notices) are still paired when their shingle sets are equal.
const DefaultMinShingles = 20

// Kinds of Pair.
const (
	Exact = "exact" // the normalised texts are equal
	Near  = "near"  // the shingle sets overlap at or above the threshold
)

// Pair is two documents found to be copies of each other.
type Pair struct {
	A, B    string  // document IDs, A < B
	Jaccard float64 // |A∩B| / |A∪B| over shingle sets
	AinB    float64 // |A∩B| / |A|: how much of A is found in B
	BinA    float64 // |A∩B| / |B|: how much of B is found in A
	Kind    string  // Exact or Near
}

// Containment is the larger of the two directions: 1 when either document is
// wholly inside the other. Pairs are thresholded and ranked by it.
func (p Pair) Containment() float64 { return max(p.AinB, p.BinA) }

// Options tunes a Index. The zero value gives the defaults.
type Options struct {
	Workers     int     // goroutines used by Pairs; 0: one per CPU
	SampleRate  float64 // share of shingles indexed for candidates, (0,1]; 0: DefaultSampleRate
	MinShingles int     // fewest shingles for near-duplicate search; 0: DefaultMinShingles, <0: no minimum
	// Full gives the whole shingle sets of documents added by AddSketch,
	// when Pairs scores their candidates (see lean.go).
	Full FullSets
}

// Index collects signatures and finds the duplicate pairs among them. Add
// is cheap, so callers can keep signatures cached by content hash, add them all
// and compute only new or changed texts' signatures. A Index is not safe for
// concurrent use; run Pairs in the background and report its progress.
type Index struct {
	opts   Options
	docs   []dupEntry
	byID   map[string]int
	stats  dupSearchStats // of the last Pairs
	limits *dupLimits     // tests: other search limits
}

type dupEntry struct {
	id    string
	exact uint64
	set   uint64 // hash of the shingle set, to group identical sets
	n     int32  // shingles in the whole set
	sh    []uint32
	lean  bool // sh is only the sketch (AddSketch)
}

// NewIndex returns an empty index.
func NewIndex(opts Options) *Index {
	if opts.SampleRate <= 0 || opts.SampleRate > 1 || math.IsNaN(opts.SampleRate) {
		opts.SampleRate = DefaultSampleRate
	}
	if opts.MinShingles == 0 {
		opts.MinShingles = DefaultMinShingles
	}
	return &Index{opts: opts, byID: map[string]int{}}
}

// Len is the number of documents added.
func (x *Index) Len() int { return len(x.docs) }

// Add adds or replaces the document id. The index keeps sig.Shingles; do not
// modify it afterwards. A signature that is not Current (say, from an old
// cache) cannot be compared with current ones: the document is then left out
// of the results until it is added again with a fresh signature.
func (x *Index) Add(id string, sig Signature) {
	if !sig.Current() {
		sig = Signature{}
	}
	x.put(id, dupEntry{id: id, exact: sig.Exact, set: setHash(sig.Shingles), n: int32(len(sig.Shingles)), sh: sig.Shingles})
}

// sketchOf is the part of d's shingles below cut (all of them for a sketch).
func sketchOf(d *dupEntry, cut uint64) []uint32 {
	if d.lean {
		return d.sh
	}
	return d.sh[:sort.Search(len(d.sh), func(i int) bool { return uint64(d.sh[i]) >= cut })]
}

// dupRepPair is a near-duplicate pair between two group representatives.
type dupRepPair struct {
	a, b  int32 // representative numbers
	inter int32 // shared shingles
}

// Pairs returns every pair of documents whose containment is at least
// threshold (≤0: DefaultThreshold), most similar first (containment, then
// Jaccard, then IDs), the same for the same documents whatever the order they
// were added in. progress, when not nil, is called now and then with the
// number of documents searched so far and the number to search (identical
// copies and texts under MinShingles are not searched, so total can be less
// than Len); calls never overlap.
//
// Documents with the same words in the same paragraphs are always paired,
// whatever their length (k identical copies make k(k-1)/2 pairs); the pair is
// Exact when their normalised texts are equal. Near-duplicate search skips
// documents with fewer than MinShingles shingles. A pair is missed only when
// the sketches share too few shingles, which at exactly the threshold happens
// about once in 700 and at containment 0.8 or more practically never for
// article-length texts (see dupSearch for texts made of common phrases).
//
// Pairs stops soon after ctx is cancelled and returns its error.
func (x *Index) Pairs(ctx context.Context, threshold float64, progress func(done, total int)) ([]Pair, error) {
	if !(threshold > 0) {
		threshold = DefaultThreshold
	}
	threshold = min(threshold, 1)

	// Group documents with identical shingle sets; the member that sorts
	// first by ID represents the group.
	cut := sampleCut(x.opts.SampleRate)
	order := make([]int32, 0, len(x.docs))
	for i, d := range x.docs {
		if d.n > 0 {
			order = append(order, int32(i))
		}
	}
	slices.SortFunc(order, func(i, j int32) int {
		a, b := &x.docs[i], &x.docs[j]
		if c := cmp.Compare(a.set, b.set); c != 0 {
			return c
		}
		if c := cmp.Compare(a.n, b.n); c != 0 {
			return c
		}
		if c := slices.Compare(sketchOf(a, cut), sketchOf(b, cut)); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	var out []Pair
	type group struct{ lo, hi int32 } // members are order[lo:hi]
	var groups []group
	for lo := 0; lo < len(order); {
		hi := lo + 1
		for hi < len(order) && sameSet(&x.docs[order[hi]], &x.docs[order[lo]], cut) {
			hi++
		}
		groups = append(groups, group{int32(lo), int32(hi)})
		for i := lo; i < hi; i++ {
			for j := i + 1; j < hi; j++ {
				out = append(out, x.pair(order[i], order[j], int(x.docs[order[i]].n)))
			}
		}
		lo = hi
	}

	// Representatives long enough for near-duplicate search, numbered by
	// (size, ID) so that "b is the larger" is simply b > a.
	reps := make([]int32, 0, len(groups))
	for g, gr := range groups {
		if d := &x.docs[order[gr.lo]]; int(d.n) >= x.opts.MinShingles {
			reps = append(reps, int32(g))
		}
	}
	slices.SortFunc(reps, func(g, h int32) int {
		a, b := &x.docs[order[groups[g].lo]], &x.docs[order[groups[h].lo]]
		if c := cmp.Compare(a.n, b.n); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	sets := make([][]uint32, len(reps))
	whole := make([]int32, len(reps))
	lean := make([]bool, len(reps))
	for r, g := range reps {
		d := &x.docs[order[groups[g].lo]]
		sets[r], whole[r], lean[r] = d.sh, d.n, d.lean
	}

	lim := dupDefaultLimits
	if x.limits != nil {
		lim = *x.limits
	}
	rp, pend, stats, err := dupSearch(ctx, dupSets{sets, whole, lean}, x.opts.SampleRate, threshold, lim, x.opts.Workers, progress)
	x.stats = stats
	if err != nil {
		return nil, err
	}
	sets = nil
	scored, err := x.scoreLean(ctx, pend, func(r int32) *dupEntry { return &x.docs[order[groups[reps[r]].lo]] }, threshold)
	if err != nil {
		return nil, err
	}
	rp = append(rp, scored...)

	for _, p := range rp {
		ga, gb := groups[reps[p.a]], groups[reps[p.b]]
		for _, i := range order[ga.lo:ga.hi] {
			for _, j := range order[gb.lo:gb.hi] {
				out = append(out, x.pair(i, j, int(p.inter)))
			}
		}
	}
	slices.SortFunc(out, func(p, q Pair) int {
		if c := cmp.Compare(q.Containment(), p.Containment()); c != 0 {
			return c
		}
		if c := cmp.Compare(q.Jaccard, p.Jaccard); c != 0 {
			return c
		}
		if c := cmp.Compare(p.A, q.A); c != 0 {
			return c
		}
		return cmp.Compare(p.B, q.B)
	})
	return out, nil
}

// pair builds the Pair of documents i and j sharing inter shingles.
func (x *Index) pair(i, j int32, inter int) Pair {
	a, b := &x.docs[i], &x.docs[j]
	if a.id > b.id {
		a, b = b, a
	}
	la, lb, n := float64(a.n), float64(b.n), float64(inter)
	p := Pair{A: a.id, B: b.id, Jaccard: n / (la + lb - n), AinB: n / la, BinA: n / lb, Kind: Near}
	if a.exact != 0 && a.exact == b.exact {
		p.Kind = Exact
	}
	return p
}

// Find signs docs in parallel, indexes them and returns their
// duplicate pairs at the threshold (≤0: DefaultThreshold). progress runs
// over both phases: done goes from 0 to 2·len(docs). It stops soon after ctx
// is cancelled and returns its error.
func Find(ctx context.Context, docs []Doc, opts Options, threshold float64, progress func(done, total int)) ([]Pair, error) {
	n := len(docs)
	var p1, p2 func(done, total int)
	if progress != nil {
		p1 = func(done, _ int) { progress(done, 2*n) }
		p2 = func(done, total int) {
			if total > 0 {
				progress(n+done*n/total, 2*n)
			}
		}
	}
	sigs, err := signAll(ctx, docs, opts.Workers, p1)
	if err != nil {
		return nil, err
	}
	x := NewIndex(opts)
	for i, d := range docs {
		x.Add(d.ID, sigs[i])
	}
	pairs, err := x.Pairs(ctx, threshold, p2)
	if err != nil {
		return nil, err
	}
	if progress != nil {
		progress(2*n, 2*n)
	}
	return pairs, nil
}

// sameSet: a and b hold the same shingles (the whole-set hash, size and
// sketch agree).
func sameSet(a, b *dupEntry, cut uint64) bool {
	if a.set != b.set || a.n != b.n {
		return false
	}
	if !a.lean && !b.lean {
		return slices.Equal(a.sh, b.sh)
	}
	return slices.Equal(sketchOf(a, cut), sketchOf(b, cut))
}
