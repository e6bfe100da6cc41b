package quotes

import (
	"storydesk/model"
	"storydesk/model/quote"
	"storydesk/model/textdiff"
	"storydesk/model/wordtok"
)

// Carrying goes both ways. quote.Matcher finds the passages of a text
// near the whole quotation searched for, within an edit budget set by
// that quotation's length; searched from the other article, the roles
// swap, and so do the budget and what must be near what. A long statement
// printed whole by one outlet and quoted in part by another was found
// from the part but not from the whole; a quotation of 9 words (one edit
// allowed) missed its 10-word version two edits away that, searched from,
// found it. So each article is also searched the other way round: each of
// its own quotations (as the detector finds them) is looked for in the
// quotation searched for. Searching from either article of a pair of
// quotations then finds the other.

// carry is a passage carrying the quotation; part when it carries only
// part of it (one of its quotations found in the searched one).
type carry struct {
	match quote.Match
	part  bool
}

// carrySearch is one quotation searched for in every article.
type carrySearch struct {
	quote string
	qm    *quote.Matcher
	words map[uint64]bool // the quotation's normalised words
	runs  map[uint64]bool // its runs of MatchMinWords words (runKey)
}

func newCarrySearch(text string, qm *quote.Matcher) *carrySearch {
	cs := &carrySearch{quote: text, qm: qm, words: map[uint64]bool{}, runs: map[uint64]bool{}}
	toks, _ := wordtok.Tokens(text)
	for _, t := range toks {
		cs.words[t.Hash] = true
	}
	for i := quote.MatchMinWords; i <= len(toks); i++ {
		cs.runs[runKey(toks[i-quote.MatchMinWords:i])] = true
	}
	return cs
}

// runKey hashes a run of words in order.
func runKey(toks []wordtok.Token) uint64 {
	h := uint64(14695981039346656037)
	for _, t := range toks {
		h = (h ^ t.Hash) * 1099511628211
	}
	return h
}

// find returns the passages of text that carry the quotation: those near
// all of it, then the text's quotations found in it that overlap none of
// those.
func (cs *carrySearch) find(text string) []carry {
	var out []carry
	for _, mt := range cs.qm.Find(text) {
		out = append(out, carry{match: mt})
	}
	if !cs.mayQuote(text) {
		return out
	}
	for _, d := range quote.Detect(text) {
		dm := quote.NewMatcher(d.Text)
		if !dm.Searchable() || overlapsAny(out, d.Start, d.End) {
			continue
		}
		in := dm.Find(cs.quote)
		if len(in) == 0 {
			continue
		}
		best := in[0]
		for _, m := range in[1:] {
			if m.Edits < best.Edits {
				best = m
			}
		}
		dText := model.RuneSlice(text, d.Start, d.End)
		// The diff runs from the words of the searched quotation that the
		// passage carries to the passage (A ranges index the quotation).
		diff := textdiff.Words(best.Text, dText)
		for k := range diff {
			diff[k].A0 += best.Start
			diff[k].A1 += best.Start
		}
		m := quote.Match{Start: d.Start, End: d.End, Text: dText, Edits: best.Edits, Overlap: best.Overlap, Diff: diff}
		part := float64(quote.NewMatcher(best.Text).Words()) < quote.MatchMinOverlap*float64(cs.qm.Words())
		out = append(out, carry{match: m, part: part})
	}
	return out
}

// mayQuote reports whether text has a run of MatchMinWords words that the
// quotation has too, in the same order, which any quotation of text near
// part of the searched one has (a passage within its edit budget keeps a
// run of matching words that long: n-k words in at most k+1 runs): most
// articles are passed over without running the detector.
func (cs *carrySearch) mayQuote(text string) bool {
	const n = quote.MatchMinWords
	var sc wordtok.Scanner
	sc.Reset(text, false)
	var last [n]wordtok.Token // the run of the quotation's words so far, its last n
	var tok wordtok.Token
	in := 0
	for sc.Next(&tok) {
		if !cs.words[tok.Hash] {
			in = 0
			continue
		}
		copy(last[:], last[1:])
		last[n-1] = tok
		if in++; in >= n && cs.runs[runKey(last[:])] {
			return true
		}
	}
	return false
}

func overlapsAny(cs []carry, start, end int) bool {
	for _, c := range cs {
		if c.match.Start < end && start < c.match.End {
			return true
		}
	}
	return false
}
