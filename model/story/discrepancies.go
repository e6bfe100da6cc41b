package story

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Discrepancies: facts the articles of a story state differently.
//
//   - Figures are aligned across articles by what they count and the words
//     around them (see alignScore). Each figure is paired with its best
//     match in every other article when that figure's best match is it in
//     turn (mutual best), and the pairs chain into facts; a fact whose
//     articles give different values is a discrepancy. A fact for which
//     one article gives two values is left out: it cannot tell which is
//     which.
//   - Names are compared across articles: the same name in another
//     spelling (an accent dropped, one letter changed in a word of five or
//     more) is a discrepancy. "U.S." and "US" are one spelling.
//   - Titles before a person's name are compared: "Governor" against
//     "Deputy Governor", "President" against "former President". One
//     title being more specific than another ("Treasury Secretary",
//     "Secretary") is not a discrepancy unless what it adds changes the
//     office (former, deputy, vice, acting…).

// Discrepancy is one fact the articles disagree on.
type Discrepancy struct {
	Kind string // a Kind* constant
	// Context says which fact: the words around a figure, with N for it
	// ("killing at least N people"); the person, for a title; the name in
	// its commonest spelling, for a name.
	Context string
	Values  []Value // the most widely given first
}

// Value is what some of the articles say.
type Value struct {
	Value    string   // as the first article to give it writes it
	Articles []string // in timeline order
	Mentions []Mention
}

// Mention is where an article states a value: the value itself, and its
// sentence, to open side by side with the others'.
type Mention struct {
	Article            string
	Start, End         int
	SentStart, SentEnd int
	Sentence           string // the sentence's text
}

func discrepancies(docs []*doc) []Discrepancy {
	out := figureDiscrepancies(docs)
	out = append(out, nameDiscrepancies(docs)...)
	out = append(out, titleDiscrepancies(docs)...)
	return out
}

func figureDiscrepancies(docs []*doc) []Discrepancy {
	var figs []figure
	byDoc := make([][]int, len(docs))
	for di, d := range docs {
		for _, f := range figures(di, d) {
			byDoc[di] = append(byDoc[di], len(figs))
			figs = append(figs, f)
		}
	}
	parent := make([]int, len(figs))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			i = parent[i]
		}
		return i
	}
	best := func(x int, in []int) int {
		b, bs := -1, minAlign-1
		for _, y := range in {
			if s := alignScore(&figs[x], &figs[y]); s > bs {
				b, bs = y, s
			}
		}
		return b
	}
	for i := range docs {
		for j := i + 1; j < len(docs); j++ {
			for _, x := range byDoc[i] {
				if y := best(x, byDoc[j]); y >= 0 && best(y, byDoc[i]) == x {
					if rx, ry := find(x), find(y); rx != ry {
						parent[max(rx, ry)] = min(rx, ry)
					}
				}
			}
		}
	}
	groups := map[int][]int{}
	for i := range figs {
		groups[find(i)] = append(groups[find(i)], i)
	}
	roots := make([]int, 0, len(groups))
	for r := range groups {
		roots = append(roots, r)
	}
	slices.Sort(roots)
	var out []Discrepancy
	for _, r := range roots {
		ms := groups[r]
		if len(ms) < 2 {
			continue
		}
		valOf := map[int]string{} // doc → value key
		consistent := true
		for _, m := range ms {
			f := &figs[m]
			k := fmt.Sprintf("%g %s", f.value, moneyUnit(f.unit))
			if v, ok := valOf[f.doc]; ok && v != k {
				consistent = false
			}
			valOf[f.doc] = k
		}
		distinct := map[string]bool{}
		for _, v := range valOf {
			distinct[v] = true
		}
		if !consistent || len(distinct) < 2 {
			continue
		}
		kind := KindCount
		for _, m := range ms {
			if k := figs[m].kind; k != KindCount {
				kind = k
			}
		}
		first := &figs[ms[0]]
		d := Discrepancy{Kind: kind, Context: first.context(docs[first.doc])}
		values := map[string]*Value{}
		var order []string
		for _, m := range ms {
			f := &figs[m]
			k := valOf[f.doc]
			v := values[k]
			if v == nil {
				v = &Value{Value: f.display(docs[f.doc])}
				values[k] = v
				order = append(order, k)
			}
			id := docs[f.doc].a.ID
			if !slices.Contains(v.Articles, id) {
				v.Articles = append(v.Articles, id)
			}
			v.Mentions = append(v.Mentions, Mention{Article: id, Start: f.start, End: f.end, SentStart: f.sent.s, SentEnd: f.sent.e,
				Sentence: docs[f.doc].slice(f.sent.s, f.sent.e)})
		}
		for _, k := range order {
			d.Values = append(d.Values, *values[k])
		}
		sortValues(d.Values)
		out = append(out, d)
	}
	return out
}

// moneyUnit keeps the unit that makes two figures different values (a
// currency, a percentage) and drops the word counted, which may differ
// between outlets counting one thing ("42 people", "42 dead").
func moneyUnit(u string) string {
	if u == "%" || len(u) == 3 && strings.ToUpper(u) == u {
		return u
	}
	return ""
}

// sortValues puts the most widely given value first; ties keep their
// order (the order of the first article to give each).
func sortValues(vs []Value) {
	slices.SortStableFunc(vs, func(a, b Value) int { return cmp.Compare(len(b.Articles), len(a.Articles)) })
}

// nameRun is a run of capitalised words in a sentence: a name, perhaps
// with a title before it.
type nameRun struct {
	doc    int
	words  []word
	before []word // the words before the run in its sentence
	sent   span
}

// nameRuns finds the runs of capitalised words in a doc. A run opening a
// sentence loses its first word when that word is a common one ("The",
// "In"); title words stay in, for titleDiscrepancies to read.
func nameRuns(di int, d *doc) []nameRun {
	var out []nameRun
	for _, s := range d.sents {
		ws := s.words
		for i := 0; i < len(ws); {
			if !isNameWord(ws[i]) {
				i++
				continue
			}
			j := i
			for j < len(ws) && isNameWord(ws[j]) {
				j++
			}
			lo := i
			if lo == 0 && stopwords[ws[lo].key] {
				lo++
			}
			if j > lo {
				out = append(out, nameRun{doc: di, words: ws[lo:j], before: ws[:lo], sent: s.span})
			}
			i = j
		}
	}
	return out
}

// isNameWord reports a word that can be part of a name: capitalised, not
// a figure.
func isNameWord(w word) bool { return w.key != "" && !isNumeric(w.key) && isCapitalised(w.raw) }

// spellKey is a name word in a form where style differences vanish ("U.S."
// = "US") but spelling ones stay.
func spellKey(raw string) string { return keyMarks.Replace(strings.ToLower(raw)) }

// nameDiscrepancies finds names spelled two ways.
func nameDiscrepancies(docs []*doc) []Discrepancy {
	type spelling struct {
		text     string
		tokens   []string
		mentions []Mention
		docs     []int
	}
	var spells []*spelling
	index := map[string]*spelling{}
	for di, d := range docs {
		for _, r := range nameRuns(di, d) {
			ws := r.words
			for len(ws) > 0 && titleWords[strings.ToLower(ws[0].raw)] {
				ws = ws[1:]
			}
			if len(ws) == 0 {
				continue
			}
			// A person is named by the last two words of a run whatever
			// comes before ("Geologist Ruth Halle", "Ruth Hallé").
			if len(ws) > 2 {
				ws = ws[len(ws)-2:]
			}
			var toks []string
			for _, w := range ws {
				toks = append(toks, w.raw)
			}
			text := strings.Join(toks, " ")
			sp := index[text]
			if sp == nil {
				sp = &spelling{text: text, tokens: toks}
				index[text] = sp
				spells = append(spells, sp)
			}
			sp.mentions = append(sp.mentions, Mention{Article: d.a.ID, Start: ws[0].s, End: ws[len(ws)-1].e,
				SentStart: r.sent.s, SentEnd: r.sent.e, Sentence: d.slice(r.sent.s, r.sent.e)})
			if !slices.Contains(sp.docs, di) {
				sp.docs = append(sp.docs, di)
			}
		}
	}
	parent := make([]int, len(spells))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			i = parent[i]
		}
		return i
	}
	for i := range spells {
		for j := i + 1; j < len(spells); j++ {
			if variantNames(spells[i].tokens, spells[j].tokens) {
				if ri, rj := find(i), find(j); ri != rj {
					parent[max(ri, rj)] = min(ri, rj)
				}
			}
		}
	}
	groups := map[int][]int{}
	var roots []int
	for i := range spells {
		r := find(i)
		if groups[r] == nil {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], i)
	}
	var out []Discrepancy
	for _, r := range roots {
		ms := groups[r]
		if len(ms) < 2 {
			continue
		}
		d := Discrepancy{Kind: KindName}
		for _, m := range ms {
			sp := spells[m]
			v := Value{Value: sp.text, Mentions: sp.mentions}
			for _, di := range sp.docs {
				v.Articles = append(v.Articles, docs[di].a.ID)
			}
			d.Values = append(d.Values, v)
		}
		sortValues(d.Values)
		d.Context = d.Values[0].Value
		out = append(out, d)
	}
	return out
}

// variantNames reports whether two names are one name spelled two ways:
// as many words, each the same or a variant, at least one a variant; a
// one-word name only when it differs by accents alone.
func variantNames(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	differ := false
	for i := range a {
		x, y := spellKey(a[i]), spellKey(b[i])
		switch {
		case x == y:
		case fold(x) == fold(y):
			differ = true
		case len(a) > 1 && oneEdit(x, y):
			differ = true
		default:
			return false
		}
	}
	return differ
}

// oneEdit reports whether two words of five letters or more differ in one
// letter (same length: "Sandberg", "Sandburg") or by two neighbours
// swapped. A letter added or dropped is not counted: that is how
// "Venezuela" becomes "Venezuelan".
func oneEdit(x, y string) bool {
	a, b := []rune(x), []rune(y)
	if len(a) != len(b) || len(a) < 5 {
		return false
	}
	var diff []int
	for i := range a {
		if a[i] != b[i] {
			diff = append(diff, i)
		}
	}
	switch len(diff) {
	case 1:
		return true
	case 2:
		i, j := diff[0], diff[1]
		return j == i+1 && a[i] == b[j] && a[j] == b[i]
	}
	return false
}
