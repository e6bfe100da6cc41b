package dup

import (
	"context"
	"math"
	"slices"
	"sort"

	"storydesk/model/wordtok"
)

// Lean signatures: what an index of a large corpus keeps in memory.
//
// A full signature holds every shingle (about 4 bytes per word: 240 MB for
// 100,000 articles of 600 words). Candidate search reads only the sketch,
// the shingles under the sample cut (a quarter of them by default); the
// whole sets are needed only to score the few candidates that share enough
// of their sketches. So a Sketch keeps the sketch, the size of the whole
// set and its hashes, and the index asks Options.Full for the whole sets
// of the candidates' documents when it scores them: a corpus is signed once
// while it is read, and only texts with likely copies are read again.

// Sketch is the part of a Signature an Index needs in memory. Make one with
// Signature.Sketch; the zero value is a text with no words.
type Sketch struct {
	Version int      // SignatureVersion of the signature it came from
	Exact   uint64   // Signature.Exact
	Set     uint64   // hash of the whole shingle set (groups identical sets)
	N       int      // shingles in the whole set
	Cut     uint64   // the sample cut the sketch was taken at
	Sample  []uint32 // the shingles below Cut, ascending
}

// Bytes is the memory s holds, for sizing caches.
func (s Sketch) Bytes() int { return 64 + 4*cap(s.Sample) }

// Current reports whether s was made from a signature of this version.
func (s Sketch) Current() bool { return s.Version == SignatureVersion }

// sampleCut is the hash cut of a sample rate.
func sampleCut(rate float64) uint64 {
	if rate <= 0 || rate > 1 || math.IsNaN(rate) {
		rate = DefaultSampleRate
	}
	return max(1, min(uint64(math.Ceil(rate*(1<<32))), 1<<32))
}

// setHash hashes a whole shingle set, only to group identical sets in
// memory (FNV-1, finished like the token hashes), so it is never stored.
func setHash(sh []uint32) uint64 {
	const fnvOffset, fnvPrime = 14695981039346656037, 1099511628211
	h := uint64(fnvOffset)
	for _, s := range sh {
		h = (h ^ uint64(s)) * fnvPrime
	}
	return wordtok.Mix(h)
}

// Sketch returns s's sketch at the sample rate (≤0: DefaultSampleRate), a
// copy that does not hold on to s.Shingles.
func (s Signature) Sketch(rate float64) Sketch {
	cut := sampleCut(rate)
	k := sort.Search(len(s.Shingles), func(i int) bool { return uint64(s.Shingles[i]) >= cut })
	sk := Sketch{Version: s.Version, Exact: s.Exact, Set: setHash(s.Shingles), N: len(s.Shingles), Cut: cut}
	if k > 0 {
		sk.Sample = slices.Clone(s.Shingles[:k])
	}
	return sk
}

// FullSets is Options.Full: it calls put with the whole shingle set
// (Signature.Shingles) of each document in ids it can find, from any
// goroutine but never two calls at once, and returns when done. A document
// it cannot find is left out of the pairs it would be in.
type FullSets func(ctx context.Context, ids []string, put func(id string, shingles []uint32)) error

// AddSketch adds or replaces the document id by its sketch. Its near-copy
// pairs are scored with the whole sets Options.Full gives, so an index
// holding sketches needs Full (without it such documents pair only with
// identical texts). A sketch taken at another sample rate than the index's,
// or not Current, leaves the document out until it is added again.
func (x *Index) AddSketch(id string, sk Sketch) {
	if !sk.Current() || sk.Cut != sampleCut(x.opts.SampleRate) {
		sk = Sketch{}
	}
	x.put(id, dupEntry{id: id, exact: sk.Exact, set: sk.Set, n: int32(sk.N), sh: sk.Sample, lean: true})
}

func (x *Index) put(id string, e dupEntry) {
	if i, ok := x.byID[id]; ok {
		x.docs[i] = e
		return
	}
	x.byID[id] = len(x.docs)
	x.docs = append(x.docs, e)
}

// leanBatch is how many documents' whole sets are asked for at once when
// scoring candidates: the memory held is theirs only.
const leanBatch = 2048

// scoreLean scores the candidate pairs (of representatives) that involve a
// sketch: it fetches the whole sets through x.opts.Full, a batch of
// documents at a time, and keeps the pairs that reach exact (the fewest
// shared shingles for the threshold, per smaller set).
func (x *Index) scoreLean(ctx context.Context, pend []dupRepPair, doc func(r int32) *dupEntry, t float64) ([]dupRepPair, error) {
	if len(pend) == 0 || x.opts.Full == nil {
		return nil, nil
	}
	slices.SortFunc(pend, func(p, q dupRepPair) int {
		if p.a != q.a {
			return int(p.a - q.a)
		}
		return int(p.b - q.b)
	})
	var out []dupRepPair
	for start := 0; start < len(pend); {
		// Take pairs until their documents fill a batch.
		want := map[int32]bool{}
		end := start
		for end < len(pend) && (len(want) < leanBatch || want[pend[end].a] && want[pend[end].b]) {
			want[pend[end].a], want[pend[end].b] = true, true
			end++
		}
		ids := make([]string, 0, len(want))
		byID := map[string]int32{}
		for r := range want {
			d := doc(r)
			if d.lean {
				ids = append(ids, d.id)
				byID[d.id] = r
			}
		}
		slices.Sort(ids)
		full := make(map[int32][]uint32, len(want))
		for r := range want {
			if d := doc(r); !d.lean {
				full[r] = d.sh
			}
		}
		err := x.opts.Full(ctx, ids, func(id string, sh []uint32) {
			if r, ok := byID[id]; ok && len(sh) == int(doc(r).n) {
				full[r] = sh
			}
		})
		if err != nil {
			return nil, err
		}
		for _, p := range pend[start:end] {
			a, b := full[p.a], full[p.b]
			if a == nil || b == nil {
				continue
			}
			if dupIntersectAtLeast(a, b, dupAtLeastShare(len(a), t)) {
				out = append(out, dupRepPair{p.a, p.b, int32(dupIntersect(a, b))})
			}
		}
		start = end
	}
	return out, ctx.Err()
}
