package story

import (
	"slices"
	"sort"
	"strings"
)

// titleWords are the words of a person's title: offices, ranks, the
// portfolio an office is of, and the modifiers that change one.
var titleWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`president minister prime secretary governor mayor deputy vice former acting
		interim chief executive commander general senator sen rep representative chairman chairwoman chair
		director spokesman spokeswoman spokesperson ambassador judge justice king queen prince princess pope
		coach captain sheriff inspector professor prof dr lieutenant colonel major admiral sergeant officer
		councillor councilor leader speaker premier chancellor ceo treasurer attorney commissioner
		superintendent archbishop bishop cardinal rabbi imam president-elect ex-president
		treasury defense defence foreign finance interior health transport energy education economy trade
		labour labor agriculture environment research science culture home`) {
		m[w] = true
	}
	return m
}()

// titleModifiers change an office rather than name it more precisely.
var titleModifiers = map[string]bool{
	"former": true, "deputy": true, "vice": true, "acting": true, "interim": true, "ex": true, "then": true,
	"elect": true, "president-elect": true, "ex-president": true, "assistant": true, "associate": true,
}

// titled is a person named with a title in one article.
type titled struct {
	doc     int
	title   []string // as written
	set     []string // lower case, sorted, unique
	mention Mention
}

// titleDiscrepancies finds people the articles give different titles.
func titleDiscrepancies(docs []*doc) []Discrepancy {
	people := map[string][]titled{} // folded name → first titled mention per doc
	var names []string
	display := map[string]string{}
	for di, d := range docs {
		seen := map[string]bool{}
		for _, r := range nameRuns(di, d) {
			t, name, ok := splitTitle(r)
			if !ok {
				continue
			}
			key := fold(strings.Join(name, " "))
			if seen[key] {
				continue
			}
			seen[key] = true
			t.doc, t.mention.Article, t.mention.Sentence = di, d.a.ID, d.slice(r.sent.s, r.sent.e)
			if _, known := people[key]; !known {
				names = append(names, key)
				display[key] = strings.Join(name, " ")
			}
			people[key] = append(people[key], t)
		}
	}
	var out []Discrepancy
	for _, key := range names {
		ts := people[key]
		if !titlesDiffer(ts) {
			continue
		}
		d := Discrepancy{Kind: KindTitle, Context: display[key]}
		byTitle := map[string]int{}
		for _, t := range ts {
			text := strings.Join(t.title, " ")
			k := strings.Join(t.set, " ")
			i, ok := byTitle[k]
			if !ok {
				i = len(d.Values)
				byTitle[k] = i
				d.Values = append(d.Values, Value{Value: text})
			}
			d.Values[i].Articles = append(d.Values[i].Articles, docs[t.doc].a.ID)
			d.Values[i].Mentions = append(d.Values[i].Mentions, t.mention)
		}
		sortValues(d.Values)
		out = append(out, d)
	}
	return out
}

// splitTitle reads a run as title and name: the name is what follows the
// last title word (two words at least), the title those title words of the
// run (a place before them, "Port Ellis Mayor", is not part of the
// office) and any modifier written just before the run ("former").
func splitTitle(r nameRun) (titled, []string, bool) {
	last := -1
	for i, w := range r.words {
		if titleWords[strings.ToLower(w.raw)] {
			last = i
		}
	}
	if last < 0 || len(r.words)-last-1 < 2 {
		return titled{}, nil, false
	}
	var t titled
	first := -1
	for i := last; i >= 0 && titleWords[strings.ToLower(r.words[i].raw)]; i-- {
		first = i
	}
	for k := len(r.before) - 1; k >= 0 && first == 0; k-- {
		w := strings.ToLower(r.before[k].raw)
		if !titleModifiers[w] && w != "-" {
			break
		}
		if w != "-" {
			t.title = append([]string{r.before[k].raw}, t.title...)
		}
	}
	start := r.words[first].s
	if len(t.title) > 0 {
		start = r.before[len(r.before)-len(t.title)].s
	}
	for _, w := range r.words[first : last+1] {
		t.title = append(t.title, w.raw)
	}
	for _, w := range t.title {
		t.set = append(t.set, strings.ToLower(w))
	}
	sort.Strings(t.set)
	t.set = slices.Compact(t.set)
	var name []string
	for _, w := range r.words[last+1:] {
		name = append(name, w.raw)
	}
	t.mention = Mention{Start: start, End: r.words[len(r.words)-1].e, SentStart: r.sent.s, SentEnd: r.sent.e}
	return t, name, true
}

// titlesDiffer reports whether two of the articles give a person titles
// that disagree: neither contains the other, or the difference changes the
// office.
func titlesDiffer(ts []titled) bool {
	for i := range ts {
		for j := i + 1; j < len(ts); j++ {
			a, b := ts[i].set, ts[j].set
			if slices.Equal(a, b) {
				continue
			}
			sub := func(x, y []string) bool {
				for _, w := range x {
					if !slices.Contains(y, w) {
						return false
					}
				}
				return true
			}
			if !sub(a, b) && !sub(b, a) {
				return true
			}
			for _, w := range append(slices.Clone(a), b...) {
				if titleModifiers[w] && !(slices.Contains(a, w) && slices.Contains(b, w)) {
					return true
				}
			}
		}
	}
	return false
}
