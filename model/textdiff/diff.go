package textdiff

import "storydesk/model/wordtok"

// Kind says what an Op does.
type Kind uint8

const (
	Equal  Kind = iota // the words are the same in a and b
	Delete             // words only in a
	Insert             // words only in b
)

func (k Kind) String() string {
	switch k {
	case Equal:
		return "equal"
	case Delete:
		return "delete"
	case Insert:
		return "insert"
	}
	return "?"
}

// Op is one step of a word diff. A0:A1 and B0:B1 are code point ranges of
// a and b; a delete has an empty B range (where it would be in b), an insert
// an empty A range.
//
// The ranges tile both texts: the A ranges of the equal and delete ops, in
// order, cover a from 0 to its end, and the B ranges of the equal and insert
// ops cover b. Delete and insert ranges start at a word and end at a word, so
// they can be highlighted as they are; the spaces and punctuation around them
// belong to the neighbouring equal ops.
type Op struct {
	Kind   Kind
	A0, A1 int
	B0, B1 int
}

// Guards against pathological inputs: the word-level diff is O((N+M)·D) time
// and O(D²) memory, fine for article-length text. Past these it falls back to
// diffing paragraphs, then to replacing the whole changed middle.
const (
	diffMaxWords = 50_000
	diffMaxD     = 1500
)

// Words compares a and b word by word (Myers' algorithm on the words'
// normalised forms, as duplicate detection sees them, see wordtok: case,
// quote style, thousands separators and dotted initialisms do not count as
// changes). A replaced word, such as a changed figure, comes out as a delete
// followed by an insert. Each run of changed words is one op.
func Words(a, b string) []Op {
	ta, la := wordtok.Tokens(a)
	tb, lb := wordtok.Tokens(b)
	ka, kb := wordtok.Keys(ta), wordtok.Keys(tb)

	// Common prefix and suffix cost nothing to match and shrink D's search.
	pre := 0
	for pre < len(ka) && pre < len(kb) && ka[pre] == kb[pre] {
		pre++
	}
	suf := 0
	for suf < len(ka)-pre && suf < len(kb)-pre && ka[len(ka)-1-suf] == kb[len(kb)-1-suf] {
		suf++
	}
	var ed edits
	ed.equal(pre)
	ma, mb := ka[pre:len(ka)-suf], kb[pre:len(kb)-suf]
	if len(ma)+len(mb) <= diffMaxWords && best(ma, mb, &ed) {
		// done
	} else if !paragraphDiff(ta[pre:len(ta)-suf], tb[pre:len(tb)-suf], &ed) {
		ed.del(len(ma))
		ed.ins(len(mb))
	}
	ed.equal(suf)
	ed.cleanup()
	ed.cleanupEdges(ta, tb)
	return ed.ops(ta, tb, la, lb)
}

// edits is an edit script as runs of equal, deleted and inserted tokens.
type edits struct{ runs []run }

type run struct {
	kind Kind
	n    int
}

func (e *edits) add(k Kind, n int) {
	if n <= 0 {
		return
	}
	if l := len(e.runs); l > 0 && e.runs[l-1].kind == k {
		e.runs[l-1].n += n
		return
	}
	e.runs = append(e.runs, run{k, n})
}

func (e *edits) equal(n int) { e.add(Equal, n) }
func (e *edits) del(n int)   { e.add(Delete, n) }
func (e *edits) ins(n int)   { e.add(Insert, n) }

// ops turns the token script into code point ranges (see Op).
func (e *edits) ops(ta, tb []wordtok.Token, la, lb int) []Op {
	var out []Op
	ai, bi := 0, 0 // tokens consumed
	ap, bp := 0, 0 // code points covered
	for k := 0; k < len(e.runs); {
		r := e.runs[k]
		if r.kind == Equal {
			ai += r.n
			bi += r.n
			k++
			continue
		}
		// A change: deletes and inserts up to the next equal run.
		nd, ni := 0, 0
		for ; k < len(e.runs) && e.runs[k].kind != Equal; k++ {
			if e.runs[k].kind == Delete {
				nd += e.runs[k].n
			} else {
				ni += e.runs[k].n
			}
		}
		a0, a1 := anchor(ta, ai, la), anchor(ta, ai, la)
		if nd > 0 {
			a1 = ta[ai+nd-1].RuneEnd
		}
		b0, b1 := anchor(tb, bi, lb), anchor(tb, bi, lb)
		if ni > 0 {
			b1 = tb[bi+ni-1].RuneEnd
		}
		if a0 > ap || b0 > bp {
			out = append(out, Op{Equal, ap, a0, bp, b0})
		}
		if nd > 0 {
			out = append(out, Op{Delete, a0, a1, b0, b0})
		}
		if ni > 0 {
			out = append(out, Op{Insert, a1, a1, b0, b1})
		}
		ai += nd
		bi += ni
		ap, bp = a1, b1
	}
	if ap < la || bp < lb {
		out = append(out, Op{Equal, ap, la, bp, lb})
	}
	return out
}

// anchor is where token i starts, or the end of the text past the last one.
func anchor(toks []wordtok.Token, i, end int) int {
	if i < len(toks) {
		return toks[i].RuneStart
	}
	return end
}

// myers appends the shortest edit script from a to b to ed, or reports
// false, appending nothing, when more than maxD edits would be needed.
func myers(a, b []uint64, maxD int, ed *edits) bool {
	n, m := len(a), len(b)
	maxD = min(maxD, n+m)
	off := maxD + 1
	v := make([]int32, 2*maxD+3)
	// trace[d] holds v[-d..d] after step d, for the walk back.
	var trace [][]int32
	for d := 0; d <= maxD; d++ {
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = int(v[off+k+1])
			} else {
				x = int(v[off+k-1]) + 1
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x++
				y++
			}
			v[off+k] = int32(x)
			if x >= n && y >= m {
				trace = append(trace, v[off-d:off+d+1])
				myersBack(trace, n, m, ed)
				return true
			}
		}
		trace = append(trace, append([]int32(nil), v[off-d:off+d+1]...))
	}
	return false
}

// myersBack walks the trace from (n, m) back to (0, 0) and appends the
// script in forward order.
func myersBack(trace [][]int32, n, m int, ed *edits) {
	type step struct {
		kind Kind
		n    int
	}
	var rev []step
	x, y := n, m
	for d := len(trace) - 1; d > 0; d-- {
		prev := trace[d-1] // v[-(d-1)..d-1], index k+(d-1)
		at := func(k int) int { return int(prev[k+d-1]) }
		k := x - y
		var pk int
		if k == -d || (k != d && at(k-1) < at(k+1)) {
			pk = k + 1 // came down: an insert
		} else {
			pk = k - 1 // came right: a delete
		}
		px := at(pk)
		py := px - pk
		// Snake back to the end of the edit.
		ex, ey := px, py
		if pk == k+1 {
			ey++
		} else {
			ex++
		}
		rev = append(rev, step{Equal, x - ex})
		if pk == k+1 {
			rev = append(rev, step{Insert, 1})
		} else {
			rev = append(rev, step{Delete, 1})
		}
		x, y = px, py
	}
	rev = append(rev, step{Equal, x}) // d = 0: the opening snake
	_ = y
	for i := len(rev) - 1; i >= 0; i-- {
		ed.add(rev[i].kind, rev[i].n)
	}
}

// paragraphDiff is the coarse fallback: it diffs paragraphs (by their
// words) and marks changed paragraphs deleted and inserted whole.
func paragraphDiff(ta, tb []wordtok.Token, ed *edits) bool {
	pa, na := paragraphKeys(ta)
	pb, nb := paragraphKeys(tb)
	var pe edits
	if len(pa)+len(pb) > diffMaxWords || !myers(pa, pb, diffMaxD, &pe) {
		return false
	}
	ia, ib := 0, 0
	for _, r := range pe.runs {
		for range r.n {
			switch r.kind {
			case Equal:
				ed.equal(na[ia])
				ia++
				ib++
			case Delete:
				ed.del(na[ia])
				ia++
			case Insert:
				ed.ins(nb[ib])
				ib++
			}
		}
	}
	return true
}

// paragraphKeys hashes each paragraph's words and counts them.
func paragraphKeys(toks []wordtok.Token) (keys []uint64, sizes []int) {
	for i, t := range toks {
		if i == 0 || t.Para {
			keys = append(keys, 0)
			sizes = append(sizes, 0)
		}
		l := len(keys) - 1
		keys[l] = wordtok.Mix(keys[l]*0x9e3779b97f4a7c15 ^ t.Hash)
		sizes[l]++
	}
	return keys, sizes
}
