package quote

import (
	"sort"

	"storydesk/model/textdiff"
	"storydesk/model/wordtok"
)

// Finding the other articles that carry a quotation: "who else printed
// this?" Copies of one quotation differ in typography (curly or straight
// marks, "U.S." or "US", case), in a word an editor changed, dropped or
// moved ("the human rights of the Caribbean people" and "the Caribbean
// people's human rights"), and in where the paragraph breaks fall. Words
// are compared in the normalised form duplicate detection uses (see
// wordtok.Scanner: case folded, quote marks and punctuation ignored, dotted
// initialisms joined, apostrophes inside words dropped), and a passage
// carries the quotation when its word sequence is within a few word edits
// of the quotation's.
//
// Carrying is symmetric: when article B's quotation is found from article
// A's, A's is found from B's. A passage of B may carry all of A's quotation
// (in a longer quotation of its own, or in running text), or B may quote
// only part of A's: a quotation of B that A's quotation carries is reported
// too (Match.Part), which is what searching from B finds in A.

const (
	// MatchMinWords is the shortest quotation searched for: one or two
	// words ("historic", "not enough") occur everywhere.
	MatchMinWords = 3
	// MatchMinOverlap is the least share of words a passage and the
	// quotation must have in common, of the longer of the two (in order, or
	// as a multiset for a passage that moved words; see Match.Overlap).
	MatchMinOverlap = 0.8
)

// Match is one passage of a text that carries a quotation.
type Match struct {
	Start, End int    // code points of the text: from the passage's first word to the end of its last
	Text       string // model.RuneSlice(text, Start, End)
	// Part is set when the passage is a quotation of the text that carries
	// only part of the quotation searched for (the text quoted less of
	// it). QuoteStart and QuoteEnd are the code points of the quotation
	// searched for that the passage carries: from its first word to the
	// end of its last, that part's when Part is set.
	Part                 bool
	QuoteStart, QuoteEnd int
	// Edits is the number of word edits (a word replaced, dropped or added)
	// that turn the quotation (its carried part) into the passage; 0 is the
	// same wording. When the passage moved words, it counts the words
	// dropped and added, a moved word costing nothing.
	Edits int
	// Overlap is the share of words the two have in common, in order (as
	// a multiset when the passage moved words), of the longer one's words
	// (1 for the same wording).
	Overlap float64
	// Diff is textdiff.Words(quotation, Text): A ranges index the quotation
	// searched for, B ranges the passage, for showing what the other text
	// changed (a part's uncarried words come out deleted).
	Diff []textdiff.Op
}

// Exact reports whether the passage has the quotation's wording (typography
// aside).
func (m Match) Exact() bool { return m.Edits == 0 && !m.Part }

// Matcher searches texts for one quotation. Build it once per
// quotation with NewMatcher and call Find for every text; it is
// read-only after construction, so safe for concurrent use.
type Matcher struct {
	quote    string
	toks     []wordtok.Token
	keys     []uint64        // the quotation's normalised words
	set      map[uint64]bool // … as a set, for the prefilters
	maxEdits int
	bag      qmBag // the words as a multiset, possessives folded, for moved words
	trigrams map[uint64]bool
}

// NewMatcher prepares quote for searching.
func NewMatcher(quote string) *Matcher {
	toks, _ := wordtok.Tokens(quote)
	qm := &Matcher{quote: quote, toks: toks, keys: wordtok.Keys(toks), set: map[uint64]bool{}}
	for _, k := range qm.keys {
		qm.set[k] = true
	}
	qm.maxEdits = qmSearchBudget(len(qm.keys))
	qm.trigrams = map[uint64]bool{}
	for i := 2; i < len(qm.keys); i++ {
		qm.trigrams[qmTrigram(qm.keys[i-2], qm.keys[i-1], qm.keys[i])] = true
	}
	qm.bag = newQmBag(qmFold(quote, toks, qm.keys))
	// a possessive of one of its words ("people's") counts as that word in
	// the prefilter, as in the moved-words comparison
	for i, t := range toks {
		qm.set[qm.bag.norm[i]] = true
		if ps, _ := wordtok.Tokens(quote[t.Start:t.End] + "s"); len(ps) == 1 {
			qm.set[ps[0].Hash] = true
		}
	}
	return qm
}

// qmBudget is how many word edits a passage of n words may differ by. A
// short quotation is a phrase: a changed word makes another phrase ("a
// race against the clock"). Longer ones allow a couple of edits, a tenth
// of their words when that is more.
func qmBudget(n int) int {
	switch {
	case n < 6:
		return 0
	case n < 10:
		return 1
	}
	return max(2, n/10)
}

// qmSearchBudget is the most edits a passage can be from a quotation of n
// words and still match: the budget is the longer one's, and a passage may
// be longer by as many words as it is allowed edits.
func qmSearchBudget(n int) int {
	k := qmBudget(n)
	for i := 0; i < 3; i++ {
		k = qmBudget(n + k)
	}
	return k
}

// Words is the number of words in the quotation.
func (qm *Matcher) Words() int { return len(qm.keys) }

// Searchable reports whether the quotation is long enough to search for.
func (qm *Matcher) Searchable() bool { return len(qm.keys) >= MatchMinWords }

// FindCarriers returns the passages of text that carry quote, exactly
// or nearly, in text order. See Matcher.Find.
func FindCarriers(quote, text string) []Match {
	return NewMatcher(quote).Find(text)
}

// Find returns the passages of text that carry the quotation, in text
// order, without overlaps. A passage matches when few enough word edits
// turn the quotation into it (none when the longer of the two has under 6
// words, one under 10, else max(2, words/10)), or as few words dropped and
// added with others moved,
// and the two share at least MatchMinOverlap of their words. A quotation
// of the text that the quotation carries, with the same allowance for its
// own length, matches too (Match.Part). A quotation shorter than
// MatchMinWords words matches nothing.
func (qm *Matcher) Find(text string) []Match {
	n := len(qm.keys)
	if n < MatchMinWords {
		return nil
	}
	// Most texts in a corpus do not carry the quotation: look, in one pass
	// that keeps nothing, for a window dense enough in its words (see
	// regions) or a run of them that a quotation of the text may carry (see
	// parts), before tokenising for real.
	whole, part := qm.prefilter(text)
	if !whole && !part {
		return nil
	}
	toks, _ := wordtok.Tokens(text)
	keys := wordtok.Keys(toks)
	var cands []quoteCand
	if whole {
		var norm []uint64
		for _, r := range qm.regions(keys) {
			cands = qmAlign(qm.keys, keys, r[0], r[1], qm.maxEdits, cands)
			if n >= 6 {
				if norm == nil {
					norm = qmFold(text, toks, keys)
				}
				cands = qm.bag.windows(norm, r[0], r[1], qm.maxEdits, cands)
			}
		}
		for i := range cands {
			cands[i].qs, cands[i].qe = 0, n
		}
	}
	if part {
		cands = qm.parts(text, toks, keys, cands)
	}
	if len(cands) == 0 {
		return nil
	}
	return qm.choose(text, toks, keys, cands)
}

// quoteCand is a passage of text tokens [s, e) that carries the
// quotation's tokens [qs, qe), d word edits apart.
type quoteCand struct {
	s, e, d int
	qs, qe  int
	moved   bool // found by the multiset comparison
	extra   int  // … with this many words not in the quotation
	part    bool
}

// choose keeps the best candidates, without overlaps, in text order: the
// most of the quotation carried, then the fewest edits, words in order
// before words moved, then the length nearest the quotation's, then the
// earliest.
func (qm *Matcher) choose(text string, toks []wordtok.Token, keys []uint64, cands []quoteCand) []Match {
	sort.Slice(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if la, lb := a.qe-a.qs, b.qe-b.qs; la != lb {
			return la > lb
		}
		if a.d != b.d {
			return a.d < b.d
		}
		if a.moved != b.moved {
			return !a.moved
		}
		if a.extra != b.extra {
			return a.extra < b.extra // no words the passage need not have
		}
		da, db := qmAbs(a.e-a.s-(a.qe-a.qs)), qmAbs(b.e-b.s-(b.qe-b.qs))
		if da != db {
			return da < db
		}
		return a.s < b.s
	})
	var out []Match
	var taken [][2]int
	for _, c := range cands {
		clash := false
		for _, t := range taken {
			if c.s < t[1] && t[0] < c.e {
				clash = true
				break
			}
		}
		if clash || c.d > qmBudget(max(c.qe-c.qs, c.e-c.s)) {
			continue // the budget is the longer one's, whichever side searched
		}
		q, p := qm.keys[c.qs:c.qe], keys[c.s:c.e]
		common := qmLCS(q, p)
		if c.moved {
			q, p = qm.bag.norm[c.qs:c.qe], qmFold(text, toks[c.s:c.e], p)
			common = qmCommon(q, p)
		}
		overlap := float64(common) / float64(max(len(q), len(p)))
		if overlap < MatchMinOverlap {
			continue
		}
		taken = append(taken, [2]int{c.s, c.e})
		first, last := toks[c.s], toks[c.e-1]
		m := Match{Start: first.RuneStart, End: last.RuneEnd, Text: text[first.Start:last.End], Part: c.part,
			QuoteStart: qm.toks[c.qs].RuneStart, QuoteEnd: qm.toks[c.qe-1].RuneEnd, Edits: c.d, Overlap: overlap}
		m.Diff = textdiff.Words(qm.quote, m.Text)
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// prefilter reads text once, keeping nothing: whole when some window of
// n+k words holds at least n-k of the quotation's words (the streaming
// form of regions' test), part when the text has a quotation mark and
// three words in a row of the quotation's (a quotation of the text carried
// within its edit budget keeps three of its words in a row).
func (qm *Matcher) prefilter(text string) (whole, part bool) {
	n, k := len(qm.keys), qm.maxEdits
	need, w := max(1, n-k), n+k
	ring := make([]bool, w)
	var sc wordtok.Scanner
	sc.Reset(text, false)
	var tok wordtok.Token
	count, prevEnd := 0, 0
	mark, tri := false, false
	in1, in2 := false, false // the two words before are the quotation's
	var h1, h2 uint64
	for i := 0; sc.Next(&tok); i++ {
		in := qm.set[tok.Hash]
		if ring[i%w] {
			count--
		}
		ring[i%w] = in
		if in {
			count++
			whole = whole || count >= need
		}
		if !mark {
			mark = qmHasMark(text[prevEnd:tok.Start])
		}
		prevEnd = tok.End
		if in && in1 && in2 && !tri {
			tri = qm.trigrams[qmTrigram(h1, h2, tok.Hash)]
		}
		h1, h2, in2, in1 = h2, tok.Hash, in1, in
		part = mark && tri
		if whole && part {
			break
		}
	}
	return whole, part
}

func qmTrigram(a, b, c uint64) uint64 {
	return wordtok.Mix(a*0x9e3779b97f4a7c15 ^ b*0xc2b2ae3d27d4eb4f ^ c)
}

// qmHasMark: the text between two words holds a double quotation mark, a
// guillemet or a curly single one (read by bytes: this runs for every word
// of every text searched).
func qmHasMark(gap string) bool {
	for i := 0; i < len(gap); i++ {
		switch c := gap[i]; {
		case c == '"':
			return true
		case c == 0xE2 && i+2 < len(gap) && gap[i+1] == 0x80:
			switch gap[i+2] {
			case 0x98, 0x99, 0x9C, 0x9D, 0x9E: // ‘ ’ “ ” „
				return true
			}
		case c == 0xC2 && i+1 < len(gap) && (gap[i+1] == 0xAB || gap[i+1] == 0xBB): // « »
			return true
		}
	}
	return false
}

// parts adds the quotations of text that the quotation carries: each
// quotation of the text no longer than this one is searched for in this
// one, as searching from the text would.
func (qm *Matcher) parts(text string, toks []wordtok.Token, keys []uint64, cands []quoteCand) []quoteCand {
	n := len(qm.keys)
	ti := 0
	var d Detector
	for _, q := range d.pair(text).quotes { // the quotations Detect reports, without reading them
		for ti < len(toks) && toks[ti].RuneStart < q.s {
			ti++
		}
		te := ti
		for te < len(toks) && toks[te].RuneEnd <= q.e {
			te++
		}
		m := te - ti
		if m < MatchMinWords || m > n {
			continue
		}
		k := qmSearchBudget(m)
		// carried within k edits, it has at least m-k of this one's words
		in := 0
		for _, key := range keys[ti:te] {
			if qm.set[key] {
				in++
			}
		}
		if in < m-k {
			continue
		}
		var found []quoteCand
		found = qmAlign(keys[ti:te], qm.keys, 0, n, k, found)
		if m >= 6 {
			sub := newQmBag(qmFold(text, toks[ti:te], keys[ti:te]))
			found = sub.windows(qm.bag.norm, 0, n, k, found)
		}
		best := -1
		for i, f := range found {
			if f.d > qmBudget(max(m, f.e-f.s)) {
				continue
			}
			if best < 0 || f.d < found[best].d || f.d == found[best].d && f.e-f.s > found[best].e-found[best].s {
				best = i
			}
		}
		if best < 0 {
			continue
		}
		f := found[best]
		cands = append(cands, quoteCand{s: ti, e: te, d: f.d, qs: f.s, qe: f.e, moved: f.moved, extra: f.extra, part: f.e-f.s < n})
	}
	return cands
}

// regions returns the token ranges worth aligning: around every window of
// n+k tokens holding at least n-k of the quotation's words. A passage
// within k edits has at least n-k matching words in at most n+k tokens, so
// nothing outside these can match; most texts have no region at all.
func (qm *Matcher) regions(keys []uint64) [][2]int {
	n, k := len(qm.keys), qm.maxEdits
	need := max(1, n-k)
	w := n + k
	in := make([]bool, len(keys))
	total := 0
	for i, key := range keys {
		if qm.set[key] {
			in[i] = true
			total++
		}
	}
	if total < need {
		return nil
	}
	var out [][2]int
	add := func(s, e int) {
		s, e = max(0, s-k), min(len(keys), e+k)
		if l := len(out); l > 0 && s <= out[l-1][1] {
			out[l-1][1] = max(out[l-1][1], e)
			return
		}
		out = append(out, [2]int{s, e})
	}
	count := 0
	for i := range keys {
		if in[i] {
			count++
		}
		if i >= w && in[i-w] {
			count--
		}
		if count >= need {
			add(i+1-min(w, i+1), i+1)
		}
	}
	return out
}

// qmAlign runs approximate matching (Sellers: the whole of q against any
// stretch of keys) over keys[r0:r1] and appends every stretch end within k
// edits, with where its best alignment starts.
func qmAlign(q, keys []uint64, r0, r1, k int, out []quoteCand) []quoteCand {
	n := len(q)
	prevD, prevS := make([]int, n+1), make([]int, n+1)
	curD, curS := make([]int, n+1), make([]int, n+1)
	for i := range prevD {
		prevD[i], prevS[i] = i, r0
	}
	for j := r0 + 1; j <= r1; j++ {
		t := keys[j-1]
		curD[0], curS[0] = 0, j
		for i := 1; i <= n; i++ {
			// Prefer the diagonal (a match or a replaced word), so a changed
			// first or last word stays inside the passage.
			d, s := prevD[i-1], prevS[i-1]
			if q[i-1] != t {
				d++
			}
			if v := curD[i-1] + 1; v < d { // a word of q dropped
				d, s = v, curS[i-1]
			}
			if v := prevD[i] + 1; v < d { // a word added
				d, s = v, prevS[i]
			}
			curD[i], curS[i] = d, s
		}
		if curD[n] <= k && j > curS[n] {
			out = append(out, quoteCand{s: curS[n], e: j, d: curD[n]})
		}
		prevD, curD = curD, prevD
		prevS, curS = curS, prevS
	}
	return out
}

// qmLCS is the length of the longest common subsequence of a and b.
func qmLCS(a, b []uint64) int {
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			switch {
			case a[i-1] == b[j-1]:
				cur[j] = prev[j-1] + 1
			case prev[j] >= cur[j-1]:
				cur[j] = prev[j]
			default:
				cur[j] = cur[j-1]
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func qmAbs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
