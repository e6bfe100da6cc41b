package dup

import (
	"math/bits"
	"sync"
)

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
