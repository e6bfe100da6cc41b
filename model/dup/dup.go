package dup

import (
	"cmp"
	"context"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"sort"
	"sync"
	"sync/atomic"

	"storydesk/model/wordtok"
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

// ShingleWords is how many words make one shingle. Five keeps unrelated
// articles from sharing shingles through common phrases while a changed word
// or figure costs only five shingles.
const ShingleWords = 5

// SignatureVersion changes whenever Sign would give a different result
// for the same text. Store it with cached signatures and recompute those with
// another version.
const SignatureVersion = 1

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

// Doc is a document to check for duplicates.
type Doc struct {
	ID   string
	Text string
}

// Signature is what duplicate detection needs to know about one text. It
// depends only on the text, so it can be cached by content hash; it is plain
// data (serialise it with encoding/json or gob).
type Signature struct {
	Version  int      // SignatureVersion when computed
	Exact    uint64   // hash of the normalised text; 0 when it has no words
	Words    int      // words (tokens) in the text
	Shingles []uint32 // hashes of the word shingles, sorted ascending, unique
}

// Current reports whether s was computed by this version of Sign.
func (s Signature) Current() bool { return s.Version == SignatureVersion }

// Bytes is the memory s holds, for sizing caches.
func (s Signature) Bytes() int { return 48 + 4*cap(s.Shingles) }

// Sign computes the duplicate-detection signature of a (cleaned) text.
func Sign(text string) Signature {
	var w dupSigner
	return w.sign(text)
}

// dupSigner keeps scratch buffers between documents.
type dupSigner struct {
	sc  wordtok.Scanner
	sh  []uint32
	tmp []uint32
}

// dupShingle combines token hashes, in order, into a 32-bit shingle hash. The
// token hashes are already well mixed, so rotating each by its position and
// XORing them keeps order and spread; one multiply folds the result.
func dupShingle(toks []uint64) uint32 {
	h := uint64(len(toks)) * 0x9e3779b97f4a7c15
	for i, t := range toks {
		h ^= bits.RotateLeft64(t, 13*i)
	}
	h ^= h >> 31
	h *= 0xff51afd7ed558ccd
	return uint32(h >> 32)
}

func (w *dupSigner) sign(text string) Signature {
	const k = ShingleWords
	sig := Signature{Version: SignatureVersion}
	w.sc.Reset(text, true)
	sh := w.sh[:0]
	var win [k]uint64 // the paragraph's last k token hashes, oldest first
	n := 0            // tokens in the current paragraph
	var t wordtok.Token
	for w.sc.Next(&t) {
		sig.Words++
		if t.Para {
			if n > 0 && n < k {
				sh = append(sh, dupShingle(win[k-n:]))
			}
			n = 0
		}
		copy(win[:], win[1:])
		win[k-1] = t.Hash
		if n++; n >= k {
			sh = append(sh, dupShingle(win[:]))
		}
	}
	if n > 0 && n < k {
		sh = append(sh, dupShingle(win[k-n:]))
	}
	if sig.Words > 0 {
		sig.Exact = wordtok.ExactHash(w.sc.Norm())
	}
	sh, w.tmp = dupSortUnique(sh, w.tmp)
	w.sh = sh
	if len(sh) > 0 {
		sig.Shingles = slices.Clone(sh)
	}
	return sig
}

// dupSortUnique sorts a (LSD radix, four byte-wide passes: several times
// faster than a comparison sort on a few hundred hashes) and drops repeats.
// tmp is scratch space; both are returned for reuse.
func dupSortUnique(a, tmp []uint32) ([]uint32, []uint32) {
	if len(a) < 64 {
		slices.Sort(a)
		return slices.Compact(a), tmp
	}
	tmp = slices.Grow(tmp[:0], len(a))[:len(a)]
	var cnt [4][256]int32
	for _, v := range a {
		cnt[0][v&0xff]++
		cnt[1][v>>8&0xff]++
		cnt[2][v>>16&0xff]++
		cnt[3][v>>24]++
	}
	src, dst := a, tmp
	for p := range 4 {
		c := &cnt[p]
		sum := int32(0)
		for i := range c {
			c[i], sum = sum, sum+c[i]
		}
		sh := 8 * p
		for _, v := range src {
			b := v >> sh & 0xff
			dst[c[b]] = v
			c[b]++
		}
		src, dst = dst, src
	}
	// After an even number of passes the result is back in a.
	return slices.Compact(a), tmp
}

// SignAll computes the signatures of docs on workers goroutines (0: one per
// CPU). progress, when not nil, is called now and then with the number done;
// calls never overlap.
func SignAll(docs []Doc, workers int, progress func(done, total int)) []Signature {
	out, _ := signAll(context.Background(), docs, workers, progress)
	return out
}

func signAll(ctx context.Context, docs []Doc, workers int, progress func(done, total int)) ([]Signature, error) {
	out := make([]Signature, len(docs))
	err := dupParallel(ctx, len(docs), workers, 64, progress, func() func(i int) {
		var w dupSigner
		return func(i int) { out[i] = w.sign(docs[i].Text) }
	})
	return out, err
}

// dupParallel runs job(i) for i in [0,n) on workers goroutines, handing out
// chunks of the given size. newJob is called once per goroutine so each has its
// own scratch space. Once ctx is cancelled no new chunk starts, and
// dupParallel returns ctx's error when the workers have stopped.
func dupParallel(ctx context.Context, n, workers, chunk int, progress func(done, total int), newJob func() func(i int)) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if workers > (n+chunk-1)/chunk {
		workers = max(1, (n+chunk-1)/chunk)
	}
	var next atomic.Int64
	var mu sync.Mutex
	done := 0
	if progress != nil {
		progress(0, n)
	}
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			job := newJob()
			for {
				lo := int(next.Add(int64(chunk))) - chunk
				if lo >= n || ctx.Err() != nil {
					return
				}
				hi := min(lo+chunk, n)
				for i := lo; i < hi; i++ {
					job(i)
				}
				if progress != nil {
					mu.Lock()
					done += hi - lo
					progress(done, n)
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	return ctx.Err()
}

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
	sh    []uint32
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
	// FNV-1 over the shingles, finished like the token hashes: only to
	// group identical sets in memory, so never stored.
	const fnvOffset, fnvPrime = 14695981039346656037, 1099511628211
	h := uint64(fnvOffset)
	for _, s := range sig.Shingles {
		h = (h ^ uint64(s)) * fnvPrime
	}
	e := dupEntry{id: id, exact: sig.Exact, set: wordtok.Mix(h), sh: sig.Shingles}
	if i, ok := x.byID[id]; ok {
		x.docs[i] = e
		return
	}
	x.byID[id] = len(x.docs)
	x.docs = append(x.docs, e)
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
	order := make([]int32, 0, len(x.docs))
	for i, d := range x.docs {
		if len(d.sh) > 0 {
			order = append(order, int32(i))
		}
	}
	slices.SortFunc(order, func(i, j int32) int {
		a, b := &x.docs[i], &x.docs[j]
		if c := cmp.Compare(a.set, b.set); c != 0 {
			return c
		}
		if c := slices.Compare(a.sh, b.sh); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	var out []Pair
	type group struct{ lo, hi int32 } // members are order[lo:hi]
	var groups []group
	for lo := 0; lo < len(order); {
		hi := lo + 1
		for hi < len(order) && x.docs[order[hi]].set == x.docs[order[lo]].set &&
			slices.Equal(x.docs[order[hi]].sh, x.docs[order[lo]].sh) {
			hi++
		}
		groups = append(groups, group{int32(lo), int32(hi)})
		for i := lo; i < hi; i++ {
			for j := i + 1; j < hi; j++ {
				out = append(out, x.pair(order[i], order[j], len(x.docs[order[i]].sh)))
			}
		}
		lo = hi
	}

	// Representatives long enough for near-duplicate search, numbered by
	// (size, ID) so that "b is the larger" is simply b > a.
	reps := make([]int32, 0, len(groups))
	for g, gr := range groups {
		if d := &x.docs[order[gr.lo]]; len(d.sh) >= x.opts.MinShingles {
			reps = append(reps, int32(g))
		}
	}
	slices.SortFunc(reps, func(g, h int32) int {
		a, b := &x.docs[order[groups[g].lo]], &x.docs[order[groups[h].lo]]
		if c := cmp.Compare(len(a.sh), len(b.sh)); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	sets := make([][]uint32, len(reps))
	for r, g := range reps {
		sets[r] = x.docs[order[groups[g].lo]].sh
	}

	lim := dupDefaultLimits
	if x.limits != nil {
		lim = *x.limits
	}
	rp, stats, err := dupSearch(ctx, sets, x.opts.SampleRate, threshold, lim, x.opts.Workers, progress)
	x.stats = stats
	if err != nil {
		return nil, err
	}

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
	la, lb, n := float64(len(a.sh)), float64(len(b.sh)), float64(inter)
	p := Pair{A: a.id, B: b.id, Jaccard: n / (la + lb - n), AinB: n / la, BinA: n / lb, Kind: Near}
	if a.exact != 0 && a.exact == b.exact {
		p.Kind = Exact
	}
	return p
}

// dupMinShared is how many of n sketch elements a document must share with
// another for a containment of t to be plausible: three standard deviations
// under the expected t·n, so a pair at exactly the threshold is missed about
// once in 700 and one well above it practically never.
func dupMinShared(n int, t float64) int {
	m := int(math.Floor(float64(n)*t - 3*math.Sqrt(float64(n)*t*(1-t))))
	return max(1, min(m, n))
}

// dupSketchIndex is an inverted index from sketch elements to the sets that
// hold them, laid out flat. ent[i] packs a distinct element (high 32 bits) and
// where its postings start in refs (low 32 bits); its postings, set numbers in
// ascending order, run to the next entry's start. The entries whose element
// has e>>shift == b are ent[dir[b]:dir[b+1]]: with about two per bucket, a
// lookup touches two cache lines.
type dupSketchIndex struct {
	shift uint
	dir   []uint32
	ent   []uint64
	refs  []int32
}

// df is how many sets hold entry e's element.
func (ix *dupSketchIndex) df(e int) int { return int(uint32(ix.ent[e+1]) - uint32(ix.ent[e])) }

// postings returns entry e's postings range in refs.
func (ix *dupSketchIndex) postings(e int) (lo, hi uint32) {
	return uint32(ix.ent[e]), uint32(ix.ent[e+1])
}

// dupBuildIndex indexes the first nS[r] elements of each set r, all below
// cut. The (element, set) pairs are gathered in set order and radix sorted by
// element (LSD, stable, 10 bits a pass), which streams through memory instead
// of scattering into a table the size of the index. The two halves of the
// element range are sorted in parallel.
func dupBuildIndex(sets [][]uint32, nS []int32, cut uint64) *dupSketchIndex {
	total := 0
	for _, n := range nS {
		total += int(n)
	}
	bitsUsed := bits.Len64(cut - 1)
	// Gather, splitting on the top element bit: the low half from the
	// front, the high half from the back, both in set order.
	half := uint32(0)
	if bitsUsed > 0 {
		half = 1 << (bitsUsed - 1)
	}
	ps := make([]uint64, total)
	lo, hi := 0, total
	for r, s := range sets {
		for _, h := range s[:nS[r]] {
			if h < half || half == 0 {
				ps[lo] = uint64(h)<<32 | uint64(r)
				lo++
			}
		}
	}
	for r := len(sets) - 1; r >= 0; r-- {
		s := sets[r][:nS[r]]
		for i := len(s) - 1; i >= 0 && s[i] >= half && half > 0; i-- {
			hi--
			ps[hi] = uint64(s[i])<<32 | uint64(r)
		}
	}
	tmp := make([]uint64, total+1) // the sort's scratch, then ent
	var wg sync.WaitGroup
	for _, part := range [][2]int{{0, lo}, {lo, total}} {
		wg.Go(func() { dupRadixSort(ps[part[0]:part[1]], tmp[part[0]:part[1]], bitsUsed-1) })
	}
	wg.Wait()
	// Directory buckets: about two distinct elements per bucket.
	shift := uint(32)
	for shift > 0 && cut>>shift < uint64(max(1, total/2)) {
		shift--
	}
	nb := int((cut-1)>>shift) + 1
	dir := make([]uint32, nb+1)
	ent := tmp[:0] // at most total distinct elements and the sentinel
	refs := make([]int32, total)
	b := 0
	prev := uint32(0)
	for i, p := range ps {
		h := uint32(p >> 32)
		refs[i] = int32(uint32(p))
		if i > 0 && h == prev {
			continue
		}
		prev = h
		for ; b <= int(h>>shift); b++ {
			dir[b] = uint32(len(ent))
		}
		ent = append(ent, uint64(h)<<32|uint64(i))
	}
	for ; b <= nb; b++ {
		dir[b] = uint32(len(ent))
	}
	ent = append(ent, uint64(total)) // sentinel: the end of the last postings
	return &dupSketchIndex{shift: shift, dir: dir, ent: ent, refs: refs}
}

// dupRadixSort stably sorts a by the low bits of its high 32 bits (the
// element), using tmp as scratch.
func dupRadixSort(a, tmp []uint64, bitsUsed int) {
	const radix = 10
	var cnt [1 << radix]int32
	src, dst := a, tmp
	for shift := 32; shift < 32+bitsUsed; shift += radix {
		clear(cnt[:])
		for _, p := range src {
			cnt[p>>shift&(1<<radix-1)]++
		}
		sum := int32(0)
		for i := range cnt {
			cnt[i], sum = sum, sum+cnt[i]
		}
		for _, p := range src {
			d := &cnt[p>>shift&(1<<radix-1)]
			dst[*d] = p
			*d++
		}
		src, dst = dst, src
	}
	if len(a) > 0 && &src[0] != &a[0] {
		copy(a, src)
	}
}

// Candidate search limits (see dupSearch). A document reads the postings of
// its rarest sketch elements up to dupPostingBudget postings in all; if that
// holds fewer than dupMinProbe elements, more as long as they total at most
// dupMaxPostings; and always its dupMinRead rarest, however common.
//
// The budget is what keeps templated text cheap: there nearly every shingle
// recurs in hundreds of documents. dupMinProbe elements let the count
// filter prune (with 24 at containment 0.5 a candidate needs about 5 of
// them; with 12, one, and then every candidate's sketch is compared, which
// on the templated corpus is ten times slower). dupMinRead is the floor for
// a text made only of common phrases: eight elements miss a copy at
// containment 0.8 about 3 times in a million.
const (
	dupPostingBudget = 4096
	dupMinProbe      = 24
	dupMaxPostings   = 1 << 16
	dupMinRead       = 8
)

// dupLimits are dupSearch's limits; tests lower them to reach the stop
// shingle paths on small corpora.
type dupLimits struct{ budget, minProbe, maxPostings int }

var dupDefaultLimits = dupLimits{dupPostingBudget, dupMinProbe, dupMaxPostings}

// dupSearch finds the pairs among sets (sorted by size) whose containment
// of the smaller in the larger is at least t. It stops early, returning
// ctx's error, when ctx is cancelled.
//
// For each set a (the smaller of its pairs, so only larger sets are looked
// at) with sketch S (n elements), a larger set b is a pair when its sketch
// shares X ≥ m = dupMinShared(n, t) elements with S and the full sets pass
// the threshold. S splits into U, the elements no other set holds (certainly
// not shared), L, the rarest of the others, whose postings are read, and H,
// the rest, too common to read (stop shingles, in this document's terms):
//
//   - When H is empty, X is counted exactly over L, and b needs m there.
//   - Otherwise b needs max(m − |H|, dupMinShared(|L|, t·n/|S∖U|)) in L: the
//     first bound is certain (H can supply at most |H|); the second is the
//     same three-standard-deviation bound applied to L as a sample of S∖U,
//     which holds all X shared elements. L is chosen by rarity, not by what
//     b shares, and an edit's new shingles fall in U, so the rarest
//     elements are if anything richer in shared ones than the rest. Where
//     rarity follows paragraphs (documents assembled from a pool of common
//     ones) L would sit in the rarest paragraph and share all or nothing;
//     grading rarity by powers of two, hash order within a grade, spreads
//     it. In a test of such documents at the lowest limits (L is then the
//     dupMinRead floor) 295 of 296 pairs at containment 0.8 or more are
//     found and 95% of those at 0.5 or more; on the generated corpora, at
//     the default limits, every planted copy.
//
// Prefix filtering then reads L from the rarest grade: a set reaching the
// bound must hold one of the first |L| − bound + 1 elements, so only those
// make candidates, and the rest of L adds to their counts. Candidates
// reaching the bound have their sketches intersected in full (X ≥ m), then
// their whole sets, so nothing is ever reported below t.
func dupSearch(ctx context.Context, sets [][]uint32, rate, t float64, lim dupLimits, workers int, progress func(done, total int)) ([]dupRepPair, dupSearchStats, error) {
	cut := uint64(math.Ceil(rate * (1 << 32)))
	cut = max(1, min(cut, 1<<32))
	nS := make([]int32, len(sets))
	for r, s := range sets {
		nS[r] = int32(sort.Search(len(s), func(i int) bool { return uint64(s[i]) >= cut }))
	}
	ix := dupBuildIndex(sets, nS, cut)
	var stats dupSearchStats
	if err := ctx.Err(); err != nil {
		return nil, stats, err
	}

	var mu sync.Mutex
	var found []dupRepPair
	const chunk = 64 // sets a worker takes at a time; its stats are flushed at each chunk's end
	err := dupParallel(ctx, len(sets), workers, chunk, progress, func() func(a int) {
		// A set's stamp (the searching set + 1) and its count, side by
		// side: one cache miss per posting, not two.
		marks := make([]dupMark, len(sets))
		var probes []uint64 // df<<32 | entry
		var at []uint32
		var cands []int32
		var local []dupRepPair
		var st dupSearchStats
		return func(a int) {
			defer func() {
				if a%chunk == chunk-1 || a == len(sets)-1 || len(local) > 0 {
					mu.Lock()
					found = append(found, local...)
					stats.add(st)
					mu.Unlock()
					local, st = local[:0], dupSearchStats{}
				}
			}()
			sa := sets[a][:nS[a]]
			n := len(sa)
			if n == 0 {
				return
			}
			m := dupMinShared(n, t)
			exact := dupAtLeastShare(len(sets[a]), t)
			// Every element is in the index (a's own postings). Two
			// passes: the directory loads are independent of each other,
			// so the memory system overlaps them instead of waiting on a
			// directory miss, then an entry miss, per element.
			at = slices.Grow(at[:0], n)[:n]
			for k, h := range sa {
				at[k] = ix.dir[h>>ix.shift]
			}
			probes = probes[:0]
			for k, h := range sa {
				e := at[k]
				for uint32(ix.ent[e]>>32) != h {
					e++
				}
				if lo, hi := uint32(ix.ent[e]), uint32(ix.ent[e+1]); hi-lo > 1 {
					probes = append(probes, uint64(bits.Len32(hi-lo))<<32|uint64(e))
				}
			}
			ns := len(probes) // |S∖U|
			if ns < m {
				return // U alone leaves too few to share
			}
			slices.Sort(probes) // rarest first
			nl, cost := 0, 0
			for nl < ns {
				df := ix.df(int(uint32(probes[nl])))
				if nl >= dupMinRead && cost+df > lim.budget && (nl >= lim.minProbe || cost+df > lim.maxPostings) {
					break
				}
				cost += df
				nl++
			}
			need := m // in L
			if nl < ns {
				st.capped++
				p := min(1, t*float64(n)/float64(ns))
				need = max(m-(ns-nl), dupMinShared(nl, p))
			}
			if need > nl {
				return
			}
			prefix := nl - need + 1
			st.searched++
			st.probed += int64(prefix)
			st.inL += int64(nl)
			st.need += int64(need)

			cands = cands[:0]
			stampA := int32(a) + 1
			for _, pr := range probes[:prefix] {
				lo, hi := ix.postings(int(uint32(pr)))
				st.postings += int64(hi - lo)
				// Postings ascend: read from the end, down to a.
				for j := int(hi) - 1; j >= int(lo); j-- {
					b := ix.refs[j]
					if int(b) <= a {
						break
					}
					mk := &marks[b]
					if mk.stamp != stampA {
						mk.stamp, mk.count = stampA, 0
						cands = append(cands, b)
					}
					mk.count++
				}
			}
			if len(cands) == 0 {
				return
			}
			// The rest of L only adds to candidates' counts: read its
			// postings, or look its elements up in each candidate's
			// sketch, whichever is cheaper.
			rest := probes[prefix:nl]
			restCost := 0
			for _, pr := range rest {
				restCost += ix.df(int(uint32(pr)))
			}
			st.cands += int64(len(cands))
			if restCost <= len(cands)*len(rest)*8 {
				st.postings += int64(restCost)
				for _, pr := range rest {
					lo, hi := ix.postings(int(uint32(pr)))
					for j := int(hi) - 1; j >= int(lo); j-- {
						b := ix.refs[j]
						if int(b) <= a {
							break
						}
						if mk := &marks[b]; mk.stamp == stampA {
							mk.count++
						}
					}
				}
			} else {
				for _, b := range cands {
					sb := sets[b][:nS[b]]
					for _, pr := range rest {
						h := uint32(ix.ent[uint32(pr)] >> 32)
						if _, ok := slices.BinarySearch(sb, h); ok {
							marks[b].count++
						}
					}
				}
			}
			for _, b := range cands {
				if int(marks[b].count) < need {
					continue
				}
				st.counted++
				// Counted over all of S∖U, the count is X itself.
				if nl < ns && !dupIntersectAtLeast(sa, sets[b][:nS[b]], m) {
					continue
				}
				st.sketched++
				// The same share as Pair.AinB, so what passes here is
				// never reported below t.
				if dupIntersectAtLeast(sets[a], sets[b], exact) {
					local = append(local, dupRepPair{int32(a), b, int32(dupIntersect(sets[a], sets[b]))})
				}
			}
		}
	})
	if err != nil {
		return nil, stats, err
	}
	return found, stats, nil
}

type dupMark struct{ stamp, count int32 }

// dupSearchStats counts dupSearch's work, for benchmarks and tuning.
type dupSearchStats struct {
	searched int64 // sets whose postings were read
	capped   int64 // ... of which some sketch elements were too common to read
	inL      int64 // elements in L, summed over those sets
	need     int64 // the bounds in L, summed
	probed   int64 // elements making candidates (prefixes), summed
	postings int64 // postings read
	cands    int64 // candidates the prefix found
	counted  int64 // candidates reaching the bound in L
	sketched int64 // ... and sharing enough of the sketch: whole sets compared
}

func (s *dupSearchStats) add(o dupSearchStats) {
	s.searched += o.searched
	s.capped += o.capped
	s.inL += o.inL
	s.need += o.need
	s.probed += o.probed
	s.postings += o.postings
	s.cands += o.cands
	s.counted += o.counted
	s.sketched += o.sketched
}

// dupIntersect counts the elements two sorted sets share. The steps are
// written so the compiler makes them conditional moves: which side
// advances is a coin toss the branch predictor loses, and branch-free
// merging is over twice as fast.
func dupIntersect(a, b []uint32) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		x, y := a[i], b[j]
		di, dj, eq := 0, 0, 0
		if x <= y {
			di = 1
		}
		if y <= x {
			dj = 1
		}
		if x == y {
			eq = 1
		}
		n += eq
		i += di
		j += dj
	}
	return n
}

// dupIntersectAtLeast reports whether sorted sets a and b share at least m
// elements, stopping as soon as the answer is known.
func dupIntersectAtLeast(a, b []uint32, m int) bool {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		if n+len(a)-i < m || n+len(b)-j < m {
			return false
		}
		x, y := a[i], b[j]
		di, dj, eq := 0, 0, 0
		if x <= y {
			di = 1
		}
		if y <= x {
			dj = 1
		}
		if x == y {
			eq = 1
		}
		n += eq
		i += di
		j += dj
	}
	return n >= m
}

// dupAtLeastShare is the fewest of n elements whose share reaches t, as
// Pair computes shares (k/n in float64).
func dupAtLeastShare(n int, t float64) int {
	k := int(math.Ceil(t * float64(n)))
	for k > 0 && float64(k-1)/float64(n) >= t {
		k--
	}
	for k <= n && float64(k)/float64(n) < t {
		k++
	}
	return k
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
