package quote

import (
	"sort"

	"storydesk/model/textdiff"
	"storydesk/model/wordtok"
)

// Finding the other articles that carry a quotation: "who else printed
// this?" Copies of one quotation differ in typography (curly or straight
// marks, "U.S." or "US", case), in a word an editor changed or dropped, and
// in where the paragraph breaks fall. Words are compared in the normalised
// form duplicate detection uses (see wordtok.Scanner: case folded, quote marks and
// punctuation ignored, dotted initialisms joined, apostrophes inside words
// dropped), and a passage carries the quotation when its word sequence is
// within a few word edits of the quotation's.

const (
	// MatchMinWords is the shortest quotation searched for: one or two
	// words ("historic", "not enough") occur everywhere.
	MatchMinWords = 3
	// MatchMinOverlap is the least share of words a passage and the
	// quotation must have in common (in order), of the longer of the two.
	MatchMinOverlap = 0.8
)

// Match is one passage of a text that carries a quotation.
type Match struct {
	Start, End int    // code points of the text: from the passage's first word to the end of its last
	Text       string // model.RuneSlice(text, Start, End)
	// Edits is the number of word edits (a word replaced, dropped or added)
	// that turn the quotation into the passage; 0 is the same wording.
	Edits int
	// Overlap is the share of words the two have in common, in order, of
	// the longer one's words (1 for the same wording).
	Overlap float64
	// Diff is textdiff.Words(quotation, Text): A ranges index the quotation, B
	// ranges the passage, for showing what the other text changed.
	Diff []textdiff.Op
}

// Exact reports whether the passage has the quotation's wording (typography
// aside).
func (m Match) Exact() bool { return m.Edits == 0 }

// Matcher searches texts for one quotation. Build it once per
// quotation with NewMatcher and call Find for every text; it is
// read-only after construction, so safe for concurrent use.
type Matcher struct {
	quote    string
	keys     []uint64        // the quotation's normalised words
	set      map[uint64]bool // … as a set, for the prefilter
	maxEdits int
}

// NewMatcher prepares quote for searching.
func NewMatcher(quote string) *Matcher {
	toks, _ := wordtok.Tokens(quote)
	qm := &Matcher{quote: quote, keys: wordtok.Keys(toks), set: map[uint64]bool{}}
	for _, k := range qm.keys {
		qm.set[k] = true
	}
	// A short quotation is a phrase: a changed word makes another phrase
	// ("a race against the clock"). Longer ones allow a couple of edits, a
	// tenth of their words when that is more.
	switch n := len(qm.keys); {
	case n < 6:
		qm.maxEdits = 0
	case n < 10:
		qm.maxEdits = 1
	default:
		qm.maxEdits = max(2, n/10)
	}
	return qm
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
// turn the quotation into it (none under 6 words, one under 10, else
// max(2, words/10)) and the two share at least MatchMinOverlap of
// their words. A quotation shorter than
// MatchMinWords words matches nothing.
func (qm *Matcher) Find(text string) []Match {
	n := len(qm.keys)
	if n < MatchMinWords {
		return nil
	}
	k := qm.maxEdits
	// Most texts in a corpus do not carry the quotation: look for a window
	// dense enough in its words (see regions) in one pass that keeps
	// nothing, before tokenising for real.
	if !qm.dense(text) {
		return nil
	}
	toks, _ := wordtok.Tokens(text)
	keys := wordtok.Keys(toks)
	var cands []quoteCand
	for _, r := range qm.regions(keys) {
		cands = qm.align(keys, r[0], r[1], cands)
	}
	if len(cands) == 0 {
		return nil
	}
	// Best first: fewest edits, then the length nearest the quotation's,
	// then the earliest; overlapping worse candidates give way.
	sort.Slice(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if a.d != b.d {
			return a.d < b.d
		}
		da, db := qmAbs(a.e-a.s-n), qmAbs(b.e-b.s-n)
		if da != db {
			return da < db
		}
		return a.s < b.s
	})
	var out []Match
	var taken [][2]int
	for _, c := range cands {
		if c.d > k {
			continue
		}
		clash := false
		for _, t := range taken {
			if c.s < t[1] && t[0] < c.e {
				clash = true
				break
			}
		}
		if clash {
			continue
		}
		w := c.e - c.s
		overlap := float64(qmLCS(qm.keys, keys[c.s:c.e])) / float64(max(n, w))
		if overlap < MatchMinOverlap {
			continue
		}
		taken = append(taken, [2]int{c.s, c.e})
		first, last := toks[c.s], toks[c.e-1]
		m := Match{Start: first.RuneStart, End: last.RuneEnd, Text: text[first.Start:last.End], Edits: c.d, Overlap: overlap}
		m.Diff = textdiff.Words(qm.quote, m.Text)
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// quoteCand is a passage ending at token e (exclusive), starting at s, d
// word edits from the quotation.
type quoteCand struct{ s, e, d int }

// dense reports whether some window of n+k words of text holds at least
// n-k of the quotation's words: the streaming form of regions' test.
func (qm *Matcher) dense(text string) bool {
	n, k := len(qm.keys), qm.maxEdits
	need, w := max(1, n-k), n+k
	ring := make([]bool, w)
	var sc wordtok.Scanner
	sc.Reset(text, false)
	var tok wordtok.Token
	count := 0
	for i := 0; sc.Next(&tok); i++ {
		in := qm.set[tok.Hash]
		if ring[i%w] {
			count--
		}
		ring[i%w] = in
		if in {
			count++
			if count >= need {
				return true
			}
		}
	}
	return false
}

// regions returns the token ranges worth aligning: around every window of
// n+k tokens holding at least n-k of the quotation's words. A passage
// within k edits has at least n-k matching words in at most n+k tokens, so
// nothing outside these can match; most texts have no region at all.
func (qm *Matcher) regions(keys []uint64) [][2]int {
	n, k := len(qm.keys), qm.maxEdits
	need := n - k
	if need < 1 {
		need = 1
	}
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

// align runs approximate matching (Sellers: the whole quotation against any
// stretch of text) over keys[r0:r1] and appends every passage end within
// the edit budget, with where its best alignment starts.
func (qm *Matcher) align(keys []uint64, r0, r1 int, out []quoteCand) []quoteCand {
	q := qm.keys
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
			if v := curD[i-1] + 1; v < d { // a quotation word dropped
				d, s = v, curS[i-1]
			}
			if v := prevD[i] + 1; v < d { // a word added
				d, s = v, prevS[i]
			}
			curD[i], curS[i] = d, s
		}
		if curD[n] <= qm.maxEdits && j > curS[n] {
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
