package ner

import (
	"maps"
	"slices"
)

// Lower-case tails. A tagger over-extends a name into the common word after
// it ("the Caribbean region"), so a found name loses its lower-case last
// words (trimLower). But some names do end in one: "the Trump
// administration", "the Sinaloa cartel", "the Brexit party". The model
// keeps, per label, how often each lower-case word ended a name it was
// taught (in) and how often it came right after one instead (out); a name
// keeps a tail taught more often inside than after. The counts come from
// training and from Update, so an annotator who tags "Sinaloa cartel"
// teaches the tail with the name, and one who keeps tagging "Caribbean"
// before "region" keeps it cut.
//
// The shipped model learns none (ShippedOptions.NoTails): its data's
// counts are few and contradictory (LOC "region" 3 times in a name and once
// after one, ORG "team" 7 and 6, ORG "government" 8 and 5) and follow the
// conventions of Wikipedia and tweets, not news; kept, they undid the cut
// on the seed articles' "the Caribbean region" and moved dev F1 by 0.2,
// within noise. Tails follow the annotator's own names.

// tailCount is one label's evidence on one lower-case word.
type tailCount struct{ in, out uint32 }

// tailKey mixes a label into a word's lower-case hash. Label indices are
// stable: a model only ever appends labels (addLabel).
func tailKey(label int, lower uint64) uint64 {
	return lower ^ (uint64(label+1) * 0x9e3779b97f4a7c15)
}

// keepTail is true when the lower-case word lower, last in a name of
// label, is one the model learned as the end of such names.
func (m *Model) keepTail(label int, lower uint64) bool {
	c, ok := m.tails[tailKey(label, lower)]
	return ok && c.in > c.out
}

// isTailWord is true for token i of d: a word of lower-case letters only.
func (d *docState) isTailWord(i int) bool {
	return d.infos[i].lowerWord && d.toks[i].kind == kWord && plainLower(d.text[d.toks[i].bs:d.toks[i].be])
}

// countTails adds the evidence of a doc's names (token spans of d, which
// holds the doc prepared) to acc: a name with a capital that ends in a
// lower-case word counts in, one followed by a lower-case word counts out.
func countTails(d *docState, spans []span, acc map[uint64]tailCount) {
	for _, sp := range spans {
		anyCap := false
		for i := sp.a; i < sp.b; i++ {
			anyCap = anyCap || d.infos[i].capital
		}
		if !anyCap {
			continue
		}
		if sp.b-sp.a > 1 && d.isTailWord(sp.b-1) {
			k := tailKey(sp.label, d.infos[sp.b-1].lower)
			c := acc[k]
			c.in++
			acc[k] = c
		}
		if sp.b < len(d.toks) && d.isTailWord(sp.b) {
			k := tailKey(sp.label, d.infos[sp.b].lower)
			c := acc[k]
			c.out++
			acc[k] = c
		}
	}
}

// addTails merges counts into the model's, keeping only words that ended
// a name at least once (the rest would never be kept).
func (m *Model) addTails(acc map[uint64]tailCount) {
	for k, c := range acc {
		old, ok := m.tails[k]
		if !ok && c.in == 0 {
			continue
		}
		if m.tails == nil {
			m.tails = map[uint64]tailCount{}
		}
		m.tails[k] = tailCount{old.in + c.in, old.out + c.out}
	}
}

// tailKeys returns the keys of the model's tails in order (Marshal).
func (m *Model) tailKeys() []uint64 {
	return slices.Sorted(maps.Keys(m.tails))
}
