package adjudicate

import (
	"slices"
	"sort"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/model"
	"storydesk/model/adjudicate"
	"storydesk/tui/layout"
	"storydesk/tui/ui"
)

// Screen is one article's layers together (ADJUDICATE).
type Screen struct {
	f     *Feature
	id    string
	idx   int
	title string
	w, h  int

	loading   bool
	err       error
	text      string
	layers    []adjudicate.Layer
	items     []adjudicate.Item      // spans' places
	quotes    []adjudicate.QuoteItem // quotations' places
	pairs     []adjudicate.PairItem  // duplicate pairs with the article
	goldPairs map[adjudicate.Pair]model.DupLabel
	places    []place // both, by position
	steps     []int   // the places n/N visit: disputed, or agreed and not in gold
	cur       int     // index into places, -1 none
	lay       *layout.Layout
	top       int // first text line shown

	accepted bool          // the agreed spans were offered to gold on opening
	pending  any           // the decision whose answer moves on to the next place
	follow   bool          // the current place is to be scrolled into view
	goldDoc  *goldSnapshot // gold as last drawn
}

// goldSnapshot is gold's spans as last read, for drawing.
type goldSnapshot struct{ spans []model.Span }

var _ ui.Screen = (*Screen)(nil)

// ID is the article on screen.
func (s *Screen) ID() string { return s.id }

// Mode names the screen.
func (s *Screen) Mode() string { return "ADJUDICATE" }

// SetSize lays the text out again for the width.
func (s *Screen) SetSize(w, h int) tea.Cmd {
	if w != s.w {
		s.lay = nil
	}
	s.w, s.h = w, h
	s.follow = true
	return nil
}

// Update takes nothing: the feature delivers the screen's messages.
func (s *Screen) Update(tea.Msg) tea.Cmd { return nil }

func (s *Screen) loaded(m loadedMsg) {
	s.loading, s.err = false, m.err
	if m.text != s.text {
		s.lay = nil
	}
	s.text, s.layers, s.goldPairs = m.text, m.layers, m.gold
	if m.title != "" {
		s.title = m.title
	}
}

// place is a span place (span ≥ 0), a quotation's (quote ≥ 0) or a
// duplicate pair (pair ≥ 0: after the text).
type place struct {
	start, end        int
	span, quote, pair int
}

func (s *Screen) agreed(p place) bool {
	switch {
	case p.span >= 0:
		return s.items[p.span].Agreed
	case p.quote >= 0:
		return s.quotes[p.quote].Agreed
	}
	return s.pairs[p.pair].Agreed
}

func (s *Screen) decided(p place) bool {
	switch {
	case p.span >= 0:
		return s.items[p.span].Decided
	case p.quote >= 0:
		return s.quotes[p.quote].Decided
	}
	return s.pairs[p.pair].Decided
}

// refresh compares the layers with gold as the session now holds it; on
// opening (first), the agreed spans go into gold at once, and the place
// shown is the first undecided one.
func (s *Screen) refresh(first bool) tea.Cmd {
	if s.loading || s.err != nil {
		return nil
	}
	doc, ok := s.goldNow()
	if !ok {
		return nil // the session's DocMsg brings it
	}
	var at place
	had := s.cur >= 0 && s.cur < len(s.places)
	if had {
		at = s.places[s.cur]
	}
	g := goldOf(doc)
	s.items = adjudicate.Compute(s.layers, g)
	s.quotes = adjudicate.CompareQuotes(s.layers, g.Quotes)
	s.goldDoc = &goldSnapshot{spans: g.Spans}
	s.pairs = adjudicate.ComparePairs(s.layers, s.goldPairs)
	s.places = s.places[:0]
	for i, it := range s.items {
		s.places = append(s.places, place{start: it.Start, end: it.End, span: i, quote: -1, pair: -1})
	}
	for i, q := range s.quotes {
		s.places = append(s.places, place{start: q.Start, end: q.End, span: -1, quote: i, pair: -1})
	}
	n := len([]rune(s.text))
	for i := range s.pairs {
		s.places = append(s.places, place{start: n + i, end: n + i, span: -1, quote: -1, pair: i})
	}
	sort.SliceStable(s.places, func(i, j int) bool { return s.places[i].start < s.places[j].start })
	s.steps = s.steps[:0]
	for i, p := range s.places {
		if !s.agreed(p) || !s.decided(p) {
			s.steps = append(s.steps, i)
		}
	}
	s.cur = -1
	if had {
		// The same place, if it is still one.
		for i, p := range s.places {
			if p.start == at.start && p.end == at.end && (p.span >= 0) == (at.span >= 0) && (p.pair >= 0) == (at.pair >= 0) {
				s.cur = i
			}
		}
	}
	if s.cur < 0 || !slices.Contains(s.steps, s.cur) {
		s.cur = s.firstUndecided(0)
	}
	s.follow = true
	if !first || s.accepted {
		return nil
	}
	s.accepted = true
	// Gold not started on this article: what everyone agrees on is taken
	// at once (one action; u undoes it).
	if doc == nil || (len(doc.Spans) == 0 && len(doc.Rejected) == 0 && len(doc.Quotes) == 0 && doc.Status != model.StatusDone) {
		return s.acceptAgreed()
	}
	return nil
}

// firstUndecided is the first undecided stepped place at or after index
// from (wrapping), else the first stepped place, else -1.
func (s *Screen) firstUndecided(from int) int {
	for k := 0; k < 2; k++ {
		for _, i := range s.steps {
			if (k == 0 && i < from) || s.decided(s.places[i]) {
				continue
			}
			return i
		}
		from = 0
	}
	if len(s.steps) > 0 {
		return s.steps[0]
	}
	return -1
}

// advance moves on to the next undecided place after a decision (none
// left: it stays).
func (s *Screen) advance() {
	if s.cur < 0 {
		return
	}
	if next := s.firstUndecided(s.cur + 1); next >= 0 && !s.decided(s.places[next]) {
		s.cur = next
		s.follow = true
	}
}

// current is the place shown.
func (s *Screen) current() (place, bool) {
	if s.cur < 0 || s.cur >= len(s.places) {
		return place{}, false
	}
	return s.places[s.cur], true
}

// currentSpan is the span place shown, if the place is one.
func (s *Screen) currentSpan() (adjudicate.Item, bool) {
	p, ok := s.current()
	if !ok || p.span < 0 {
		return adjudicate.Item{}, false
	}
	return s.items[p.span], true
}

// currentPair is the duplicate pair shown, if the place is one.
func (s *Screen) currentPair() (adjudicate.PairItem, bool) {
	p, ok := s.current()
	if !ok || p.pair < 0 {
		return adjudicate.PairItem{}, false
	}
	return s.pairs[p.pair], true
}

// currentQuote is the quotation's place shown, if the place is one.
func (s *Screen) currentQuote() (adjudicate.QuoteItem, bool) {
	p, ok := s.current()
	if !ok || p.quote < 0 {
		return adjudicate.QuoteItem{}, false
	}
	return s.quotes[p.quote], true
}

// step moves to the next (dir 1) or previous stepped place.
func (s *Screen) step(dir int) {
	if len(s.steps) == 0 {
		s.f.Host.Report(ui.Info("The layers agree everywhere on this article"))
		return
	}
	k := slices.Index(s.steps, s.cur)
	switch {
	case k < 0 && dir > 0:
		k = 0
	case k < 0:
		k = len(s.steps) - 1
	default:
		k = (k + dir + len(s.steps)) % len(s.steps)
	}
	s.cur = s.steps[k]
	s.follow = true
}

// HandleKey decides, steps, scrolls, edits and closes.
func (s *Screen) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := s.f.Ctx.Keys
	switch {
	case key.Matches(msg, k.Back):
		s.f.Host.Pop(s)
		s.f.closed(s)
		return nil, true
	case key.Matches(msg, k.AdjReload):
		s.loading = true
		return s.f.load(s), true
	case s.loading || s.err != nil:
		return nil, false
	case key.Matches(msg, k.AdjNext):
		s.step(1)
	case key.Matches(msg, k.AdjPrev):
		s.step(-1)
	case key.Matches(msg, k.AdjTakes[0]):
		return s.take(0), true
	case key.Matches(msg, k.AdjTakes[1]):
		return s.take(1), true
	case key.Matches(msg, k.AdjTakes[2]):
		return s.take(2), true
	case key.Matches(msg, k.AdjBoth):
		return s.both(), true
	case key.Matches(msg, k.AdjNeither):
		return s.neither(), true
	case key.Matches(msg, k.AdjEdit):
		at := 0
		if p, ok := s.current(); ok {
			at = p.start
		}
		if s.f.Edit == nil {
			return nil, false
		}
		return s.f.Edit(s.idx, at), true
	case key.Matches(msg, k.Down):
		s.top++
		s.clampTop()
	case key.Matches(msg, k.Up):
		s.top = max(0, s.top-1)
	case key.Matches(msg, k.ScreenDown):
		s.top += max(1, s.textH()-1)
		s.clampTop()
	case key.Matches(msg, k.ScreenUp):
		s.top = max(0, s.top-max(1, s.textH()-1))
	default:
		return nil, false
	}
	return nil, true
}

// ShortHelp is the help line.
func (s *Screen) ShortHelp() []key.Binding {
	k := s.f.Ctx.Keys
	return []key.Binding{k.AdjNext, k.AdjPrev, k.AdjTakes[0], k.AdjTakes[1], k.AdjBoth, k.AdjNeither, k.AdjEdit, k.Undo, k.Back}
}

// FullHelp is the help screen's part.
func (s *Screen) FullHelp() [][]key.Binding {
	k := s.f.Ctx.Keys
	return [][]key.Binding{
		{k.AdjNext, k.AdjPrev, k.Down, k.Up, k.ScreenDown, k.ScreenUp},
		{k.AdjTakes[0], k.AdjTakes[1], k.AdjTakes[2], k.AdjBoth, k.AdjNeither, k.AdjEdit},
		{k.Undo, k.Redo, k.Done, k.AdjReload, k.Back},
	}
}
