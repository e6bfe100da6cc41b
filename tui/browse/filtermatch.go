package browse

import (
	"runtime"
	"slices"
	"strings"
	"sync"

	"storydesk/model"
	"storydesk/model/fuzzy"
)

// FilterFacts answers the filter's fields about what the reader does not
// hold itself (label:, status:, has:, dup:): called on the update loop when
// a scan starts, it returns a test the scan calls off it, with an article's
// id ("" until the background read reaches it) and item index; the test
// must only read what it captured or guards itself. ok false: the field
// cannot be answered (no store), and the filter says so.
type FilterFacts func(f fuzzy.Field) (test func(id string, item int) bool, ok bool)

// SetFilterFacts sets the answer to the filter's fact fields.
func (b *Browser) SetFilterFacts(f FilterFacts) { b.list.facts = f }

// DocFacts is what the annotation store says about one article, for the
// filter's status:, label: and has: fields.
type DocFacts struct {
	Status model.Status // "" when never set: the article counts as new
	Labels []string     // its spans' labels, one per span
	Quotes bool         // it has quotations
}

// FactTest is a FilterFacts test for status:, label: and has: over the
// facts get returns for an article id (ok false: nothing stored for it);
// ok false for any other field. get is called off the update loop.
func FactTest(f fuzzy.Field, get func(id string) (DocFacts, bool)) (func(id string, item int) bool, bool) {
	switch f.Key {
	case "status":
		want := model.Status(f.Value)
		return func(id string, _ int) bool {
			a, ok := get(id)
			if !ok || a.Status == "" {
				return want == model.StatusNew
			}
			return a.Status == want
		}, true
	case "label":
		return func(id string, _ int) bool {
			a, _ := get(id)
			return slices.Contains(a.Labels, f.Value)
		}, true
	case "has":
		return func(id string, _ int) bool {
			a, _ := get(id)
			if f.Value == "quotes" {
				return a.Quotes
			}
			return len(a.Labels) > 0
		}, true
	}
	return nil, false
}

// matcher is one query compiled for a scan.
type matcher struct {
	terms  []fuzzy.Term
	outlet []fuzzy.Field
	dates  []fuzzy.Field
	facts  []factTest
	ids    []string // item ids when facts are asked (a snapshot)
	ranked bool     // a fuzzy term orders the matches by score
	need   uint64   // letterMask of the terms that must occur
}

type factTest struct {
	test   func(id string, item int) bool
	negate bool
}

// compileQuery builds the matcher for a query on the update loop; problem
// says what a field needs when one could not be read or answered.
func (l *listPane) compileQuery(q string) (*matcher, string) {
	query, problem := fuzzy.Parse(q)
	m := &matcher{}
	if problem != "" {
		// A field that cannot be read matches nothing, rather than being
		// dropped and the query matching more than asked.
		m.need = ^uint64(0)
	}
	for _, t := range query.Terms {
		if t.Text == "" {
			continue
		}
		m.terms = append(m.terms, t)
		if !t.Exact && !t.Negate {
			m.ranked = true
		}
		if !t.Negate {
			m.need |= letterMask(t.Text)
		}
	}
	for _, f := range query.Fields {
		switch f.Key {
		case "outlet":
			m.outlet = append(m.outlet, f)
		case "date":
			m.dates = append(m.dates, f)
		default:
			var test func(string, int) bool
			ok := false
			if l.facts != nil {
				test, ok = l.facts(f)
			}
			if !ok {
				problem = f.Key + ": needs the annotation store"
				test = func(string, int) bool { return false }
			}
			m.facts = append(m.facts, factTest{test: test, negate: f.Negate})
		}
	}
	if len(m.facts) > 0 {
		m.ids = make([]string, len(l.store.rows))
		for i := range l.store.rows {
			m.ids[i] = l.store.rows[i].id
		}
	}
	return m, problem
}

// match tests item i's haystack ("title\x00outlet\x00date", lower-cased
// but the date) and scores it.
// outletScores caches, per scan worker, each fuzzy term's score in each
// outlet (a corpus has few outlets and many articles); noMatch when the
// term is not in it.
type outletScores map[string][]int32

const noMatch = -1 << 30

func (m *matcher) match(i int, hay string, cache outletScores) (int, bool) {
	if hay == "" {
		return 0, false
	}
	text, date := hay, ""
	if k := strings.LastIndexByte(hay, 0); k >= 0 {
		text, date = hay[:k], hay[k+1:]
	}
	// A fuzzy term matches inside the title or inside the outlet, never
	// across the two (fzf reads one line; a title and an outlet are two
	// things, and "river" spread over "Library…" and "Valley Courier" is
	// noise).
	title, outlet := text, ""
	if k := strings.IndexByte(text, 0); k >= 0 {
		title, outlet = text[:k], text[k+1:]
	}
	// The cheap fields first: most items fail one before any scoring.
	for _, f := range m.outlet {
		if strings.Contains(outlet, f.Value) == f.Negate {
			return 0, false
		}
	}
	for _, f := range m.dates {
		if fuzzy.InISODates(date, f.Lo, f.Hi) == f.Negate { // haystack dates are NormDate's
			return 0, false
		}
	}
	for _, f := range m.facts {
		id := ""
		if i < len(m.ids) {
			id = m.ids[i]
		}
		if f.test(id, i) == f.negate {
			return 0, false
		}
	}
	var outS []int32
	if m.ranked && outlet != "" {
		var ok bool
		if outS, ok = cache[outlet]; !ok {
			outS = make([]int32, len(m.terms))
			for k, t := range m.terms {
				outS[k] = noMatch
				if s, ok := fuzzy.Score(t.Text, outlet); ok {
					outS[k] = int32(s)
				}
			}
			cache[outlet] = outS
		}
	}
	score := 0
	for k, t := range m.terms {
		switch {
		case t.Negate:
			if strings.Contains(text, t.Text) {
				return 0, false
			}
		case t.Exact:
			if !strings.Contains(text, t.Text) {
				return 0, false
			}
		default:
			s, ok := fuzzy.Score(t.Text, title)
			if outS != nil && outS[k] != noMatch && (!ok || int(outS[k]) > s) {
				s, ok = int(outS[k]), true
			}
			if !ok {
				return 0, false
			}
			score += s
		}
	}
	return score, true
}

// scored is one match and its score.
type scored struct {
	item  int32
	score int32
}

// parallelFrom is the item count above which a scan uses every core.
const parallelFrom = 16 << 10

// scan returns the items of snap (or of base, when narrowing) that m
// matches: best score first when ranked (equal scores in corpus order),
// else in corpus order.
func (m *matcher) scan(snap haySnap, base []int32) []int32 {
	n := snap.n
	item := func(k int) int32 { return int32(k) } // the k-th item to test
	if base != nil {
		n = len(base)
		item = func(k int) int32 { return base[k] }
	}
	parts := 1
	if n >= parallelFrom {
		parts = min(runtime.GOMAXPROCS(0), 8)
	}
	results := make([][]scored, parts)
	var wg sync.WaitGroup
	for p := 0; p < parts; p++ {
		lo, hi := n*p/parts, n*(p+1)/parts
		wg.Add(1)
		go func() {
			defer wg.Done()
			var out []scored
			cache := outletScores{}
			for k := lo; k < hi; k++ {
				i := item(k)
				// Most items lack a letter of the terms: one AND on the
				// masks beside the haystacks turns them away unread.
				if snap.maskAt(int(i))&m.need != m.need {
					continue
				}
				if s, ok := m.match(int(i), snap.at(int(i)), cache); ok {
					out = append(out, scored{i, int32(s)})
				}
			}
			results[p] = out
		}()
	}
	wg.Wait()
	total := 0
	for _, r := range results {
		total += len(r)
	}
	all := make([]scored, 0, total)
	for _, r := range results {
		all = append(all, r...)
	}
	out := make([]int32, len(all))
	if !m.ranked {
		for k, s := range all {
			out[k] = s.item
		}
		if base != nil {
			slices.Sort(out) // a ranked base is in score order
		}
		return out
	}
	if base != nil {
		slices.SortFunc(all, func(a, b scored) int { return int(a.item - b.item) })
	}
	rankInto(out, all)
	return out
}

// rankInto writes the items best score first, equal scores in the order
// given (corpus order): a counting sort, as scores span a few hundred
// values, where a comparison sort of 100k matches took most of a keystroke.
func rankInto(out []int32, all []scored) {
	if len(all) == 0 {
		return
	}
	lo, hi := all[0].score, all[0].score
	for _, s := range all {
		lo, hi = min(lo, s.score), max(hi, s.score)
	}
	if hi-lo > 1<<16 {
		slices.SortStableFunc(all, func(a, b scored) int { return int(b.score - a.score) })
		for k, s := range all {
			out[k] = s.item
		}
		return
	}
	count := make([]int, hi-lo+2)
	for _, s := range all {
		count[hi-s.score+1]++ // best first
	}
	for k := 1; k < len(count); k++ {
		count[k] += count[k-1]
	}
	for _, s := range all {
		b := hi - s.score
		out[count[b]] = s.item
		count[b]++
	}
}

// position is item i's place in vis (-1 when absent): a binary search in
// corpus order, a walk in a ranked list.
func position(vis []int32, ranked bool, i int32) int {
	if ranked {
		return slices.Index(vis, i)
	}
	j, ok := slices.BinarySearch(vis, i)
	if !ok {
		return -1
	}
	return j
}

// excludeRanked applies the copies filter (which works on ascending
// lists) to a ranked list, keeping its order.
func excludeRanked(vis []int32, exclude func([]int32) []int32) []int32 {
	sorted := slices.Clone(vis)
	slices.Sort(sorted)
	kept := exclude(sorted)
	if len(kept) == len(sorted) {
		return vis
	}
	keep := make(map[int32]bool, len(kept))
	for _, i := range kept {
		keep[i] = true
	}
	out := make([]int32, 0, len(kept))
	for _, i := range vis {
		if keep[i] {
			out = append(out, i)
		}
	}
	return out
}

// letterMask has a bit for each ASCII letter and digit in s (a rune of
// a term found in an item's text is among the item's text's runes).
func letterMask(s string) uint64 {
	var m uint64
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'a' && c <= 'z':
			m |= 1 << (c - 'a')
		case c >= '0' && c <= '9':
			m |= 1 << (26 + c - '0')
		}
	}
	return m
}

// hayLetters is the letter mask of a haystack's title and outlet (not its
// date); all bits for a dead item's "" so no query rejects it by the mask
// (match does).
func hayLetters(h string) uint64 {
	if h == "" {
		return ^uint64(0)
	}
	if k := strings.LastIndexByte(h, 0); k >= 0 {
		h = h[:k]
	}
	return letterMask(h)
}
