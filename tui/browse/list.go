package browse

import (
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/model"
	"storydesk/tui/layout"
	"storydesk/tui/ui"
	"storydesk/tui/widgets"
)

// listPane is the article list: a virtualised list (only the rows on screen
// are built per frame) with an incremental filter that runs off the update
// loop.
type listPane struct {
	c       *ui.Context
	store   *itemStore
	label   string
	w, h    int
	focused bool

	vis    []int32 // item indices shown, ascending unless ranked
	ranked bool    // vis is in the filter's score order
	cursor int     // position in vis
	offset int     // first row on screen

	input   widgets.TextInput
	typing  bool   // the filter screen is up: the filter line is the input
	query   string // normalised query wanted ("" = no filter)
	terms   []string
	applied *filterResult // scan whose matches are shown (nil = unfiltered)
	gen     int
	running bool // a scan of generation gen is in flight
	pending bool // the query changed while it ran
	// runTerms and stop are the running scan's query and its stop: a
	// query it does not narrow to stops it (its result would be thrown
	// away); one it narrows to waits for it, to scan only its matches.
	runTerms []string
	stop     *atomic.Bool
	ticking  bool // a refilterMsg is on its way

	// badge reports item i's annotation status and whether its text changed
	// on disk since it was annotated; nil without a store (no badge column).
	badge func(i int) (model.Status, bool)
	// cluster is item i's duplicate-cluster badge and its width, the same
	// for every row ("" and 0 when there are no clusters); exclude drops
	// the items the copies filter hides from a row set, returning a new
	// slice. Both nil without a store.
	cluster func(i int) (string, int)
	exclude func(vis []int32) []int32
	// order, when set, puts the rows in another order than the corpus's
	// (an annotator's assigned, unfinished articles first): it returns a
	// new slice, or nil to keep the order. A filter's ranking wins.
	order   func(vis []int32) []int32
	ordered bool // vis is in order's order
	// review is item i's count of imported annotations to review (↓5) and
	// the width every such badge has (0 when no article has any).
	review func(i int) (string, int)
	// facts answers the filter's label:, status:, has: and dup: fields.
	facts FilterFacts
	// problem is what the query's fields need, shown on the filter line.
	problem string
}

// refilterMsg asks for a rescan after Stream changed titles under an active
// filter. Rescans for new titles are spaced out (refilterDelay) so a filter
// left on during loading does not keep a core busy rescanning 100k titles
// after every batch; rescans for a changed query are immediate.
type refilterMsg struct{}

const refilterDelay = 250 * time.Millisecond

func newListPane(c *ui.Context, store *itemStore, label string) *listPane {
	l := &listPane{c: c, store: store, label: ui.CleanLine(label)}
	l.input = widgets.NewTextInput(c.Keys.Input, "/ ")
	l.vis = store.liveItems()
	return l
}

// SetSize sets the outer size of the pane (border included).
func (l *listPane) SetSize(w, h int) {
	l.w, l.h = max(0, w), max(0, h)
	l.input.SetWidth(max(1, l.innerW()-layout.Width(l.input.Prompt())-1))
	l.scrollIntoView()
}

func (l *listPane) innerW() int { return max(0, l.w-2) }

func (l *listPane) filterLine() bool { return l.typing || l.query != "" }

// rowsH is the number of article rows on screen.
func (l *listPane) rowsH() int {
	h := l.h - 2
	if l.filterLine() {
		h--
	}
	return max(0, h)
}

// Selected is the item index under the cursor, or -1.
func (l *listPane) Selected() int {
	if l.cursor < 0 || l.cursor >= len(l.vis) {
		return -1
	}
	return int(l.vis[l.cursor])
}

// Position is the 1-based cursor position and the number of rows.
func (l *listPane) Position() (int, int) {
	if len(l.vis) == 0 {
		return 0, 0
	}
	return l.cursor + 1, len(l.vis)
}

// selectItem puts the cursor on item i; false when it is not on the list.
func (l *listPane) selectItem(i int) bool {
	p := position(l.vis, l.ranked || l.ordered, int32(i))
	if p < 0 {
		return false
	}
	l.cursor = p
	l.scrollIntoView()
	return true
}

func (l *listPane) move(n int) {
	l.cursor = ui.ClampInt(l.cursor+n, 0, len(l.vis)-1)
	l.scrollIntoView()
}

func (l *listPane) scrollIntoView() {
	rows := l.rowsH()
	if len(l.vis) == 0 {
		l.cursor, l.offset = 0, 0
		return
	}
	l.cursor = ui.ClampInt(l.cursor, 0, len(l.vis)-1)
	if rows <= 0 {
		l.offset = l.cursor
		return
	}
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
	if l.cursor >= l.offset+rows {
		l.offset = l.cursor - rows + 1
	}
	l.offset = ui.ClampInt(l.offset, 0, max(0, len(l.vis)-rows))
}

// setVis shows a new row set, keeping the selected item when it is still
// there and otherwise the cursor position (fallback) or the top.
func (l *listPane) setVis(vis []int32, keep bool) {
	sel := l.Selected()
	switch {
	case l.exclude != nil && l.ranked:
		vis = excludeRanked(vis, l.exclude)
	case l.exclude != nil:
		vis = l.exclude(vis)
	}
	l.ordered = false
	if l.order != nil && !l.ranked {
		if o := l.order(vis); o != nil {
			vis, l.ordered = o, true
		}
	}
	l.vis = vis
	if sel >= 0 {
		if j := position(vis, l.ranked || l.ordered, int32(sel)); j >= 0 {
			l.cursor = j
		} else if !keep {
			l.cursor = 0
		}
	}
	l.scrollIntoView()
}

// handleKey takes a key while the list has focus; handled false for a key
// that is not the list's.
func (l *listPane) handleKey(km tea.KeyPressMsg) bool {
	k := l.c.Keys
	page := max(1, l.rowsH())
	switch {
	case key.Matches(km, k.Down):
		l.move(1)
	case key.Matches(km, k.Up):
		l.move(-1)
	case key.Matches(km, k.PageDown):
		l.move(page)
	case key.Matches(km, k.PageUp):
		l.move(-page)
	case key.Matches(km, k.HalfPageDown):
		l.move(max(1, page/2))
	case key.Matches(km, k.HalfPageUp):
		l.move(-max(1, page/2))
	case key.Matches(km, k.Top):
		l.move(-len(l.vis))
	case key.Matches(km, k.Bottom):
		l.move(len(l.vis))
	case key.Matches(km, k.Back):
		if l.query != "" {
			l.clearFilter()
		}
	default:
		return false
	}
	return true
}

func (l *listPane) startTyping() {
	l.typing = true
	l.input.End()
	l.scrollIntoView()
}

func (l *listPane) updateTyping(km tea.KeyPressMsg) tea.Cmd {
	k := l.c.Keys
	switch {
	case key.Matches(km, k.FilterClear):
		l.clearFilter()
		return nil
	case key.Matches(km, k.FilterAccept):
		l.typing = false
		if l.query == "" {
			l.clearFilter()
		}
		l.scrollIntoView()
		return nil
	case key.Matches(km, k.FilterPrev):
		l.move(-1)
		return nil
	case key.Matches(km, k.FilterNext):
		l.move(1)
		return nil
	}
	l.input.Update(km)
	return l.setQuery(l.input.Value())
}

// paste goes into the filter while typing.
func (l *listPane) paste(msg tea.PasteMsg) tea.Cmd {
	if !l.typing {
		return nil
	}
	l.input.Update(msg)
	return l.setQuery(l.input.Value())
}

func (l *listPane) setQuery(raw string) tea.Cmd {
	q, terms := normaliseQuery(raw)
	if q == l.query {
		return nil
	}
	l.query, l.terms = q, terms
	return l.refilter()
}

func (l *listPane) clearFilter() {
	l.typing = false
	l.input.Reset()
	l.query, l.terms, l.applied = "", nil, nil
	l.ranked, l.problem = false, ""
	l.gen++ // drop any scan in flight
	l.stopScan()
	l.setVis(l.store.liveItems(), true)
}

// refilter brings the rows up to date with the query and the haystacks.
func (l *listPane) refilter() tea.Cmd {
	if l.query == "" {
		l.applied = nil
		l.ranked, l.problem = false, ""
		l.gen++
		l.stopScan()
		l.setVis(l.store.liveItems(), true)
		return nil
	}
	if l.running {
		l.pending = true
		if l.stop != nil && !narrows(l.runTerms, l.terms) {
			l.stop.Store(true)
		}
		return nil
	}
	return l.startScan()
}

// stopScan stops the scan in flight, if any, and forgets it.
func (l *listPane) stopScan() {
	if l.stop != nil {
		l.stop.Store(true)
	}
	l.running, l.pending, l.stop = false, false, nil
}

func (l *listPane) startScan() tea.Cmd {
	l.gen++
	var base []int32
	if a := l.applied; a != nil && a.version == l.store.version && narrows(a.terms, l.terms) {
		base = a.asc
	}
	l.running, l.pending = true, false
	m, problem := l.compileQuery(l.query)
	l.runTerms, l.stop = l.terms, &atomic.Bool{}
	m.stop = l.stop
	return filterCmd(l.gen, l.query, m, problem, l.store.snapshot(), l.store.version, base)
}

// filterDone applies a finished scan, then starts the next one when the
// query or the haystacks moved on meanwhile.
func (l *listPane) filterDone(msg filterDoneMsg) tea.Cmd {
	if msg.gen != l.gen || l.query == "" {
		return nil
	}
	l.running, l.stop = false, nil
	if msg.res.stopped {
		return l.startScan() // a newer query stopped it
	}
	matches, asc := msg.res.shown(), msg.res.asc
	if msg.version != l.store.version {
		// Rows may have died since the scan: drop them.
		matches, asc = l.store.liveOnly(matches), l.store.liveOnly(asc)
	}
	// Same query re-run for new haystacks: keep the cursor where it was when
	// the selected item dropped out; a new query starts from the top.
	keep := l.applied != nil && l.applied.query == msg.query
	_, terms := normaliseQuery(msg.query)
	l.applied = &filterResult{query: msg.query, terms: terms, version: msg.version, matches: matches, asc: asc}
	l.ranked, l.problem = msg.res.ranked != nil, msg.problem
	l.setVis(matches, keep)
	if l.pending || msg.query != l.query {
		return l.startScan()
	}
	if msg.version != l.store.version {
		return l.armRefilter()
	}
	return nil
}

// storeChanged is called after Stream results were applied.
func (l *listPane) storeChanged(died bool) tea.Cmd {
	if l.query != "" {
		if l.running {
			return nil // filterDone sees the new version
		}
		return l.armRefilter()
	}
	if died {
		l.setVis(l.store.liveItems(), true)
	}
	return nil
}

func (l *listPane) armRefilter() tea.Cmd {
	if l.ticking {
		return nil
	}
	l.ticking = true
	return tea.Tick(refilterDelay, func(time.Time) tea.Msg { return refilterMsg{} })
}

// refilterDue rescans if the haystacks moved on since the shown result.
func (l *listPane) refilterDue() tea.Cmd {
	l.ticking = false
	if l.query == "" || l.running || l.applied != nil && l.applied.version == l.store.version {
		return nil
	}
	return l.startScan()
}

// cursorPos is where the real cursor goes while typing, relative to the pane.
func (l *listPane) cursorPos() *tea.Cursor {
	if !l.typing {
		return nil
	}
	x := min(1+l.input.CursorX(), max(0, l.w-2))
	return tea.NewCursor(x, 1)
}

func (l *listPane) typingHelp() []key.Binding {
	k := l.c.Keys
	return []key.Binding{k.FilterAccept, k.FilterClear, k.FilterNext, k.FilterPrev}
}

func (l *listPane) ShortHelp() []key.Binding {
	k := l.c.Keys
	b := []key.Binding{k.Down, k.Up, k.Open, k.Filter}
	if l.query != "" {
		b = append(b, k.FilterClear)
	}
	return b
}

func (l *listPane) FullHelp() [][]key.Binding {
	k := l.c.Keys
	return [][]key.Binding{
		{k.Down, k.Up, k.PageDown, k.PageUp, k.HalfPageDown, k.HalfPageUp, k.Top, k.Bottom},
		{k.Open, k.Filter, k.FilterAccept, k.FilterClear},
	}
}

// View draws the pane: title with position, filter line, visible rows.
func (l *listPane) View() string {
	if l.w <= 0 || l.h <= 0 {
		return ""
	}
	st := l.c.Styles
	inner := l.innerW()
	title := "Articles"
	if l.label != "" {
		title += " · " + l.label
	}
	pos, n := l.Position()
	info := fmt.Sprintf("%d/%d", pos, n)

	content := make([]string, 0, max(0, l.h-2))
	if l.filterLine() {
		content = append(content, l.filterView(inner))
	}
	rows := l.rowsH()
	if len(l.vis) == 0 {
		msg := "No articles."
		if l.query != "" {
			msg = "No matches."
			if l.problem != "" {
				msg = "No matches. " + l.problem
			}
			if l.running {
				msg = "Filtering…"
			}
		}
		content = append(content, st.P.Placeholder.Render(ui.Truncate(msg, inner)))
	}
	end := min(len(l.vis), l.offset+rows)
	for p := l.offset; p < end; p++ {
		content = append(content, l.rowView(int(l.vis[p]), p == l.cursor, inner))
	}
	return ui.Box(st, l.focused, title, info, content, l.w, l.h)
}

func (l *listPane) filterView(w int) string {
	st := l.c.Styles
	if l.typing {
		return ui.Fit(l.input.View(st.FilterPrompt.Render), w)
	}
	info := fmt.Sprintf(" %d match", len(l.vis))
	if len(l.vis) != 1 {
		info += "es"
	}
	if l.problem != "" {
		info = " " + l.problem + " ·" + info
	}
	q := st.P.FilterPrompt.Render("/ ") + l.query
	qw := max(0, w-layout.Width(info))
	if qw < 4 {
		return ui.Fit(q, w)
	}
	return ui.Fit(q, qw) + st.P.FilterInfo.Render(info)
}

// rowView builds one row: gutter (selection marker, room for status badges),
// title, outlet, word count. Only visible rows are built.
func (l *listPane) rowView(i int, selected bool, w int) string {
	st := l.c.Styles
	r := &l.store.rows[i]
	if w < 3 {
		return ui.Fit(r.title, w)
	}
	gutter := 2
	badges := ""
	if l.badge != nil && w >= 12 {
		// Two more columns: status (● done, ◐ in progress) and Δ when the
		// text changed on disk since it was annotated.
		gutter += 2
		status, changed := l.badge(i)
		switch status {
		case model.StatusDone:
			badges = st.P.Badge.Render(st.BadgeDone)
		case model.StatusInProgress:
			badges = st.P.Badge.Render(st.BadgeActive)
		default:
			badges = " "
		}
		if changed {
			badges += st.P.Changed.Render(st.ChangedMark)
		} else {
			badges += " "
		}
	}
	if l.cluster != nil && w >= 16 {
		if cb, cw := l.cluster(i); cw > 0 {
			badges += cb
			gutter += cw
		}
	}
	if l.review != nil && w >= 20 {
		if rb, rw := l.review(i); rw > 0 {
			badges += rb
			gutter += rw
		}
	}
	wordsW, outletW := 0, 0
	if w >= 30 {
		wordsW = 6
	}
	if w >= 40 && l.store.outletW > 0 {
		outletW = min(ui.ClampInt(w/5, 8, 18), l.store.outletW)
	}
	titleW := w - gutter
	if wordsW > 0 {
		titleW -= wordsW + 1
	}
	if outletW > 0 {
		titleW -= outletW + 1
	}
	marker := " "
	if selected {
		marker = st.P.Border.Render(st.MarkerBlur)
		if l.focused {
			marker = st.P.BorderFocused.Render(st.Marker)
		}
	}
	title := ui.Fit(r.title, titleW)
	var meta string
	if outletW > 0 {
		meta += " " + ui.Fit(r.outlet, outletW)
	}
	if wordsW > 0 {
		meta += " " + ui.PadLeft(fmtWords(r.words, r.read), wordsW)
	}
	if selected {
		style := st.P.RowSelectedBlur
		if l.focused {
			style = st.P.RowSelected
		}
		return marker + badges + style.Render(" "+title+meta)
	}
	ts := st.P.Row
	if !r.read {
		ts = st.P.RowPending
	}
	return marker + badges + " " + ts.Render(title) + st.P.RowDim.Render(meta)
}

func fmtWords(n int, read bool) string {
	switch {
	case !read && n == 0:
		return ""
	case n < 1000:
		return fmt.Sprintf("%dw", n)
	case n < 10_000:
		return strings.TrimSuffix(fmt.Sprintf("%.1f", float64(n)/1000), ".0") + "kw"
	case n < 1_000_000:
		return fmt.Sprintf("%dkw", n/1000)
	default:
		return fmt.Sprintf("%dMw", n/1_000_000)
	}
}

// reapplyExclude shows the list's rows again through the copies filter.
func (l *listPane) reapplyExclude() {
	base := l.store.liveItems()
	if l.query != "" && l.applied != nil {
		base = l.applied.matches
	}
	l.setVis(base, true)
}
