package quotes

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/model"
	"storydesk/model/quote"
	"storydesk/model/textdiff"
	"storydesk/tui/ui"
)

// Who carried this quotation: C searches every other article of the corpus
// for the quotation under the cursor (or the selection), exactly or nearly
// (quote.Matcher), on a goroutine that reports progress as the
// corpus-wide tagging scan does. The carriers view lists each article that
// carries it — outlet, title, and its wording with the words it changed
// marked — as they are found; enter opens that article in annotate mode with
// the passage selected (so " tags it).

// carrier is one passage of another article carrying the quotation.
type carrier struct {
	idx           int // item index in the source
	id            string
	title, outlet string
	match         quote.Match
	part          bool // it carries part of the quotation (quote.Match.Part)
}

// scan is a carriers search running in the background.
type scan struct {
	quote, speaker string
	from           string // the article searched from (not searched)
	done, total    int    // owned by the update loop: set from messages

	// Shared with the goroutine.
	mu       sync.Mutex
	found    []carrier
	failed   int
	finished bool
	err      error

	ch     chan tea.Msg
	cancel context.CancelFunc
}

type scanMsg struct {
	scan *scan
	done int
}

func (s *scan) wait() tea.Msg {
	msg, ok := <-s.ch
	if !ok {
		return nil
	}
	return msg
}

// carriersScreen is the full-body list of carriers, a screen over
// annotate mode.
type carriersScreen struct {
	f     *Feature
	scan  *scan
	items []carrier
	sel   int
	w, h  int
}

// jump is a carrier's passage to select once its article is open in
// annotate mode.
type jump struct {
	id         string
	start, end int
	text       string
	outlet     string
}

// searchCarriers starts a search for the quotation under the cursor, or
// for the selected words.
func (f *Feature) searchCarriers() tea.Cmd {
	a := f.ann.Pane()
	text, speaker := "", ""
	if s, e, ok := a.Selection(); ok {
		text = string(a.Runes()[s:e])
	} else if i := f.current(); i >= 0 {
		it := &f.items[i]
		text, speaker = it.text, it.speaker()
	}
	if strings.TrimSpace(text) == "" {
		f.report("Put the cursor in a quotation (or select words) to find who else carried it")
		return nil
	}
	qm := quote.NewMatcher(text)
	if !qm.Searchable() {
		f.report(fmt.Sprintf("Too short to search for: %d word%s (%d at least)", qm.Words(), ui.Plural(qm.Words()), quote.MatchMinWords))
		return nil
	}
	f.stopScan()
	items := append([]int32(nil), f.r.LiveItems()...)
	annotated := make(map[string]bool, len(f.docs.Hashes()))
	for id := range f.docs.Hashes() {
		annotated[id] = true
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &scan{quote: text, speaker: speaker, from: a.ID(), total: len(items), ch: make(chan tea.Msg, 1), cancel: cancel}
	f.scan = s
	f.carriers = &carriersScreen{f: f, scan: s}
	push := f.host.Push(f.carriers)
	load, st := f.r.Load, f.docs.Store()
	go func() {
		defer close(s.ch)
		err := scanCarriers(ctx, load, st, items, annotated, qm, s)
		s.mu.Lock()
		s.finished, s.err = true, err
		s.mu.Unlock()
		s.ch <- scanMsg{scan: s, done: len(items)}
	}()
	return tea.Batch(push, s.wait)
}

// scanCarriers searches each article as the annotate view would show it:
// the stored snapshot for an annotated article (its offsets are the
// snapshot's), else the cleaned text.
func scanCarriers(ctx context.Context, load func(i int) (*model.Article, error), st store.Store, items []int32, annotated map[string]bool, qm *quote.Matcher, s *scan) error {
	last := time.Now()
	for n, i := range items {
		if err := ctx.Err(); err != nil {
			return err
		}
		if time.Since(last) > 100*time.Millisecond {
			select {
			case s.ch <- scanMsg{scan: s, done: n}:
			default: // the UI has not taken the last one yet
			}
			last = time.Now()
		}
		a, err := load(int(i))
		if err != nil || a == nil {
			s.mu.Lock()
			s.failed++
			s.mu.Unlock()
			continue
		}
		if a.ID == s.from {
			continue
		}
		text := a.Text
		if annotated[a.ID] {
			doc, ok, err := st.Doc(ctx, a.ID)
			if err != nil {
				return err
			}
			if ok {
				text = doc.Text
			}
		}
		// Find is symmetric (quote.Match.Part): a quotation of text that
		// carries part of the searched one is found too.
		for _, mt := range qm.Find(text) {
			c := carrier{idx: int(i), id: a.ID, title: a.Title, outlet: a.Source, match: mt, part: mt.Part}
			s.mu.Lock()
			s.found = append(s.found, c)
			s.mu.Unlock()
		}
	}
	return nil
}

// scanned takes a search's progress or end.
func (f *Feature) scanned(msg scanMsg) tea.Cmd {
	s := msg.scan
	if f.scan != s {
		return nil // cancelled, or replaced by a newer search
	}
	s.done = msg.done
	s.mu.Lock()
	found := append([]carrier(nil), s.found...)
	finished, err, failed := s.finished, s.err, s.failed
	s.mu.Unlock()
	if v := f.carriers; v != nil && v.scan == s {
		v.items = found
		v.sel = ui.ClampInt(v.sel, 0, max(0, len(found)-1))
	}
	if !finished {
		return s.wait
	}
	f.scan = nil
	switch {
	case err != nil && err != context.Canceled:
		f.host.Report(ui.Fail("Search failed: "+err.Error(), err))
	case err == nil:
		arts := map[string]bool{}
		for _, c := range found {
			arts[c.id] = true
		}
		msg := fmt.Sprintf("%d other article%s carr%s it", len(arts), ui.Plural(len(arts)), map[bool]string{true: "ies", false: "y"}[len(arts) == 1])
		if failed > 0 {
			msg += fmt.Sprintf("; %d could not be read", failed)
		}
		f.report(msg)
	}
	return nil
}

// stopScan cancels a search in flight (its messages are ignored).
func (f *Feature) stopScan() {
	if s := f.scan; s != nil {
		s.cancel()
		f.scan = nil
	}
}

// closeCarriers takes the carriers screen off the stack.
func (f *Feature) closeCarriers() {
	f.stopScan()
	if v := f.carriers; v != nil {
		f.carriers = nil
		f.host.Pop(v)
	}
}

// HandleKey takes every key but quit and help, and D (the duplicates
// screen opens from anywhere).
func (v *carriersScreen) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := v.f.c.Keys
	if key.Matches(msg, k.Quit, k.Help, k.Dups) {
		return nil, false
	}
	return v.key(msg), true
}

// key moves through the carriers; enter goes to one.
func (v *carriersScreen) key(msg tea.KeyPressMsg) tea.Cmd {
	f := v.f
	k := f.c.Keys
	n := len(v.items)
	switch {
	case key.Matches(msg, k.Back):
		f.closeCarriers()
	case key.Matches(msg, k.Down):
		v.sel = min(v.sel+1, max(0, n-1))
	case key.Matches(msg, k.Up):
		v.sel = max(v.sel-1, 0)
	case key.Matches(msg, k.PageDown, k.HalfPageDown):
		v.sel = min(v.sel+5, max(0, n-1))
	case key.Matches(msg, k.PageUp, k.HalfPageUp):
		v.sel = max(v.sel-5, 0)
	case key.Matches(msg, k.Top):
		v.sel = 0
	case key.Matches(msg, k.Bottom):
		v.sel = max(0, n-1)
	case key.Matches(msg, k.Open):
		if n == 0 {
			return nil
		}
		return f.jumpTo(v.items[v.sel])
	}
	return nil
}

// jumpTo opens the carrier's article in annotate mode; applyJump selects
// the passage once it is there.
func (f *Feature) jumpTo(c carrier) tea.Cmd {
	f.closeCarriers()
	cmd, ok := f.r.Open(c.idx)
	if !ok {
		f.report("That article is no longer in the list")
		return nil
	}
	f.jump = &jump{id: c.id, start: c.match.Start, end: c.match.End, text: c.match.Text, outlet: c.outlet}
	return cmd
}

// applyJump selects a carrier's passage once its article is open in
// annotate mode, if the text is still the one searched.
func (f *Feature) applyJump() {
	j := f.jump
	a := f.ann.Pane()
	if j == nil || !f.ann.Active() || a.ID() != j.id || !a.HasWords() {
		return
	}
	f.jump = nil
	if rs := a.Runes(); j.end > len(rs) || string(rs[j.start:j.end]) != j.text {
		f.report("The article changed since the search: the passage is no longer where it was")
		return
	}
	a.SelectRange(j.start, j.end)
	msg := fmt.Sprintf("The passage %s carried is selected (%s tags it as a quotation)", ui.Clip(j.outlet, 30), ui.KeyName(f.c.Keys.QuoteTag))
	if j.outlet == "" {
		msg = fmt.Sprintf("The passage is selected (%s tags it as a quotation)", ui.KeyName(f.c.Keys.QuoteTag))
	}
	f.report(msg)
}

func (v *carriersScreen) ShortHelp() []key.Binding {
	k := v.f.c.Keys
	return []key.Binding{k.Down, k.Up, key.NewBinding(key.WithKeys("enter"), key.WithHelp(ui.KeyName(k.Open), "go to passage")), k.Back}
}

func (v *carriersScreen) FullHelp() [][]key.Binding { return [][]key.Binding{v.ShortHelp()} }
func (v *carriersScreen) Mode() string              { return "CARRIERS" }
func (v *carriersScreen) Footer() ui.Footer         { return ui.FooterHelpQuit }
func (v *carriersScreen) Update(tea.Msg) tea.Cmd    { return nil }

func (v *carriersScreen) SetSize(w, h int) tea.Cmd {
	v.w, v.h = w, max(0, h)
	return nil
}

// View draws the carriers over the whole body.
func (v *carriersScreen) View() string {
	f := v.f
	st := f.c.Styles
	w, h := v.w, v.h
	s := v.scan
	inner := max(0, w-2)
	var head []string
	q := "“" + ui.Clip(s.quote, max(8, inner-8)) + "”"
	if s.speaker != "" {
		q = "“" + ui.Clip(s.quote, max(8, inner-12-model.RuneLen(ui.Clip(s.speaker, 30)))) + "” — " + ui.Clip(s.speaker, 30)
	}
	head = append(head, " "+ui.Truncate(q, max(1, inner-1)))
	arts := map[string]bool{}
	exact := 0
	for _, c := range v.items {
		arts[c.id] = true
		if c.match.Exact() {
			exact++
		}
	}
	var state string
	switch {
	case f.scan == s:
		state = fmt.Sprintf("searching %s/%s articles… %d found", ui.Commas(s.done), ui.Commas(s.total), len(arts))
	case len(v.items) == 0:
		state = "No other article carries it."
	default:
		state = fmt.Sprintf("%d other article%s carr%s it: %d with the same wording, %d changed",
			len(arts), ui.Plural(len(arts)), map[bool]string{true: "ies", false: "y"}[len(arts) == 1], exact, len(v.items)-exact)
	}
	head = append(head, " "+st.P.RowDim.Render(ui.Truncate(state, max(1, inner-1))), "")
	rows := max(0, h-2-len(head))
	var body []string
	var starts []int
	selFirst, selLast := 0, 0
	for i, c := range v.items {
		starts = append(starts, len(body))
		if i == v.sel {
			selFirst = len(body)
		}
		body = append(body, f.carrierLines(s.quote, c, i == v.sel, inner)...)
		if i == v.sel {
			selLast = len(body) - 1
		}
		body = append(body, "")
	}
	off := blockOffset(starts, selFirst, selLast, rows)
	lines := append(head, body[min(off, len(body)):]...)
	info := ""
	if n := len(v.items); n > 0 {
		info = fmt.Sprintf("%d/%d", v.sel+1, n)
	}
	return ui.Box(st, true, "Who carried it", info, lines, w, h)
}

// carrierLines is one carrier: outlet and title with how much the wording
// differs, then its version of the quotation with the changes marked.
func (f *Feature) carrierLines(quote string, c carrier, selected bool, w int) []string {
	st := f.c.Styles
	marker := "  "
	if selected {
		marker = st.Marker + " "
	}
	what := "same wording"
	if !c.match.Exact() {
		what = fmt.Sprintf("%d word%s changed", c.match.Edits, ui.Plural(c.match.Edits))
	}
	if c.part {
		what = "part, " + what
	}
	outlet := ui.CleanLine(c.outlet)
	if outlet == "" {
		outlet = ui.CleanLine(c.id)
	}
	title := ui.CleanLine(c.title)
	right := st.P.RowDim.Render(what)
	left := outlet
	if title != "" {
		left += " · " + title
	}
	room := max(1, w-len(marker)-ui.TextWidth(what)-1)
	if selected {
		left = st.P.RowSelected.Render(ui.Truncate(left, room))
	} else {
		left = ui.Truncate(left, room)
	}
	first := marker + left
	gap := max(1, w-ui.TextWidth(first)-ui.TextWidth(what))
	lines := []string{first + strings.Repeat(" ", gap) + right}
	for _, l := range diffLines(st, quote, c.match, max(1, w-4), 3) {
		lines = append(lines, "    "+l)
	}
	return lines
}

// diffWord is one word of a rendered diff with its change kind.
type diffWord struct {
	text string
	kind textdiff.Kind
}

// diffLines renders the other article's wording with the words it added
// marked and the quotation's words it dropped struck through, in at most n
// lines of w cells. Long unchanged stretches are shortened around the
// changes so that every change shows.
func diffLines(st ui.Styles, quote string, mt quote.Match, w, n int) []string {
	var words []diffWord
	changes := 0
	for _, op := range mt.Diff {
		if op.Kind != textdiff.Equal {
			changes++
		}
	}
	for k, op := range mt.Diff {
		var seg string
		switch op.Kind {
		case textdiff.Delete:
			seg = model.RuneSlice(quote, op.A0, op.A1)
		default:
			seg = model.RuneSlice(mt.Text, op.B0, op.B1)
		}
		fs := strings.Fields(ui.CleanLine(strings.ReplaceAll(seg, "\n", " ")))
		if op.Kind == textdiff.Equal && changes > 0 {
			const ctx = 4
			switch {
			case k == 0 && len(fs) > ctx:
				fs = append([]string{"…"}, fs[len(fs)-ctx:]...)
			case k == len(mt.Diff)-1 && len(fs) > ctx:
				fs = append(fs[:ctx:ctx], "…")
			case k > 0 && k < len(mt.Diff)-1 && len(fs) > 2*ctx+1:
				fs = append(append(fs[:ctx:ctx], "…"), fs[len(fs)-ctx:]...)
			}
		}
		for _, f := range fs {
			words = append(words, diffWord{f, op.Kind})
		}
	}
	paintOf := func(k textdiff.Kind) ui.Paint {
		switch k {
		case textdiff.Insert:
			return st.QP.DiffIns
		case textdiff.Delete:
			return st.QP.DiffDel
		}
		return ui.Paint{}
	}
	var lines []string
	var b strings.Builder
	cw := 0
	for _, wd := range words {
		ww := ui.TextWidth(wd.text)
		if cw > 0 && cw+1+ww > w {
			lines = append(lines, b.String())
			b.Reset()
			cw = 0
			if len(lines) == n {
				lines[n-1] = ui.Truncate(lines[n-1]+" …", w)
				return lines
			}
		}
		if cw > 0 {
			b.WriteByte(' ')
			cw++
		}
		b.WriteString(paintOf(wd.kind).Render(ui.Truncate(wd.text, w)))
		cw += min(ww, w)
	}
	if b.Len() > 0 {
		lines = append(lines, b.String())
	}
	return lines
}
