package adjudicate

import (
	"sort"
	"strings"

	"storydesk/model"
)

// Quotations are compared by their place (start and end: the marks that
// bound them, which annotators seldom move) and what each layer says of
// the words there: a quotation said by whom (the speaker's name, as
// written, case aside) and of which kind, or not a quotation (none there,
// or rejected as a false detection: either way gold should not hold one).

// QuoteVersion is what some layers say at a quotation's place; Quote is
// nil for "not a quotation". SpeakerSpan is the entity span its speaker
// names in the first of those layers, if any (gold links its own span at
// the same place).
type QuoteVersion struct {
	Layers      []string
	Quote       *model.QuoteAnn
	SpeakerSpan *model.Span
}

// QuoteItem is one quotation's place.
type QuoteItem struct {
	Start, End int
	Text       string
	Agreed     bool // every layer says the same
	Versions   []QuoteVersion
	Decided    bool            // gold holds a quotation (or its rejection) here
	Gold       *model.QuoteAnn // gold's, when decided
	Choice     int             // the version gold's matches, -1 none
}

// quoteKey is what a version says: "" for not a quotation.
func quoteKey(q *model.QuoteAnn) string {
	if q == nil || q.Status == model.QuoteRejected {
		return ""
	}
	return strings.ToLower(strings.Join(strings.Fields(q.Speaker), " ")) + "\x00" + string(q.Kind)
}

// QuoteSays is how a version reads in words.
func QuoteSays(q *model.QuoteAnn) string {
	if quoteKey(q) == "" {
		return "not a quotation"
	}
	who := strings.TrimSpace(q.Speaker)
	if who == "" {
		who = "nobody named"
	}
	return "said by " + who + " (" + string(q.Kind) + ")"
}

// CompareQuotes lists every place some layer has a quotation (accepted or
// rejected), by position.
func CompareQuotes(layers []Layer, gold []model.QuoteAnn) []QuoteItem {
	type place struct{ start, end int }
	at := map[place]*QuoteItem{}
	var order []place
	for _, l := range layers {
		for _, q := range l.Quotes {
			p := place{q.Start, q.End}
			if at[p] == nil {
				at[p] = &QuoteItem{Start: q.Start, End: q.End, Text: q.Text}
				order = append(order, p)
			}
		}
	}
	sort.Slice(order, func(i, j int) bool {
		if order[i].start != order[j].start {
			return order[i].start < order[j].start
		}
		return order[i].end < order[j].end
	})
	out := make([]QuoteItem, 0, len(order))
	for _, p := range order {
		it := at[p]
		for _, l := range layers {
			var mine *model.QuoteAnn
			for k := range l.Quotes {
				if l.Quotes[k].Start == p.start && l.Quotes[k].End == p.end {
					mine = &l.Quotes[k]
				}
			}
			key := quoteKey(mine)
			found := false
			for k := range it.Versions {
				if quoteKey(it.Versions[k].Quote) == key {
					it.Versions[k].Layers = append(it.Versions[k].Layers, l.Name)
					found = true
				}
			}
			if found {
				continue
			}
			v := QuoteVersion{Layers: []string{l.Name}}
			if key != "" {
				v.Quote = mine
				if mine.SpeakerSpan != 0 {
					for k := range l.Spans {
						if l.Spans[k].ID == mine.SpeakerSpan {
							v.SpeakerSpan = &l.Spans[k]
						}
					}
				}
			}
			it.Versions = append(it.Versions, v)
		}
		it.Agreed = len(layers) >= 2 && len(it.Versions) == 1
		it.Choice = -1
		for k := range gold {
			if gold[k].Start == p.start && gold[k].End == p.end {
				it.Gold, it.Decided = &gold[k], true
			}
		}
		if it.Decided {
			for k, v := range it.Versions {
				if quoteKey(v.Quote) == quoteKey(it.Gold) {
					it.Choice = k
				}
			}
		}
		out = append(out, *it)
	}
	return out
}
