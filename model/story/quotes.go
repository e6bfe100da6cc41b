package story

import (
	"cmp"
	"slices"

	"storydesk/model"
	"storydesk/model/ner"
	"storydesk/model/quote"
	"storydesk/model/textdiff"
)

// The quotation matrix: the story's quotations as rows, its articles as
// columns. The unit is a sentence of a quotation, so that a long quotation
// one outlet prints whole and others carry in pieces (or not at all) lines
// up with each piece. Two sentences are one row when
//
//   - quote.Matcher finds one in the other's article within a few word
//     edits (the same wording, typography aside), or
//   - they share most of the shorter one's words in any order (at least
//     looseShare of them, and looseMin words of which looseContent carry
//     meaning): the same quotation reworded, "the human rights of the
//     Caribbean people" printed as "the Caribbean people's human rights"
//     (two such words do when nearly all the words are shared).
//
// A quotation an article carries without quotation marks, as its own
// prose, is found by the matcher too and shown as carried, unquoted.

// Carry says how an article carries a row's quotation.
type Carry string

const (
	CarryExact    Carry = "exact"    // the row's wording, typography aside
	CarryReworded Carry = "reworded" // another wording (see the cell's Diff)
	CarryMissing  Carry = "missing"  // not in the article
)

// QuoteRow is one quotation of the story.
type QuoteRow struct {
	// Text is the wording most articles carry (ties: the longer, then the
	// earlier), at [Start, End) of Article.
	Text       string
	Article    string
	Start, End int
	// Speaker is who most articles say said it (a name, else a role);
	// "" when none says.
	Speaker string
	Cells   []QuoteCell // one per article, in timeline order
}

// Carriers counts the articles that carry the quotation.
func (r QuoteRow) Carriers() int {
	n := 0
	for _, c := range r.Cells {
		if c.Carry != CarryMissing {
			n++
		}
	}
	return n
}

// QuoteCell is one article's copy of a quotation.
type QuoteCell struct {
	Article    string
	Carry      Carry
	Start, End int    // the passage in the article; 0, 0 when missing
	Text       string // the passage
	Quoted     bool   // in quotation marks there, not the outlet's own prose
	Speaker    string // whom this article attributes it to
	// Diff is textdiff.Words(row Text, cell Text) for a reworded cell:
	// A ranges index the row's text, B ranges the passage.
	Diff []textdiff.Op
}

// Loose matching of reworded quotations (see the package comment above).
const (
	looseShare   = 0.7
	looseMin     = 5
	looseContent = 3
	looseLength  = 0.3 // the shorter sentence's words over the longer's, at least
)

// qunit is one sentence of a quotation in one article.
type qunit struct {
	doc, quote int
	start, end int
	text       string
	speaker    string
	keys       []string // word keys, punctuation left out
}

func quoteMatrix(docs []*doc) []QuoteRow {
	var units []qunit
	for di, d := range docs {
		for qi, q := range quote.Detect(d.a.Text) {
			if q.Kind == model.QuoteScare {
				continue
			}
			speaker := q.Speaker
			if speaker == "" {
				speaker = q.Role
			}
			for _, sent := range ner.Sentences(q.Text) {
				if len(sent) == 0 {
					continue
				}
				u := qunit{doc: di, quote: qi, start: q.Start + sent[0].Start, end: q.Start + sent[len(sent)-1].End, speaker: speaker}
				u.text = d.slice(u.start, u.end)
				for _, t := range sent {
					if k := wordKey(t.Text); k != "" {
						u.keys = append(u.keys, k)
					}
				}
				if len(u.keys) >= quote.MatchMinWords {
					units = append(units, u)
				}
			}
		}
	}
	parent := make([]int, len(units))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	join := func(a, b int) {
		if ra, rb := find(a), find(b); ra != rb {
			parent[max(ra, rb)] = min(ra, rb)
		}
	}
	// Carried without marks: unit → article → the best passage.
	unmarked := map[int]map[int]quote.Match{}
	// Copies carry the same sentences: search for each wording once.
	byText := map[string][]int{}
	var texts []string
	for ui, u := range units {
		if byText[u.text] == nil {
			texts = append(texts, u.text)
		}
		byText[u.text] = append(byText[u.text], ui)
	}
	for _, text := range texts {
		same := byText[text]
		m := quote.NewMatcher(text)
		for dj, d := range docs {
			matches := findIn(m, units[same[0]].keys, d)
			for _, ui := range same {
				if units[ui].doc == dj {
					continue
				}
				for _, match := range matches {
					hit := false
					for vi, v := range units {
						if v.doc == dj && v.start < match.End && match.Start < v.end {
							join(ui, vi)
							hit = true
						}
					}
					if !hit {
						if unmarked[ui] == nil {
							unmarked[ui] = map[int]quote.Match{}
						}
						if old, ok := unmarked[ui][dj]; !ok || match.Edits < old.Edits {
							unmarked[ui][dj] = match
						}
					}
				}
			}
		}
	}
	for i := range units {
		for j := i + 1; j < len(units); j++ {
			if units[i].doc != units[j].doc && looseMatch(units[i].keys, units[j].keys) {
				join(i, j)
			}
		}
	}
	rows := map[int][]int{}
	for i := range units {
		rows[find(i)] = append(rows[find(i)], i)
	}
	var out []QuoteRow
	for _, members := range rows {
		out = append(out, buildRow(docs, units, members, unmarked))
	}
	first := func(r QuoteRow) (int, int) {
		for i, c := range r.Cells {
			if c.Carry != CarryMissing {
				return i, c.Start
			}
		}
		return len(r.Cells), 0
	}
	slices.SortFunc(out, func(a, b QuoteRow) int {
		if c := cmp.Compare(b.Carriers(), a.Carriers()); c != 0 {
			return c
		}
		da, sa := first(a)
		db, sb := first(b)
		return cmp.Or(cmp.Compare(da, db), cmp.Compare(sa, sb), cmp.Compare(a.Text, b.Text))
	})
	return out
}

// buildRow lays one row's sentences out by article and picks the wording
// to show.
func buildRow(docs []*doc, units []qunit, members []int, unmarked map[int]map[int]quote.Match) QuoteRow {
	slices.SortFunc(members, func(a, b int) int {
		return cmp.Or(cmp.Compare(units[a].doc, units[b].doc), cmp.Compare(units[a].start, units[b].start))
	})
	cells := make([]QuoteCell, len(docs))
	for dj, d := range docs {
		cells[dj] = QuoteCell{Article: d.a.ID, Carry: CarryMissing}
	}
	// An article's passage: its first sentence in the row, with the
	// sentences of the same quotation that follow it.
	for _, ui := range members {
		u := units[ui]
		c := &cells[u.doc]
		switch {
		case c.Carry == CarryMissing:
			*c = QuoteCell{Article: c.Article, Carry: CarryExact, Start: u.start, End: u.end, Quoted: true, Speaker: u.speaker}
		case c.Quoted && u.start >= c.End && sameQuote(units, members, u.doc, c.Start, u.quote):
			c.End = u.end
		}
	}
	for _, ui := range members {
		for dj, m := range unmarked[ui] {
			if c := &cells[dj]; c.Carry == CarryMissing {
				*c = QuoteCell{Article: c.Article, Carry: CarryExact, Start: m.Start, End: m.End}
			}
		}
	}
	for dj := range cells {
		if c := &cells[dj]; c.Carry != CarryMissing {
			c.Text = docs[dj].slice(c.Start, c.End)
		}
	}
	// The wording most articles carry exactly.
	best, bestN := -1, 0
	for _, ui := range members {
		u := units[ui]
		m := quote.NewMatcher(u.text)
		n := 0
		for _, c := range cells {
			if c.Carry != CarryMissing && exactIn(m, c.Text) {
				n++
			}
		}
		if best < 0 || n > bestN || n == bestN && len(u.keys) > len(units[best].keys) {
			best, bestN = ui, n
		}
	}
	r := units[best]
	row := QuoteRow{Text: r.text, Article: docs[r.doc].a.ID, Start: r.start, End: r.end, Cells: cells}
	m := quote.NewMatcher(r.text)
	for dj := range cells {
		c := &cells[dj]
		if c.Carry == CarryMissing {
			continue
		}
		if at, ok := exactAt(m, c.Text); ok {
			c.Start, c.End = c.Start+at.Start, c.Start+at.End
			c.Text = docs[dj].slice(c.Start, c.End)
			continue
		}
		c.Carry = CarryReworded
		c.Diff = textdiff.Words(r.text, c.Text)
	}
	row.Speaker = majoritySpeaker(cells)
	return row
}

// findIn finds a quotation sentence in a doc the way m.Find does, but only
// in the windows (a sentence and its neighbours) that hold at least half
// of its words: Find tokenises the whole text it is given, and a story's
// quotations are looked for in every one of its articles.
func findIn(m *quote.Matcher, keys []string, d *doc) []quote.Match {
	want := map[string]bool{}
	for _, k := range keys {
		want[k] = true
	}
	var out []quote.Match
	last := -1 // the end of the last window searched
	seen := map[string]bool{}
	for i, s := range d.sents {
		n := 0
		clear(seen)
		for _, w := range s.words {
			if want[w.key] && !seen[w.key] {
				seen[w.key] = true
				n++
			}
		}
		if 2*n < len(want) {
			continue
		}
		lo, hi := d.sents[max(0, i-1)].s, d.sents[min(len(d.sents)-1, i+1)].e
		lo = max(lo, last)
		if lo >= hi {
			continue
		}
		for _, x := range m.Find(d.slice(lo, hi)) {
			x.Start += lo
			x.End += lo
			out = append(out, x)
		}
		last = hi
	}
	return out
}

// sameQuote reports whether the row's passage starting at start in doc is
// in quotation q.
func sameQuote(units []qunit, members []int, doc, start, q int) bool {
	for _, ui := range members {
		if u := units[ui]; u.doc == doc && u.start == start {
			return u.quote == q
		}
	}
	return false
}

// exactIn reports whether text carries the matcher's quotation word for
// word.
func exactIn(m *quote.Matcher, text string) bool {
	_, ok := exactAt(m, text)
	return ok
}

func exactAt(m *quote.Matcher, text string) (quote.Match, bool) {
	for _, x := range m.Find(text) {
		if x.Exact() {
			return x, true
		}
	}
	return quote.Match{}, false
}

// majoritySpeaker is the attribution most cells give, ties to the
// earliest article.
func majoritySpeaker(cells []QuoteCell) string {
	count := map[string]int{}
	best := ""
	for _, c := range cells {
		if c.Speaker == "" {
			continue
		}
		count[c.Speaker]++
		if best == "" || count[c.Speaker] > count[best] {
			best = c.Speaker
		}
	}
	return best
}

// looseMatch reports whether two quotation sentences are one quotation in
// other words: most of the shorter one's words are in the longer one.
func looseMatch(a, b []string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) < looseMin || float64(len(a)) < looseLength*float64(len(b)) {
		return false
	}
	have := map[string]int{}
	for _, k := range b {
		have[k]++
	}
	shared, content := 0, 0
	for _, k := range a {
		if have[k] > 0 {
			have[k]--
			shared++
			if isContent(k) {
				content++
			}
		}
	}
	share := float64(shared) / float64(len(a))
	return shared >= looseMin && share >= looseShare && (content >= looseContent || content >= 2 && share >= 0.8)
}
