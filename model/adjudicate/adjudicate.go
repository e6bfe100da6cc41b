// Package adjudicate compares annotators' layers of one article for a
// curator (issue 15): the spans every layer agrees on, and the places
// where they part ways, each with every layer's version and what the gold
// layer has decided there. Pure logic: the reader (tui/adjudicate) turns a
// choice into the store's ops.
//
// A place of disagreement is a run of spans, from any layer, that overlap
// one another (a chain: A's "Ilse Varga" against B's "Ilse" and "Varga");
// a span every layer has, with the same start, end and label, is agreed.
// Gold records a decision by holding a span, or by rejecting one (the
// store's rejected suggestions, kept per layer): a place is decided when
// each of its spans is in gold, rejected in gold, or covered by another
// gold span.
package adjudicate

import (
	"slices"
	"sort"

	"storydesk/model"
)

// Layer is one annotator's spans and quotations on the article.
type Layer struct {
	Name   string
	Spans  []model.Span
	Quotes []model.QuoteAnn
	Pairs  map[Pair]model.DupLabel // the pairs with the article it labelled
}

// Gold is what the gold layer holds on the article.
type Gold struct {
	Spans    []model.Span
	Rejected []model.Span
	Quotes   []model.QuoteAnn
	Pairs    map[Pair]model.DupLabel
}

// Version is what some layers have at a place: their spans there (none is
// a version too: they tagged nothing there).
type Version struct {
	Layers []string
	Spans  []model.Span
}

// Item is one place: agreed, or disputed with each distinct version.
type Item struct {
	Start, End int // the code points its spans cover (a chain of overlaps covers one run)
	Agreed     bool
	Versions   []Version    // distinct versions, in the order of the first layer having each
	Decided    bool         // gold has decided every span here
	Gold       []model.Span // gold's spans overlapping [Start, End)
	Choice     int          // the version gold matches exactly: its index, -1 none
}

// Key identifies a span across layers: its place and label.
type Key struct {
	Start, End int
	Label      string
}

// KeyOf is sp's Key.
func KeyOf(sp model.Span) Key { return Key{sp.Start, sp.End, sp.Label} }

// Compute lists the article's places, by position. With fewer than two
// layers nothing is agreed: each of the lone layer's spans is a place.
func Compute(layers []Layer, gold Gold) []Item {
	count := map[Key]int{}
	type tagged struct {
		sp    model.Span
		layer int
	}
	var all []tagged
	for li, l := range layers {
		seen := map[Key]bool{}
		for _, sp := range l.Spans {
			k := KeyOf(sp)
			if !seen[k] {
				seen[k] = true
				count[k]++
			}
			all = append(all, tagged{sp, li})
		}
	}
	agreed := func(k Key) bool { return len(layers) >= 2 && count[k] == len(layers) }
	var items []Item
	var disputed []tagged
	done := map[Key]bool{}
	for _, t := range all {
		k := KeyOf(t.sp)
		if !agreed(k) {
			disputed = append(disputed, t)
			continue
		}
		if done[k] {
			continue
		}
		done[k] = true
		names := make([]string, len(layers))
		for i, l := range layers {
			names[i] = l.Name
		}
		items = append(items, Item{Start: t.sp.Start, End: t.sp.End, Agreed: true,
			Versions: []Version{{Layers: names, Spans: []model.Span{t.sp}}}})
	}
	sort.SliceStable(disputed, func(i, j int) bool {
		a, b := disputed[i].sp, disputed[j].sp
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return a.End < b.End
	})
	for i := 0; i < len(disputed); {
		start, end := disputed[i].sp.Start, disputed[i].sp.End
		j := i + 1
		for j < len(disputed) && disputed[j].sp.Start < end {
			end = max(end, disputed[j].sp.End)
			j++
		}
		per := make([][]model.Span, len(layers))
		for _, t := range disputed[i:j] {
			per[t.layer] = append(per[t.layer], t.sp)
		}
		it := Item{Start: start, End: end}
		for li, spans := range per {
			model.SortSpans(spans)
			at := slices.IndexFunc(it.Versions, func(v Version) bool { return sameSpans(v.Spans, spans) })
			if at < 0 {
				it.Versions = append(it.Versions, Version{Spans: spans})
				at = len(it.Versions) - 1
			}
			it.Versions[at].Layers = append(it.Versions[at].Layers, layers[li].Name)
		}
		items = append(items, it)
		i = j
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].Start < items[j].Start })
	for i := range items {
		items[i].judge(gold)
	}
	return items
}

// judge fills in what gold has decided at the item.
func (it *Item) judge(gold Gold) {
	it.Gold = nil
	for _, g := range gold.Spans {
		if g.Overlaps(it.Start, it.End) {
			it.Gold = append(it.Gold, g)
		}
	}
	rejected := map[Key]bool{}
	for _, r := range gold.Rejected {
		rejected[KeyOf(r)] = true
	}
	it.Decided = true
	for _, sp := range it.Spans() {
		if !rejected[KeyOf(sp)] && !slices.ContainsFunc(it.Gold, func(g model.Span) bool { return g.Overlaps(sp.Start, sp.End) }) {
			it.Decided = false
		}
	}
	it.Choice = -1
	if !it.Decided {
		return
	}
	for i, v := range it.Versions {
		if sameSpans(v.Spans, it.Gold) {
			it.Choice = i
			return
		}
	}
}

// sameSpans: the same places and labels, in order.
func sameSpans(a, b []model.Span) bool {
	return slices.EqualFunc(a, b, func(x, y model.Span) bool { return KeyOf(x) == KeyOf(y) })
}

// Spans lists every span of the item's versions, each place and label once.
func (it Item) Spans() []model.Span {
	seen := map[Key]bool{}
	var out []model.Span
	for _, v := range it.Versions {
		for _, sp := range v.Spans {
			if k := KeyOf(sp); !seen[k] {
				seen[k] = true
				out = append(out, sp)
			}
		}
	}
	model.SortSpans(out)
	return out
}

// Union is what taking versions a and b together keeps; ok is false when
// two of its spans overlap (gold's spans, like any layer's, do not).
func (it Item) Union(a, b int) (spans []model.Span, ok bool) {
	seen := map[Key]bool{}
	for _, i := range []int{a, b} {
		if i < 0 || i >= len(it.Versions) {
			continue
		}
		for _, sp := range it.Versions[i].Spans {
			if k := KeyOf(sp); !seen[k] {
				seen[k] = true
				spans = append(spans, sp)
			}
		}
	}
	model.SortSpans(spans)
	for i := 1; i < len(spans); i++ {
		if spans[i].Start < spans[i-1].End {
			return spans, false
		}
	}
	return spans, true
}
