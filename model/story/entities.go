package story

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"storydesk/model/ner"
)

// Entities: who and what the story is about. The recogniser (when given)
// tags every article; mentions are grouped by their folded form ("López"
// = "Lopez", "U.S." = "US", "the White House" = "White House"), then a
// surname alone joins the one full name of the story that ends with it
// ("Petro" → "Gustavo Petro") and an acronym the one name whose initials
// it is ("US" → "United States"). Without a recogniser, capitalised names
// stand in, unlabelled.

// Entity is one person, organisation or place of the story.
type Entity struct {
	Text     string   // its fullest form, as most often written
	Label    string   // PERSON, ORG, GPE, LOC, NORP…; "" without a recogniser
	Articles []string // the articles that mention it, in timeline order
	Mentions int
	Variants []string // the other forms merged into it, sorted
	// At is its first mention in each article (timeline order), where a
	// screen opens the article.
	At []Place
}

// Place is a range of an article's text.
type Place struct {
	Article    string
	Start, End int
}

// mention is one entity mention before grouping.
type mention struct {
	doc        int
	text       string
	label      string
	start, end int
}

func entities(docs []*doc, m *ner.Model) []Entity {
	var ms []mention
	for di, d := range docs {
		if m != nil {
			for _, e := range m.Tag(d.a.Text) {
				ms = append(ms, mention{di, e.Text, e.Label, e.Start, e.End})
			}
			continue
		}
		for _, r := range nameRuns(di, d) {
			ws := r.words
			for len(ws) > 0 && titleWords[strings.ToLower(ws[0].raw)] {
				ws = ws[1:]
			}
			if len(ws) == 0 || len(r.before) == 0 && len(ws) == 1 {
				continue // one capitalised word opening a sentence says nothing
			}
			ms = append(ms, mention{di, d.slice(ws[0].s, ws[len(ws)-1].e), "", ws[0].s, ws[len(ws)-1].e})
		}
	}
	type group struct {
		key    string
		forms  map[string]int
		labels map[string]int
		docs   map[int]bool
		first  map[int]Place
		n      int
		into   *group
	}
	groups := map[string]*group{}
	var keys []string
	for _, x := range ms {
		k := entityKey(x.text)
		if k == "" {
			continue
		}
		g := groups[k]
		if g == nil {
			g = &group{key: k, forms: map[string]int{}, labels: map[string]int{}, docs: map[int]bool{}, first: map[int]Place{}}
			groups[k] = g
			keys = append(keys, k)
		}
		g.forms[x.text]++
		g.labels[x.label]++
		g.docs[x.doc] = true
		if p, ok := g.first[x.doc]; !ok || x.start < p.Start {
			g.first[x.doc] = Place{docs[x.doc].a.ID, x.start, x.end}
		}
		g.n++
	}
	slices.Sort(keys)
	// Short forms join the one long form of their label they abbreviate.
	for _, k := range keys {
		g := groups[k]
		if strings.Contains(k, " ") {
			continue
		}
		var target *group
		count := 0
		for _, k2 := range keys {
			if !strings.Contains(k2, " ") {
				continue
			}
			words := strings.Fields(k2)
			long := groups[k2]
			if commonest(g.labels) != commonest(long.labels) {
				continue
			}
			// A surname stands for a person's full name; a last word alone
			// ("American", "Union") for nothing in particular.
			surname := words[len(words)-1] == k && !isAcronymForm(g.forms) && (m == nil || commonest(g.labels) == ner.LabelPerson)
			if surname || isAcronymForm(g.forms) && initials(words) == k {
				target = groups[k2]
				count++
			}
		}
		if count == 1 {
			g.into = target
		}
	}
	var out []Entity
	for _, k := range keys {
		g := groups[k]
		if g.into != nil {
			continue
		}
		e := Entity{Text: commonest(g.forms), Mentions: g.n}
		labels := g.labels
		docsOf := g.docs
		first := g.first
		var variants []string
		for _, k2 := range keys {
			if s := groups[k2]; s.into == g {
				e.Mentions += s.n
				for f := range s.forms {
					variants = append(variants, f)
				}
				for l, n := range s.labels {
					labels[l] += n
				}
				for di := range s.docs {
					docsOf[di] = true
				}
				for di, p := range s.first {
					if q, ok := first[di]; !ok || p.Start < q.Start {
						first[di] = p
					}
				}
			}
		}
		for f := range g.forms {
			if f != e.Text {
				variants = append(variants, f)
			}
		}
		slices.Sort(variants)
		e.Variants = slices.Compact(variants)
		e.Label = commonest(labels)
		for di, d := range docs {
			if docsOf[di] {
				e.Articles = append(e.Articles, d.a.ID)
				e.At = append(e.At, first[di])
			}
		}
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b Entity) int {
		return cmp.Or(cmp.Compare(len(b.Articles), len(a.Articles)), cmp.Compare(b.Mentions, a.Mentions), cmp.Compare(a.Text, b.Text))
	})
	return out
}

// entityKey folds a mention for grouping: lower case, no accents, no
// dots or possessive, no leading "the".
func entityKey(s string) string {
	k := fold(s)
	k = entityMarks.Replace(k)
	for _, a := range []string{"the ", "a ", "an "} {
		k = strings.TrimPrefix(k, a)
	}
	return strings.Join(strings.Fields(k), " ")
}

var entityMarks = strings.NewReplacer(".", "", "’s", "", "'s", "")

// isAcronymForm reports whether a group's forms are all capitals ("US",
// "U.S.", "UN").
func isAcronymForm(forms map[string]int) bool {
	for f := range forms {
		letters := 0
		for _, r := range f {
			if unicode.IsLetter(r) {
				if !unicode.IsUpper(r) {
					return false
				}
				letters++
			}
		}
		if letters < 2 {
			return false
		}
	}
	return len(forms) > 0
}

// initials are the first letters of a name's words, small words left out
// ("united states" → "us", "bank of england" → "be").
func initials(words []string) string {
	var b strings.Builder
	for _, w := range words {
		if w == "of" || w == "the" || w == "and" || w == "for" {
			continue
		}
		r := []rune(w)
		b.WriteRune(r[0])
	}
	return b.String()
}

// commonest is the key counted most, ties to the longest, then the
// smallest.
func commonest(counts map[string]int) string {
	best, bn := "", -1
	for k, n := range counts {
		if n > bn || n == bn && (len(k) > len(best) || len(k) == len(best) && k < best) {
			best, bn = k, n
		}
	}
	return best
}
