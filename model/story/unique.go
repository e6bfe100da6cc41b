package story

// Unique passages: the sentences only one article has, and what a cut
// copy dropped.
//
// A sentence is shared when some other article has a sentence (or two
// neighbouring ones, for a sentence split or joined in editing) holding at
// least sharedShare of its content words (folded and stemmed, so "killed"
// meets "killing"): a rewrite that tells the same fact in its own words
// shares it; what no one else tells is the article's own. Consecutive own
// sentences of one paragraph make one passage; passages of fewer than
// minPassage content words ("he said.") are left out.
//
// What a cut dropped is measured against its original only: the
// original's sentences the cut does not have (sharedShare of their words
// against the cut's sentences), in runs.
//
// A sentence that is mostly a quotation other articles carry too
// (quotedShare of its length) is shared, however the outlet framed it.

const (
	sharedShare = 0.5
	quotedShare = 0.4
	minPassage  = 6
)

// Passage is a run of sentences of one article.
type Passage struct {
	Article    string
	Start, End int
	Text       string
	// By is the cut that dropped the passage (Story.Dropped only).
	By string `json:",omitempty"`
}

func passages(docs []*doc, arts []Article, rows []QuoteRow) (unique, dropped []Passage) {
	carried := map[string][]span{} // article → passages of quotations others carry too
	for _, r := range rows {
		if r.Carriers() < 2 {
			continue
		}
		for _, c := range r.Cells {
			if c.Carry != CarryMissing {
				carried[c.Article] = append(carried[c.Article], span{c.Start, c.End})
			}
		}
	}
	bags := make([][]map[string]bool, len(docs))
	for i, d := range docs {
		for _, s := range d.sents {
			bags[i] = append(bags[i], contentBag(s))
		}
	}
	if len(docs) > 1 {
		for i, d := range docs {
			own := make([]bool, len(d.sents))
			for si, st := range d.sents {
				own[si] = !quotedSentence(st.span, carried[d.a.ID])
				for j := range docs {
					if own[si] && j != i && covered(bags[i][si], bags[j]) {
						own[si] = false
						break
					}
				}
			}
			unique = append(unique, runs(d, own, bags[i], "")...)
		}
	}
	pos := map[string]int{}
	for i, d := range docs {
		pos[d.a.ID] = i
	}
	for _, a := range arts {
		if a.Relation != RelCut {
			continue
		}
		o, ok := pos[a.Of]
		if !ok {
			continue
		}
		c := pos[a.ID]
		miss := make([]bool, len(docs[o].sents))
		for si := range miss {
			miss[si] = !covered(bags[o][si], bags[c])
		}
		dropped = append(dropped, runs(docs[o], miss, bags[o], a.ID)...)
	}
	return unique, dropped
}

// quotedSentence reports whether quotations others carry make up
// quotedShare of a sentence.
func quotedSentence(s span, quotes []span) bool {
	n := 0
	for _, q := range quotes {
		n += max(0, min(s.e, q.e)-max(s.s, q.s))
	}
	return float64(n) >= quotedShare*float64(s.e-s.s)
}

// contentBag is a sentence's content words.
func contentBag(s sentence) map[string]bool {
	b := map[string]bool{}
	for _, w := range s.words {
		if isContent(w.key) {
			b[w.key] = true
		}
	}
	return b
}

// covered reports whether another article's sentences (alone or two
// neighbours together) hold sharedShare of bag's words.
func covered(bag map[string]bool, others []map[string]bool) bool {
	if len(bag) == 0 {
		return true
	}
	need := sharedShare * float64(len(bag))
	for k, o := range others {
		n, m := 0, 0
		for w := range bag {
			if o[w] {
				n++
				m++
			} else if k+1 < len(others) && others[k+1][w] {
				m++
			}
		}
		if float64(n) >= need || float64(m) >= need {
			return true
		}
	}
	return false
}

// runs joins marked sentences of one paragraph into passages.
func runs(d *doc, marked []bool, bags []map[string]bool, by string) []Passage {
	var out []Passage
	for i := 0; i < len(marked); {
		if !marked[i] {
			i++
			continue
		}
		j, words := i, 0
		for j < len(marked) && marked[j] && d.sents[j].para == d.sents[i].para {
			words += len(bags[j])
			j++
		}
		if words >= minPassage {
			s, e := d.sents[i].s, d.sents[j-1].e
			out = append(out, Passage{Article: d.a.ID, Start: s, End: e, Text: d.slice(s, e), By: by})
		}
		i = j
	}
	return out
}
