package dup

import (
	"math/bits"
)

// dupSketchIndex is an inverted index from sketch elements to the sets that
// hold them, laid out flat. ent[i] packs a distinct element (high 32 bits) and
// where its postings start in refs (low 32 bits); its postings, set numbers in
// ascending order, run to the next entry's start. The entries whose element
// has e>>shift == b are ent[dir[b]:dir[b+1]]: with about two per bucket, a
// lookup touches two cache lines. Elements only one set holds are left out
// (they cannot be shared, and are most of an ordinary corpus's), so a
// lookup may find nothing (see find).
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

// find returns the entry of element h, starting from its bucket's first
// entry at, or -1 when no two sets hold h.
func (ix *dupSketchIndex) find(h uint32, at uint32) int {
	end := ix.dir[h>>ix.shift+1]
	for e := at; e < end; e++ {
		if uint32(ix.ent[e]>>32) == h {
			return int(e)
		}
	}
	return -1
}

// dupParts is how many slices of the element range dupBuildIndex sorts one
// after another: its scratch memory is a slice's, not the whole index's.
const dupParts = 16

// dupBuildIndex indexes the first nS[r] elements of each set r, all below
// cut. Each slice of the element range is gathered in set order and radix
// sorted by element (LSD, stable, 10 bits a pass), which streams through
// memory instead of scattering into a table the size of the index; only
// elements that two or more sets hold are kept.
func dupBuildIndex(sets [][]uint32, nS []int32, cut uint64) *dupSketchIndex {
	bitsUsed := bits.Len64(cut - 1)
	partShift := uint(max(0, bitsUsed-4)) // dupParts = 1<<4 slices
	var count [dupParts]int
	for r, s := range sets {
		for _, h := range s[:nS[r]] {
			count[min(int(h>>partShift), dupParts-1)]++
		}
	}
	biggest := 0
	for _, n := range count {
		biggest = max(biggest, n)
	}
	buf := make([]uint64, biggest)
	tmp := make([]uint64, biggest)
	// gather collects a slice's (element, set) pairs and sorts them.
	gather := func(part int) []uint64 {
		ps := buf[:0]
		for r, s := range sets {
			for _, h := range s[:nS[r]] {
				if min(int(h>>partShift), dupParts-1) == part {
					ps = append(ps, uint64(h)<<32|uint64(r))
				}
			}
		}
		dupRadixSort(ps, tmp[:len(ps)], int(partShift)) // the slice's top bits are all the same
		return ps
	}
	// runs calls fn with each run of one element two or more sets hold.
	runs := func(ps []uint64, fn func(run []uint64)) {
		for i := 0; i < len(ps); {
			h := uint32(ps[i] >> 32)
			j := i + 1
			for j < len(ps) && uint32(ps[j]>>32) == h {
				j++
			}
			if j-i >= 2 {
				fn(ps[i:j])
			}
			i = j
		}
	}
	// Two passes, so the index is allocated once at its exact size: its
	// growing by appends would hold two copies at once.
	nEnt, nRefs := 0, 0
	for part := range dupParts {
		if count[part] > 0 {
			runs(gather(part), func(run []uint64) { nEnt, nRefs = nEnt+1, nRefs+len(run) })
		}
	}
	ent := make([]uint64, 0, nEnt+1)
	refs := make([]int32, 0, nRefs)
	for part := range dupParts {
		if count[part] == 0 {
			continue
		}
		runs(gather(part), func(run []uint64) {
			ent = append(ent, run[0]&^0xffffffff|uint64(len(refs)))
			for _, p := range run {
				refs = append(refs, int32(uint32(p)))
			}
		})
	}
	buf, tmp = nil, nil
	// Directory buckets: about two distinct elements per bucket.
	shift := uint(32)
	for shift > 0 && cut>>shift < uint64(max(1, len(ent)/2)) {
		shift--
	}
	nb := int((cut-1)>>shift) + 1
	dir := make([]uint32, nb+1)
	b := 0
	for e, x := range ent {
		for ; b <= int(uint32(x>>32)>>shift); b++ {
			dir[b] = uint32(e)
		}
	}
	for ; b <= nb; b++ {
		dir[b] = uint32(len(ent))
	}
	ent = append(ent, uint64(len(refs))) // sentinel: the end of the last postings
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
