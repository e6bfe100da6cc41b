package dup

import (
	"context"
	"math"
	"math/bits"
	"slices"
	"sort"
	"sync"
)

// dupMinShared is how many of n sketch elements a document must share with
// another for a containment of t to be plausible: three standard deviations
// under the expected t·n, so a pair at exactly the threshold is missed about
// once in 700 and one well above it practically never.
func dupMinShared(n int, t float64) int {
	m := int(math.Floor(float64(n)*t - 3*math.Sqrt(float64(n)*t*(1-t))))
	return max(1, min(m, n))
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
// dupSets are the sets dupSearch searches: each set's shingles (the whole
// set, or only its sketch when lean), and the size of its whole set.
type dupSets struct {
	sh    [][]uint32
	whole []int32
	lean  []bool
}

func dupSearch(ctx context.Context, in dupSets, rate, t float64, lim dupLimits, workers int, progress func(done, total int)) ([]dupRepPair, []dupRepPair, dupSearchStats, error) {
	sets := in.sh
	cut := uint64(math.Ceil(rate * (1 << 32)))
	cut = max(1, min(cut, 1<<32))
	nS := make([]int32, len(sets))
	for r, s := range sets {
		nS[r] = int32(sort.Search(len(s), func(i int) bool { return uint64(s[i]) >= cut }))
	}
	ix := dupBuildIndex(sets, nS, cut)
	var stats dupSearchStats
	if err := ctx.Err(); err != nil {
		return nil, nil, stats, err
	}

	var mu sync.Mutex
	var found, pend []dupRepPair // pend: candidates with a lean side, to score with whole sets
	const chunk = 64             // sets a worker takes at a time; its stats are flushed at each chunk's end
	err := dupParallel(ctx, len(sets), workers, chunk, progress, func() func(a int) {
		// A set's stamp (the searching set + 1) and its count, side by
		// side: one cache miss per posting, not two.
		marks := make([]dupMark, len(sets))
		var probes []uint64 // df<<32 | entry
		var at []uint32
		var cands []int32
		var local, localPend []dupRepPair
		var st dupSearchStats
		return func(a int) {
			defer func() {
				if a%chunk == chunk-1 || a == len(sets)-1 || len(local)+len(localPend) > 0 {
					mu.Lock()
					found = append(found, local...)
					pend = append(pend, localPend...)
					stats.add(st)
					mu.Unlock()
					local, localPend, st = local[:0], localPend[:0], dupSearchStats{}
				}
			}()
			sa := sets[a][:nS[a]]
			n := len(sa)
			if n == 0 {
				return
			}
			m := dupMinShared(n, t)
			exact := dupAtLeastShare(int(in.whole[a]), t)
			// An element is in the index when another set holds it. Two
			// passes: the directory loads are independent of each other,
			// so the memory system overlaps them instead of waiting on a
			// directory miss, then an entry miss, per element.
			at = slices.Grow(at[:0], n)[:n]
			for k, h := range sa {
				at[k] = ix.dir[h>>ix.shift]
			}
			probes = probes[:0]
			for k, h := range sa {
				e := ix.find(h, at[k])
				if e < 0 {
					continue // no other set holds it
				}
				if lo, hi := ix.postings(e); hi-lo > 1 {
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
				if in.lean[a] || in.lean[b] {
					localPend = append(localPend, dupRepPair{a: int32(a), b: b})
					continue
				}
				// The same share as Pair.AinB, so what passes here is
				// never reported below t.
				if dupIntersectAtLeast(sets[a], sets[b], exact) {
					local = append(local, dupRepPair{int32(a), b, int32(dupIntersect(sets[a], sets[b]))})
				}
			}
		}
	})
	if err != nil {
		return nil, nil, stats, err
	}
	return found, pend, stats, nil
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
