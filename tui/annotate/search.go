package annotate

import (
	"fmt"
	"sort"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/tui/ui"
	"storydesk/tui/widgets"
)

// Searching the article in annotate mode: the search key opens a prompt in
// the legend row; every edit highlights the matches (case, accents and
// typographic quotes aside: "dont" finds nothing, "don't" finds “don’t”)
// and puts the cursor on the first one from where it was. Enter keeps the
// search: a screen over annotate mode (its keys all work) where next and
// previous step through the matches, the bar saying which ("3/7"); esc
// drops it. Esc in the prompt puts the cursor back.

// search is the search in progress or kept.
type search struct {
	f       *Feature
	input   widgets.TextInput
	query   string
	folded  []rune   // the article folded rune for rune (same offsets)
	matches [][2]int // code points
	cur     int      // the current match; -1 for none
	origin  selState // where the cursor was when the prompt opened
	orgTop  int
}

// The prompt's own keys (fixed: every other key is text).
var (
	promptAccept = key.NewBinding(key.WithKeys("enter"))
	promptCancel = key.NewBinding(key.WithKeys("esc"))
)

// searchPrompt is the search being typed; searchResults the search kept.
type (
	searchPrompt  struct{ s *search }
	searchResults struct{ s *search }
)

func (f *Feature) startSearch() tea.Cmd {
	a := f.pane
	if !a.HasWords() {
		return nil
	}
	if r, ok := f.host.Top().(*searchResults); ok {
		f.host.Pop(r) // a new search replaces the one kept
	}
	s := &search{f: f, cur: -1, origin: a.SelKey().(selState), orgTop: a.top}
	s.input = widgets.NewTextInput(f.c.Keys.Input, "/")
	s.input.SetWidth(max(1, a.innerW()/2))
	s.folded = make([]rune, len(a.runes))
	for i, r := range a.runes {
		s.folded[i] = searchFold(r)
	}
	f.search = s
	return f.host.Push(&searchPrompt{s})
}

// searchFold is r as search compares it: lower case, no accents, straight
// quotes and apostrophes, one rune for one.
func searchFold(r rune) rune {
	switch r {
	case '‘', '’', '‚', '‛', '′', 'ʼ':
		return '\''
	case '“', '”', '„', '‟', '″', '«', '»':
		return '"'
	case '‐', '‑', '‒', '–', '—':
		return '-'
	}
	if r < utf8.RuneSelf {
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	return foldRune(r)
}

// find recomputes the matches for the input and makes the first one from
// the cursor's place (when the prompt opened) the current one.
func (s *search) find() {
	a := s.f.pane
	s.query = s.input.Value()
	s.matches, s.cur = s.matches[:0], -1
	q := []rune(s.query)
	for i := range q {
		q[i] = searchFold(q[i])
	}
	if len(q) > 0 {
		for i := 0; i+len(q) <= len(s.folded); i++ {
			if s.folded[i] == q[0] && equalRunes(s.folded[i:i+len(q)], q) {
				s.matches = append(s.matches, [2]int{i, i + len(q)})
				i += len(q) - 1
			}
		}
	}
	a.nav.matches, a.nav.current = s.matches, -1
	if len(s.matches) == 0 {
		s.restore()
		return
	}
	from := 0
	if s.origin.cur < len(a.stops) {
		from = a.tok(s.origin.cur).Start
	}
	s.cur = sort.Search(len(s.matches), func(k int) bool { return s.matches[k][0] >= from })
	if s.cur == len(s.matches) {
		s.cur = 0 // wrap, as editors do
	}
	s.show()
}

// show puts the cursor on the current match.
func (s *search) show() {
	a := s.f.pane
	a.nav.current = s.cur
	if s.cur >= 0 {
		a.anchor, a.visual = -1, false
		a.JumpTo(s.matches[s.cur][0])
	}
}

// restore puts the cursor back where it was when the prompt opened.
func (s *search) restore() {
	a := s.f.pane
	if s.origin.id == a.id && s.origin.nstops == len(a.stops) {
		a.cur, a.anchor, a.top = s.origin.cur, s.origin.anchor, s.orgTop
	}
}

// step moves to the next (dir 1) or previous match, round the article.
func (s *search) step(dir int) {
	n := len(s.matches)
	if n == 0 {
		return
	}
	// From the cursor, so a motion between n and n counts.
	at := s.f.pane.CursorOffset()
	if dir > 0 {
		s.cur = sort.Search(n, func(k int) bool { return s.matches[k][0] > at })
		if s.cur == n {
			s.cur = 0
			s.f.host.Report(ui.Info("Search wrapped to the top"))
		}
	} else {
		s.cur = sort.Search(n, func(k int) bool { return s.matches[k][0] >= at }) - 1
		if s.cur < 0 {
			s.cur = n - 1
			s.f.host.Report(ui.Info("Search wrapped to the bottom"))
		}
	}
	s.show()
}

// clear drops the highlights.
func (s *search) clear() {
	a := s.f.pane
	a.nav.matches, a.nav.current = nil, -1
	if s.f.search == s {
		s.f.search = nil
	}
}

// count is "3/7": the current match of all.
func (s *search) count() string {
	cur := s.cur + 1
	if at := s.f.pane.CursorOffset(); s.cur < 0 || s.matches[s.cur][0] > at || s.matches[s.cur][1] <= at {
		// The cursor has moved off it: say how many are before it.
		cur = sort.Search(len(s.matches), func(k int) bool { return s.matches[k][0] > at })
	}
	return fmt.Sprintf("%d/%d", cur, len(s.matches))
}

func (p *searchPrompt) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	s := p.s
	f := s.f
	k := f.c.Keys
	switch {
	case key.Matches(msg, promptCancel):
		f.host.Pop(p)
		s.clear()
		s.restore()
		return nil, true
	case key.Matches(msg, promptAccept):
		f.host.Pop(p)
		if len(s.matches) == 0 {
			s.clear()
			if s.query != "" {
				f.host.Report(ui.Info(fmt.Sprintf("Not in this article: “%s”", ui.Clip(s.query, 40))))
			}
			return nil, true
		}
		f.host.Report(ui.Info(fmt.Sprintf("“%s”: %d match%s (%s next, %s previous, %s clears)", ui.Clip(s.query, 30),
			len(s.matches), map[bool]string{true: "", false: "es"}[len(s.matches) == 1],
			ui.KeyName(k.SearchNext), ui.KeyName(k.SearchPrev), ui.KeyName(k.Back))))
		return f.host.Push(&searchResults{s}), true
	}
	if s.input.Update(msg) {
		s.find()
	}
	return nil, true
}

// Update takes a paste into the input.
func (p *searchPrompt) Update(msg tea.Msg) tea.Cmd {
	if msg, ok := msg.(tea.PasteMsg); ok {
		p.s.input.Update(msg)
		p.s.find()
	}
	return nil
}

// line is the prompt as annotate's legend row shows it.
func (s *search) line(w int) string {
	st := s.f.c.Styles
	out := s.input.View(st.FilterPrompt.Render)
	switch {
	case s.query == "":
	case len(s.matches) == 0:
		out += st.P.RowDim.Render("  no match")
	default:
		out += st.P.RowDim.Render("  " + s.count())
	}
	return ui.Truncate(out, w)
}

// Cursor places the terminal cursor in the input.
func (p *searchPrompt) Cursor() *tea.Cursor {
	x, y, ok := p.s.f.pane.PromptCursor(p.s.input.CursorX())
	if !ok {
		return nil
	}
	return tea.NewCursor(x, y)
}

func (p *searchPrompt) ShortHelp() []key.Binding {
	return []key.Binding{
		key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep")),
		key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
}

func (p *searchPrompt) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }
func (p *searchPrompt) View() string              { return "" } // annotate mode draws it
func (p *searchPrompt) SetSize(int, int) tea.Cmd  { return nil }
func (p *searchPrompt) Mode() string              { return "SEARCH" }
func (p *searchPrompt) TextEntry() bool           { return true }
func (p *searchPrompt) Footer() ui.Footer         { return ui.FooterNone }

// HandleKey steps through the matches; esc drops them; every other key is
// annotate mode's (a tag on a match, a motion, leaving).
func (r *searchResults) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	s := r.s
	f := s.f
	k := f.c.Keys
	switch {
	case key.Matches(msg, k.SearchNext):
		s.step(1)
		return nil, true
	case key.Matches(msg, k.SearchPrev):
		s.step(-1)
		return nil, true
	case key.Matches(msg, k.Back) && f.pane.anchor < 0:
		f.host.Pop(r)
		s.clear()
		f.host.Report(ui.Info("Search cleared"))
		return nil, true
	}
	return f.scr.HandleKey(msg)
}

func (r *searchResults) ShortHelp() []key.Binding {
	k := r.s.f.c.Keys
	return append([]key.Binding{k.SearchNext, k.SearchPrev}, r.s.f.scr.ShortHelp()...)
}

func (r *searchResults) FullHelp() [][]key.Binding { return r.s.f.scr.FullHelp() }
func (r *searchResults) View() string              { return "" }
func (r *searchResults) SetSize(int, int) tea.Cmd  { return nil }
func (r *searchResults) Update(tea.Msg) tea.Cmd    { return nil }
func (r *searchResults) Mode() string              { return "" } // annotate's (SELECT, QUOTES …)

// searchStatus adds the kept search to the status bar: its query and
// where the cursor is among its matches.
func (f *Feature) searchStatus(st *widgets.StatusInfo) {
	s := f.search
	if s == nil || len(s.matches) == 0 {
		return
	}
	if _, typing := f.host.Top().(*searchPrompt); typing {
		return // the prompt counts them
	}
	note := fmt.Sprintf("/%s %s", ui.Clip(s.query, 20), s.count())
	if st.Span != "" {
		note += " · " + st.Span
	}
	st.Span = note
}
