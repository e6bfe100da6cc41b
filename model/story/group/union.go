package group

import (
	"cmp"
	"slices"
)

// union is a disjoint-set forest over articles that refuses merges an
// annotator or the date window forbids. Per root it keeps the story's pin
// key and the span of its known dates; per article, the articles it is
// kept apart from.
type union struct {
	parent, size []int32
	lo, hi       []int32 // known days of the root's set: earliest, latest (0: none)
	pin          map[int32]string
	apart        map[int32][]int32
	window       int
}

func newUnion(n int, days []int32, window int) *union {
	u := &union{parent: make([]int32, n), size: make([]int32, n), lo: make([]int32, n), hi: make([]int32, n),
		pin: map[int32]string{}, apart: map[int32][]int32{}, window: window}
	for i := range u.parent {
		u.parent[i], u.size[i] = int32(i), 1
		u.lo[i], u.hi[i] = days[i], days[i]
	}
	return u
}

func (u *union) find(i int32) int32 {
	for u.parent[i] != i {
		u.parent[i] = u.parent[u.parent[i]]
		i = u.parent[i]
	}
	return i
}

// union joins a's and b's sets and returns "", or "same" when they are
// one set already, or why it may not (a Refused* reason).
func (u *union) union(a, b int32) string {
	ra, rb := u.find(a), u.find(b)
	if ra == rb {
		return "same"
	}
	if pa, pb := u.pin[ra], u.pin[rb]; pa != "" && pb != "" && pa != pb {
		return RefusedPinned
	}
	if u.keptApart(ra, rb) {
		return RefusedApart
	}
	if u.window >= 0 {
		lo, hi := spanOf(u.lo[ra], u.hi[ra], u.lo[rb], u.hi[rb])
		// A link may not stretch a story past the window; a story an
		// annotator made wider already may keep what fits in it.
		if hi-lo > int32(u.window) && hi-lo > max(u.hi[ra]-u.lo[ra], u.hi[rb]-u.lo[rb]) {
			return RefusedWindow
		}
	}
	u.join(ra, rb)
	return ""
}

// force joins a's and b's sets whatever the dates say (pins).
func (u *union) force(a, b int32) {
	if ra, rb := u.find(a), u.find(b); ra != rb {
		u.join(ra, rb)
	}
}

func (u *union) join(ra, rb int32) {
	if u.size[ra] < u.size[rb] {
		ra, rb = rb, ra
	}
	u.parent[rb] = ra
	u.size[ra] += u.size[rb]
	u.lo[ra], u.hi[ra] = spanOf(u.lo[ra], u.hi[ra], u.lo[rb], u.hi[rb])
	if p := u.pin[rb]; p != "" {
		u.pin[ra] = p
	}
}

// keptApart reports whether any article of one set is kept apart from one
// of the other. Hand edits are few, so scanning them is cheap.
func (u *union) keptApart(ra, rb int32) bool {
	for i, others := range u.apart {
		ri := u.find(i)
		if ri != ra && ri != rb {
			continue
		}
		for _, j := range others {
			if rj := u.find(j); rj != ri && (rj == ra || rj == rb) {
				return true
			}
		}
	}
	return false
}

// spanOf merges two day spans, 0 meaning unknown.
func spanOf(lo1, hi1, lo2, hi2 int32) (int32, int32) {
	if lo1 == 0 {
		return lo2, hi2
	}
	if lo2 == 0 {
		return lo1, hi1
	}
	return min(lo1, lo2), max(hi1, hi2)
}

// clusters lists the sets, with the links that made them.
func (u *union) clusters(items []Item, links []edge) ([]Cluster, []int) {
	n := len(u.parent)
	slot := make(map[int32]int, 0)
	var out []Cluster
	of := make([]int, n)
	for i := range int32(n) {
		r := u.find(i)
		k, ok := slot[r]
		if !ok {
			k = len(out)
			slot[r] = k
			out = append(out, Cluster{})
		}
		out[k].Members = append(out[k].Members, items[i].ID)
		of[i] = k
	}
	for _, e := range links {
		k := slot[u.find(e.a)]
		out[k].Links = append(out[k].Links, e.link(items, ""))
	}
	for r, k := range slot {
		c := &out[k]
		slices.Sort(c.Members)
		c.Members = slices.Compact(c.Members)
		c.ID, c.Pinned = c.Members[0], false
		if p := u.pin[r]; p != "" {
			c.ID, c.Pinned = p, true
		}
	}
	order := make([]int, len(out))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(i, j int) int {
		if c := cmp.Compare(len(out[j].Members), len(out[i].Members)); c != 0 {
			return c
		}
		return cmp.Compare(out[i].ID, out[j].ID)
	})
	rank := make([]int, len(out))
	sorted := make([]Cluster, len(out))
	for r, k := range order {
		rank[k] = r
		sorted[r] = out[k]
	}
	for i := range of {
		of[i] = rank[of[i]]
	}
	return sorted, of
}
