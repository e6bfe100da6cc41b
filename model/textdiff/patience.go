package textdiff

import (
	"sort"

	"storydesk/model/wordtok"
)

// Why not Myers alone: a shortest edit script is not unique, and Myers
// takes the first it finds. Between a story and a copy with paragraphs
// added or moved, that one often threads the few words both share ("in",
// "the", a name) through the added text: "In October, the Trump
// administration placed…" cut down from a longer version came out as
// "October" deleted and three fragments of the new paragraphs matched. So
// the diff first anchors on the words that occur exactly once in each text
// (patience diff: the longest run of such words in the same order, and
// recursion between them), which pins each passage to its real
// counterpart; Myers only aligns what lies between anchors. Then cleanup
// folds a word or two left "equal" in the middle of a long change into it:
// a moved paragraph is marked deleted where it was and inserted where it
// is, whole, rather than with its "the"s matched elsewhere.

// best appends to ed the better of Myers' script and the patience one:
// the patience script when it is as short (it is not always: an anchor can
// be a coincidence), and when both are, the one with fewer changes. It
// reports false, appending nothing, when Myers gives up (see diffMaxD).
func best(a, b []uint64, ed *edits) bool {
	var my, pa edits
	if !myers(a, b, diffMaxD, &my) {
		return false
	}
	patience(a, b, &pa)
	pick := &my
	if dm, dp := my.changed(), pa.changed(); dp < dm || dp == dm && pa.changes() <= my.changes() {
		pick = &pa
	}
	for _, r := range pick.runs {
		ed.add(r.kind, r.n)
	}
	return true
}

// changed counts the words deleted and inserted.
func (e *edits) changed() int {
	n := 0
	for _, r := range e.runs {
		if r.kind != Equal {
			n += r.n
		}
	}
	return n
}

// changes counts the runs of changed words between equal ones.
func (e *edits) changes() int {
	n := 0
	for i, r := range e.runs {
		if r.kind != Equal && (i == 0 || e.runs[i-1].kind == Equal) {
			n++
		}
	}
	return n
}

// patience appends an edit script from a to b to ed.
func patience(a, b []uint64, ed *edits) {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	ed.equal(pre)
	ma, mb := a[pre:len(a)-suf], b[pre:len(b)-suf]
	switch anchors := uniqueAnchors(ma, mb); {
	case len(ma) == 0 || len(mb) == 0:
		ed.del(len(ma))
		ed.ins(len(mb))
	case len(anchors) == 0:
		if !myers(ma, mb, diffMaxD, ed) {
			ed.del(len(ma))
			ed.ins(len(mb))
		}
	default:
		pa, pb := 0, 0
		for _, an := range anchors {
			patience(ma[pa:an[0]], mb[pb:an[1]], ed)
			ed.equal(1)
			pa, pb = an[0]+1, an[1]+1
		}
		patience(ma[pa:], mb[pb:], ed)
	}
	ed.equal(suf)
}

// uniqueAnchors returns the longest sequence of (i, j) with a[i] == b[j],
// each key occurring once in a and once in b, increasing in both.
func uniqueAnchors(a, b []uint64) [][2]int {
	type seen struct{ na, nb, ia, ib int32 }
	count := make(map[uint64]*seen, len(a))
	for i, k := range a {
		s := count[k]
		if s == nil {
			s = &seen{}
			count[k] = s
		}
		s.na++
		s.ia = int32(i)
	}
	for j, k := range b {
		if s := count[k]; s != nil {
			s.nb++
			s.ib = int32(j)
		}
	}
	var pairs [][2]int // in a's order
	for i, k := range a {
		if s := count[k]; s.na == 1 && s.nb == 1 {
			pairs = append(pairs, [2]int{i, int(s.ib)})
		}
	}
	if len(pairs) == 0 {
		return nil
	}
	// Longest increasing subsequence of the b positions (patience sorting).
	var tails []int // index into pairs of the smallest tail of each length
	prev := make([]int, len(pairs))
	for p := range pairs {
		l := sort.Search(len(tails), func(t int) bool { return pairs[tails[t]][1] >= pairs[p][1] })
		prev[p] = -1
		if l > 0 {
			prev[p] = tails[l-1]
		}
		if l == len(tails) {
			tails = append(tails, p)
		} else {
			tails[l] = p
		}
	}
	out := make([][2]int, len(tails))
	for p, k := tails[len(tails)-1], len(tails)-1; k >= 0; p, k = prev[p], k-1 {
		out[k] = pairs[p]
	}
	return out
}

// cleanupRatio: an equal run of n words inside a change is folded into it
// when the changes on both sides are at least cleanupRatio·n words.
// cleanupMin is the shortest change (words) on either side that folds any.
const (
	cleanupRatio = 4
	cleanupMax   = 2 // the longest equal run folded, in words
	cleanupMin   = 8
)

// cleanup folds short equal runs stranded inside long changes into them
// (see the comment at the top of this file). The first and last runs
// (common prefix and suffix) are never folded.
func (e *edits) cleanup() {
	for changed := true; changed; {
		changed = false
		for i := 1; i+1 < len(e.runs); i++ {
			r := e.runs[i]
			if r.kind != Equal || r.n > cleanupMax {
				continue
			}
			before, after := 0, 0
			for j := i - 1; j >= 0 && e.runs[j].kind != Equal; j-- {
				before += e.runs[j].n
			}
			for j := i + 1; j < len(e.runs) && e.runs[j].kind != Equal; j++ {
				after += e.runs[j].n
			}
			if before < max(cleanupMin, cleanupRatio*r.n) || after < max(cleanupMin, cleanupRatio*r.n) {
				continue
			}
			e.runs = append(e.runs[:i], append([]run{{Delete, r.n}, {Insert, r.n}}, e.runs[i+1:]...)...)
			changed = true
		}
	}
}

// cleanupEdges folds into a long replacement the words of a paragraph's
// start (or end) that the equal run before (or after) it holds: "The" of a
// deleted paragraph matched with "The" of the inserted one. Both texts
// must have the paragraph break there, so the fold only moves the change's
// edge back to it.
func (e *edits) cleanupEdges(ta, tb []wordtok.Token) {
	startsPara := func(toks []wordtok.Token, i int) bool { return i >= len(toks) || i == 0 || toks[i].Para }
	ai, bi := 0, 0
	for i := 0; i < len(e.runs); i++ {
		r := e.runs[i]
		if r.kind != Equal {
			if r.kind == Delete {
				ai += r.n
			} else {
				bi += r.n
			}
			continue
		}
		nd0, ni0 := e.changeAround(i, -1)
		nd1, ni1 := e.changeAround(i, +1)
		// The run's last words, after a paragraph break, before a long
		// replacement.
		if min(nd1, ni1) >= cleanupMin {
			for k := 1; k <= cleanupMax && k < r.n; k++ {
				if startsPara(ta, ai+r.n-k) && startsPara(tb, bi+r.n-k) && min(nd1, ni1) >= cleanupRatio*k {
					e.runs = append(e.runs[:i], append([]run{{Equal, r.n - k}, {Delete, k}, {Insert, k}}, e.runs[i+1:]...)...)
					r.n -= k
					break
				}
			}
		}
		// Its first words, up to a paragraph break, after one.
		if min(nd0, ni0) >= cleanupMin {
			for k := 1; k <= cleanupMax && k < r.n; k++ {
				if startsPara(ta, ai+k) && startsPara(tb, bi+k) && min(nd0, ni0) >= cleanupRatio*k {
					e.runs = append(e.runs[:i], append([]run{{Delete, k}, {Insert, k}, {Equal, r.n - k}}, e.runs[i+1:]...)...)
					ai, bi = ai+k, bi+k
					i += 2
					r.n -= k
					break
				}
			}
		}
		ai, bi = ai+r.n, bi+r.n
	}
}

// changeAround counts the words deleted and inserted in the change just
// before (dir -1) or after (dir +1) run i.
func (e *edits) changeAround(i, dir int) (nd, ni int) {
	for j := i + dir; j >= 0 && j < len(e.runs) && e.runs[j].kind != Equal; j += dir {
		if e.runs[j].kind == Delete {
			nd += e.runs[j].n
		} else {
			ni += e.runs[j].n
		}
	}
	return nd, ni
}
