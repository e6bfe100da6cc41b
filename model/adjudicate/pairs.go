package adjudicate

import (
	"sort"

	"storydesk/model"
)

// Duplicate-pair labels: each pair of articles (the one adjudicated and
// another) some layer labelled, with what each layer says of it (a label,
// or none).

// Pair names two articles, A before B.
type Pair struct{ A, B string }

// PairVersion is the label some layers gave a pair ("" none).
type PairVersion struct {
	Layers []string
	Label  model.DupLabel
}

// PairItem is one pair's place.
type PairItem struct {
	Pair
	Agreed   bool
	Versions []PairVersion
	Decided  bool // gold has labelled the pair
	Gold     model.DupLabel
	Choice   int // the version gold's label matches, -1 none
}

// ComparePairs lists the pairs any layer labelled, by the other article.
func ComparePairs(layers []Layer, gold map[Pair]model.DupLabel) []PairItem {
	seen := map[Pair]bool{}
	var pairs []Pair
	for _, l := range layers {
		for p := range l.Pairs {
			if !seen[p] {
				seen[p] = true
				pairs = append(pairs, p)
			}
		}
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i].A != pairs[j].A {
			return pairs[i].A < pairs[j].A
		}
		return pairs[i].B < pairs[j].B
	})
	out := make([]PairItem, 0, len(pairs))
	for _, p := range pairs {
		it := PairItem{Pair: p, Choice: -1}
		for _, l := range layers {
			label := l.Pairs[p]
			found := false
			for k := range it.Versions {
				if it.Versions[k].Label == label {
					it.Versions[k].Layers = append(it.Versions[k].Layers, l.Name)
					found = true
				}
			}
			if !found {
				it.Versions = append(it.Versions, PairVersion{Layers: []string{l.Name}, Label: label})
			}
		}
		it.Agreed = len(layers) >= 2 && len(it.Versions) == 1
		if g := gold[p]; g != "" {
			it.Decided, it.Gold = true, g
			for k, v := range it.Versions {
				if v.Label == g {
					it.Choice = k
				}
			}
		}
		out = append(out, it)
	}
	return out
}
