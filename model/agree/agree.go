// Package agree measures how far annotators agree: span F1 between each
// pair of annotators (exact and overlapping, overall and per label), Cohen's
// kappa for duplicate-pair labels and for entity labels per token, and
// Krippendorff's alpha across any number of annotators. It is pure: the
// caller hands it each annotator's layer.
package agree

import (
	"sort"

	"storydesk/model"
	"storydesk/model/ner"
)

// Doc is one article: its stored text and each annotator's spans on it. An
// annotator with no span on it has not annotated it.
type Doc struct {
	Text  string
	Spans map[string][]model.Span
}

// Pair names a pair of articles labelled as copies or not, A < B.
type Pair struct{ A, B string }

// Input is every annotator's layer.
type Input struct {
	Docs map[string]Doc
	// Dups holds each annotator's duplicate-pair labels.
	Dups map[string]map[Pair]model.DupLabel
}

// Score is a figure that may not be computable (nil: no data, or chance
// agreement is total).
type Score = *float64

// LabelScores are one label's figures for a pair of annotators.
type LabelScores struct {
	F1Exact   Score `json:"f1_exact"`
	F1Overlap Score `json:"f1_overlap"`
	// A and B count each annotator's spans of the label.
	A int `json:"a"`
	B int `json:"b"`
}

// PairScores compare two annotators over the articles both annotated.
type PairScores struct {
	A             string                 `json:"a"`
	B             string                 `json:"b"`
	Articles      int                    `json:"articles"`
	SpanF1Exact   Score                  `json:"span_f1_exact"`
	SpanF1Overlap Score                  `json:"span_f1_overlap"`
	DupKappa      Score                  `json:"dup_kappa"`
	TokenKappa    Score                  `json:"token_kappa"`
	ByLabel       map[string]LabelScores `json:"by_label"`
}

// Report is the agreement of a team.
type Report struct {
	Annotators []string `json:"annotators"`
	// Articles counts the articles at least two annotators annotated.
	Articles int          `json:"articles"`
	Pairs    []PairScores `json:"pairs"`
	// TokenAlpha and DupAlpha are Krippendorff's alpha (nominal) across
	// every annotator: entity labels per token, duplicate-pair labels.
	TokenAlpha Score `json:"token_alpha"`
	DupAlpha   Score `json:"dup_alpha"`
}

// Compute works out every figure.
func Compute(in Input) Report {
	names := map[string]bool{}
	for _, d := range in.Docs {
		for a, sp := range d.Spans {
			if len(sp) > 0 {
				names[a] = true
			}
		}
	}
	for a, l := range in.Dups {
		if len(l) > 0 {
			names[a] = true
		}
	}
	var r Report
	for a := range names {
		r.Annotators = append(r.Annotators, a)
	}
	sort.Strings(r.Annotators)
	ids := make([]string, 0, len(in.Docs))
	for id := range in.Docs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	toks := map[string][]ner.Token{}
	tokensOf := func(id string) []ner.Token {
		t, ok := toks[id]
		if !ok {
			t = ner.Tokenize(in.Docs[id].Text)
			toks[id] = t
		}
		return t
	}
	var units [][]string // token alpha: one unit per token of a shared article
	for _, id := range ids {
		d := in.Docs[id]
		var who []string
		for _, a := range r.Annotators {
			if len(d.Spans[a]) > 0 {
				who = append(who, a)
			}
		}
		if len(who) < 2 {
			continue
		}
		r.Articles++
		ts := tokensOf(id)
		labels := make([][]string, len(who))
		for i, a := range who {
			labels[i] = tokenLabels(ts, d.Spans[a])
		}
		for t := range ts {
			u := make([]string, len(who))
			for i := range who {
				u[i] = labels[i][t]
			}
			units = append(units, u)
		}
	}
	r.TokenAlpha = alpha(units)
	r.DupAlpha = alpha(dupUnits(in.Dups, r.Annotators))
	for i, a := range r.Annotators {
		for _, b := range r.Annotators[i+1:] {
			r.Pairs = append(r.Pairs, comparePair(in, ids, a, b, tokensOf))
		}
	}
	return r
}

// comparePair compares a and b over the articles both annotated.
func comparePair(in Input, ids []string, a, b string, tokensOf func(string) []ner.Token) PairScores {
	p := PairScores{A: a, B: b, ByLabel: map[string]LabelScores{}}
	type counts struct{ exact, overlap, na, nb int }
	all := counts{}
	per := map[string]*counts{}
	get := func(l string) *counts {
		c := per[l]
		if c == nil {
			c = &counts{}
			per[l] = c
		}
		return c
	}
	var ta, tb []string
	for _, id := range ids {
		d := in.Docs[id]
		sa, sb := d.Spans[a], d.Spans[b]
		if len(sa) == 0 || len(sb) == 0 {
			continue
		}
		p.Articles++
		for _, s := range sa {
			get(s.Label).na++
		}
		for _, s := range sb {
			get(s.Label).nb++
		}
		for l, n := range exactMatches(sa, sb) {
			get(l).exact += n
		}
		for l, n := range overlapMatches(sa, sb) {
			get(l).overlap += n
		}
		ts := tokensOf(id)
		ta = append(ta, tokenLabels(ts, sa)...)
		tb = append(tb, tokenLabels(ts, sb)...)
	}
	for l, c := range per {
		all.exact += c.exact
		all.overlap += c.overlap
		all.na += c.na
		all.nb += c.nb
		p.ByLabel[l] = LabelScores{F1Exact: f1(c.exact, c.na, c.nb), F1Overlap: f1(c.overlap, c.na, c.nb), A: c.na, B: c.nb}
	}
	if p.Articles > 0 {
		p.SpanF1Exact = f1(all.exact, all.na, all.nb)
		p.SpanF1Overlap = f1(all.overlap, all.na, all.nb)
		p.TokenKappa = kappa(ta, tb)
	}
	var da, db []string
	la, lb := in.Dups[a], in.Dups[b]
	for _, k := range sortedPairs(la) {
		if vb, ok := lb[k]; ok {
			da = append(da, string(la[k]))
			db = append(db, string(vb))
		}
	}
	p.DupKappa = kappa(da, db)
	return p
}

// f1 is 2·matched/(na+nb), nil with no span on either side.
func f1(matched, na, nb int) Score {
	if na+nb == 0 {
		return nil
	}
	v := 2 * float64(matched) / float64(na+nb)
	return &v
}

// exactMatches counts, per label, spans with the same start, end and label
// on both sides (each span counts once).
func exactMatches(a, b []model.Span) map[string]int {
	type key struct {
		s, e int
		l    string
	}
	have := map[key]int{}
	for _, s := range b {
		have[key{s.Start, s.End, s.Label}]++
	}
	out := map[string]int{}
	for _, s := range a {
		k := key{s.Start, s.End, s.Label}
		if have[k] > 0 {
			have[k]--
			out[s.Label]++
		}
	}
	return out
}

// overlapMatches pairs spans of the same label that overlap, one to one:
// the largest overlaps first, ties by position, so the count does not
// depend on the order spans are given in.
func overlapMatches(a, b []model.Span) map[string]int {
	type cand struct{ i, j, ov int }
	var cs []cand
	for i, x := range a {
		for j, y := range b {
			if x.Label != y.Label {
				continue
			}
			if ov := min(x.End, y.End) - max(x.Start, y.Start); ov > 0 {
				cs = append(cs, cand{i, j, ov})
			}
		}
	}
	sort.Slice(cs, func(p, q int) bool {
		if cs[p].ov != cs[q].ov {
			return cs[p].ov > cs[q].ov
		}
		if a[cs[p].i].Start != a[cs[q].i].Start {
			return a[cs[p].i].Start < a[cs[q].i].Start
		}
		return b[cs[p].j].Start < b[cs[q].j].Start
	})
	usedA, usedB := map[int]bool{}, map[int]bool{}
	out := map[string]int{}
	for _, c := range cs {
		if usedA[c.i] || usedB[c.j] {
			continue
		}
		usedA[c.i], usedB[c.j] = true, true
		out[a[c.i].Label]++
	}
	return out
}

// tokenLabels gives each token the label of the span it starts in, "O"
// outside every span.
func tokenLabels(ts []ner.Token, spans []model.Span) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = "O"
		for _, s := range spans {
			if t.Start >= s.Start && t.Start < s.End {
				out[i] = s.Label
				break
			}
		}
	}
	return out
}

// kappa is Cohen's kappa of two raters over the same items: (po−pe)/(1−pe);
// nil with no items, or when chance agreement is total (pe = 1).
func kappa(a, b []string) Score {
	n := len(a)
	if n == 0 || n != len(b) {
		return nil
	}
	agree := 0
	ca, cb := map[string]int{}, map[string]int{}
	for i := range a {
		if a[i] == b[i] {
			agree++
		}
		ca[a[i]]++
		cb[b[i]]++
	}
	po := float64(agree) / float64(n)
	pe := 0.0
	for k, x := range ca {
		pe += float64(x) / float64(n) * float64(cb[k]) / float64(n)
	}
	if pe >= 1 {
		return nil
	}
	v := (po - pe) / (1 - pe)
	return &v
}

// alpha is Krippendorff's alpha for nominal data: units hold the values the
// raters gave (only units with two or more values count). nil when there is
// nothing to compare or every value is the same category.
func alpha(units [][]string) Score {
	o := map[[2]string]float64{}
	nc := map[string]float64{}
	n := 0.0
	for _, u := range units {
		m := len(u)
		if m < 2 {
			continue
		}
		w := 1 / float64(m-1)
		for i := range u {
			for j := range u {
				if i != j {
					o[[2]string{u[i], u[j]}] += w
				}
			}
			nc[u[i]]++
			n++
		}
	}
	if n < 2 {
		return nil
	}
	do := 0.0
	for k, v := range o {
		if k[0] != k[1] {
			do += v
		}
	}
	de := 0.0
	for c, x := range nc {
		for k, y := range nc {
			if c != k {
				de += x * y
			}
		}
	}
	if de == 0 {
		return nil
	}
	v := 1 - (n-1)*do/de
	return &v
}

// dupUnits is one unit per article pair, with every label given to it.
func dupUnits(dups map[string]map[Pair]model.DupLabel, annotators []string) [][]string {
	byPair := map[Pair][]string{}
	for _, a := range annotators {
		for k, l := range dups[a] {
			byPair[k] = append(byPair[k], string(l))
		}
	}
	keys := make([]Pair, 0, len(byPair))
	for k := range byPair {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].A < keys[j].A || keys[i].A == keys[j].A && keys[i].B < keys[j].B })
	out := make([][]string, 0, len(keys))
	for _, k := range keys {
		out = append(out, byPair[k])
	}
	return out
}

func sortedPairs(m map[Pair]model.DupLabel) []Pair {
	out := make([]Pair, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].A < out[j].A || out[i].A == out[j].A && out[i].B < out[j].B })
	return out
}
