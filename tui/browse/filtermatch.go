package browse

import (
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

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
	dates  []dateTest
	facts  []factTest
	ids    []string // item ids when facts are asked (a snapshot)
	ranked bool     // a fuzzy term orders the matches by score
	need   uint64   // letterMask of the terms that must occur
	// best is each term's fuzzy.MaxScore: an outlet that scores it leaves
	// the title nothing to win, so the title is not scored.
	best []int
	// stop, when set, ends the scan early: a newer keystroke wants the
	// cores (the result is then dropped).
	stop *atomic.Bool
}

type dateTest struct {
	lo, hi fuzzy.DateCode
	negate bool
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
		m.best = append(m.best, fuzzy.MaxScore(t.Text))
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
			m.dates = append(m.dates, dateTest{fuzzy.EncodeDate(f.Lo), fuzzy.EncodeDate(f.Hi), f.Negate})
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

const noMatch = -1 << 30

// outletTable is what one scan worker knows of each outlet, filled on the
// first item from it: whether it passes the outlet: filters, and each
// term's answer in it (a fuzzy score or noMatch; 1 or 0 for an exact or
// negated term's substring).
type outletTable struct {
	m      *matcher
	names  []string
	state  []uint8 // 0 not yet seen, 1 passes, 2 fails the outlet filters
	answer []int32 // len(names) × len(terms)
}

func (m *matcher) newOutletTable(names []string) *outletTable {
	return &outletTable{m: m, names: names, state: make([]uint8, len(names)), answer: make([]int32, len(names)*len(m.terms))}
}

// pass reports whether outlet o passes the outlet filters, filling its row.
func (t *outletTable) pass(o uint32) bool {
	if int(o) >= len(t.state) {
		return false // not in this snapshot: cannot happen, match nothing
	}
	switch t.state[o] {
	case 1:
		return true
	case 2:
		return false
	}
	name := t.names[o]
	t.state[o] = 2
	for _, f := range t.m.outlet {
		if strings.Contains(name, f.Value) == f.Negate {
			return false
		}
	}
	t.state[o] = 1
	row := t.answer[int(o)*len(t.m.terms):]
	for k, term := range t.m.terms {
		row[k] = noMatch
		switch {
		case term.Exact || term.Negate:
			row[k] = 0
			if strings.Contains(name, term.Text) {
				row[k] = 1
			}
		case name != "":
			if s, ok := fuzzy.Score(term.Text, name); ok {
				row[k] = int32(s)
			}
		}
	}
	return true
}

// match tests item i and scores it: the date, outlet and fact fields
// first (most items fail one before any text is read), then each term in
// the title or the outlet.
func (m *matcher) match(i int, snap *haySnap, outlets *outletTable) (int, bool) {
	meta := snap.meta(i)
	if meta&hayDead != 0 {
		return 0, false
	}
	if len(m.dates) > 0 {
		d := metaDate(meta)
		for _, f := range m.dates {
			if fuzzy.InDateCodes(d, f.lo, f.hi) == f.negate {
				return 0, false
			}
		}
	}
	o := metaOutlet(meta)
	if !outlets.pass(o) {
		return 0, false
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
	title := snap.title(i)
	answers := outlets.answer[int(o)*len(m.terms):]
	score := 0
	// A fuzzy term matches inside the title or inside the outlet, never
	// across the two (fzf reads one line; a title and an outlet are two
	// things, and "river" spread over "Library…" and "Valley Courier" is
	// noise).
	for k, t := range m.terms {
		switch {
		case t.Negate:
			if answers[k] == 1 || strings.Contains(title, t.Text) {
				return 0, false
			}
		case t.Exact:
			if answers[k] != 1 && !strings.Contains(title, t.Text) {
				return 0, false
			}
		default:
			if a := answers[k]; a != noMatch && int(a) >= m.best[k] {
				score += int(a)
				continue
			}
			s, ok := fuzzy.Score(t.Text, title)
			if a := answers[k]; a != noMatch && (!ok || int(a) > s) {
				s, ok = int(a), true
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

// stopEvery is how many items a scan worker tests between looks at stop.
const stopEvery = 2048

// scanResult is a finished scan: the matches in corpus order, and best
// first when ranked (nil when not ranked: asc is the order shown).
type scanResult struct {
	asc, ranked []int32
	stopped     bool
}

// shown is the order the list shows.
func (r scanResult) shown() []int32 {
	if r.ranked != nil {
		return r.ranked
	}
	return r.asc
}

// scan returns the items of snap (or of base, ascending, when narrowing)
// that m matches: in corpus order, and best score first when ranked (equal
// scores in corpus order).
func (m *matcher) scan(snap haySnap, base []int32) scanResult {
	n := snap.n
	if base != nil {
		n = len(base)
	}
	parts := 1
	if n >= parallelFrom {
		parts = min(runtime.GOMAXPROCS(0), 8)
	}
	results := make([][]scored, parts)
	var wg sync.WaitGroup
	for p := 0; p < parts; p++ {
		lo, hi := n*p/parts, n*(p+1)/parts
		wg.Go(func() { results[p] = m.scanPart(&snap, base, lo, hi) })
	}
	wg.Wait()
	if m.stop != nil && m.stop.Load() {
		return scanResult{stopped: true}
	}
	total := 0
	for _, r := range results {
		total += len(r)
	}
	res := scanResult{asc: make([]int32, 0, total)}
	for _, r := range results {
		for _, s := range r {
			res.asc = append(res.asc, s.item)
		}
	}
	if m.ranked {
		res.ranked = make([]int32, total)
		rankInto(res.ranked, results, total)
	}
	return res
}

// scanPart tests the k-th items for k in [lo, hi): item k itself, or
// base[k] when narrowing.
func (m *matcher) scanPart(snap *haySnap, base []int32, lo, hi int) []scored {
	// Room for every item: growing the slice by doubling copied and
	// cleared more than the scan wrote.
	out := make([]scored, 0, hi-lo)
	outlets := m.newOutletTable(snap.outlets)
	need := m.need
	for k := lo; k < hi; k++ {
		if m.stop != nil && (k-lo)%stopEvery == 0 && m.stop.Load() {
			return nil
		}
		i := k
		if base != nil {
			i = int(base[k])
		}
		// Most items lack a letter of the terms: one AND on the masks
		// beside the titles turns them away unread.
		if snap.maskAt(i)&need != need {
			continue
		}
		if s, ok := m.match(i, snap, outlets); ok {
			out = append(out, scored{int32(i), int32(s)})
		}
	}
	return out
}

// rankInto writes the items best score first, equal scores in the order
// given (corpus order): a counting sort, as scores span a few hundred
// values, where a comparison sort of 100k matches took most of a keystroke.
func rankInto(out []int32, parts [][]scored, total int) {
	if total == 0 {
		return
	}
	first := true
	var lo, hi int32
	for _, all := range parts {
		for _, s := range all {
			if first {
				lo, hi, first = s.score, s.score, false
			}
			lo, hi = min(lo, s.score), max(hi, s.score)
		}
	}
	if hi-lo > 1<<16 {
		all := make([]scored, 0, total)
		for _, p := range parts {
			all = append(all, p...)
		}
		slices.SortStableFunc(all, func(a, b scored) int { return int(b.score - a.score) })
		for k, s := range all {
			out[k] = s.item
		}
		return
	}
	count := make([]int, hi-lo+2)
	for _, all := range parts {
		for _, s := range all {
			count[hi-s.score+1]++ // best first
		}
	}
	for k := 1; k < len(count); k++ {
		count[k] += count[k-1]
	}
	for _, all := range parts {
		for _, s := range all {
			b := hi - s.score
			out[count[b]] = s.item
			count[b]++
		}
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
	hi := int32(0)
	for _, i := range kept {
		hi = max(hi, i)
	}
	keep := make([]uint64, hi/64+1) // a bit per item: a map of 64k items took milliseconds
	for _, i := range kept {
		keep[i/64] |= 1 << (i % 64)
	}
	out := make([]int32, 0, len(kept))
	for _, i := range vis {
		if i <= hi && keep[i/64]&(1<<(i%64)) != 0 {
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
