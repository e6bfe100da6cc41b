package tui

import (
	"fmt"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"

	"storydesk/model"
)

// How quotations look. In the text a quotation is a layer over whatever
// else is there (an entity span, the selection, the cursor): italic, with
// its own colour on plain words, and a bar in the left margin of its lines
// — attributes and a margin cell only, so no width changes. Without colour
// (NO_COLOR) entities are bold+underline and quotations italic, suggestions
// italic and faint, and the bar's glyph tells accepted (│), suggested (┊)
// and the one under the cursor (┃) apart.

// Quote layers, as indexed in Styles.ann (see deriveAnn).
const (
	qLayerNone = iota
	qLayerSuggested
	qLayerAccepted
	quoteLayers
)

// QuoteStyles is the quotes part of Styles.
type QuoteStyles struct {
	Accepted  lipgloss.Style // plain words of an accepted quotation
	Suggested lipgloss.Style // plain words of a suggestion

	Bar, BarSuggested, BarCurrent       lipgloss.Style
	BarCh, BarSuggestedCh, BarCurrentCh string

	StateAccepted, StateRejected, StateSuggested lipgloss.Style
	AcceptedCh, RejectedCh, SuggestedCh          string

	DiffIns lipgloss.Style // words only the other article has
	DiffDel lipgloss.Style // words of this quotation the other dropped
}

type quotePaints struct {
	bar, barSuggested, barCurrent                paint
	stateAccepted, stateRejected, stateSuggested paint
	diffIns, diffDel                             paint
}

func newQuoteStyles(isDark, noColor bool) QuoteStyles {
	s := lipgloss.NewStyle
	q := QuoteStyles{BarCh: "│", BarSuggestedCh: "┊", BarCurrentCh: "┃", AcceptedCh: "✓", RejectedCh: "✗", SuggestedCh: "?"}
	if noColor {
		q.Accepted = s().Italic(true)
		q.Suggested = s().Italic(true).Faint(true)
		q.Bar, q.BarSuggested, q.BarCurrent = s(), s(), s().Bold(true)
		q.StateAccepted, q.StateRejected, q.StateSuggested = s().Bold(true), s(), s()
		q.DiffIns = s().Bold(true).Underline(true)
		q.DiffDel = s().Strikethrough(true)
		return q
	}
	p := newPalette(isDark)
	var (
		quote = p.pick("#0B6E63", "#6FDCC9")
		// The reader's own secondary colour, so a suggested quotation and
		// a cut word read as well as any secondary text (the strikethrough
		// says it is cut; a paler grey was 2.8:1 on white).
		dim = p.dim
		ins = p.warn
		del = p.dim
	)
	q.Accepted = s().Italic(true).Foreground(quote)
	q.Suggested = s().Italic(true).Foreground(dim)
	q.Bar, q.BarSuggested, q.BarCurrent = s().Foreground(quote), s().Foreground(dim), s().Foreground(quote).Bold(true)
	q.StateAccepted, q.StateRejected, q.StateSuggested = s().Foreground(quote).Bold(true), s().Foreground(dim), s().Foreground(dim)
	q.DiffIns = s().Foreground(ins).Bold(true).Underline(true)
	q.DiffDel = s().Foreground(del).Strikethrough(true)
	return q
}

func (s *Styles) deriveQuotes() {
	q := s.Quotes
	s.qp = quotePaints{
		bar: newPaint(q.Bar), barSuggested: newPaint(q.BarSuggested), barCurrent: newPaint(q.BarCurrent),
		stateAccepted: newPaint(q.StateAccepted), stateRejected: newPaint(q.StateRejected), stateSuggested: newPaint(q.StateSuggested),
		diffIns: newPaint(q.DiffIns), diffDel: newPaint(q.DiffDel),
	}
}

// layer is annotate style st (index i: 0 plain, else a span, the selection)
// inside a quotation of the given layer.
func (q QuoteStyles) layer(st lipgloss.Style, i, layer int) lipgloss.Style {
	switch {
	case layer == qLayerNone:
		return st
	case i == 0 && layer == qLayerAccepted:
		return q.Accepted
	case i == 0:
		return q.Suggested
	}
	return st.Italic(true)
}

// quoteMark is a highlighted stretch of the annotate text.
type quoteMark struct{ start, end, layer int }

// setQuoteMarks highlights the accepted quotations and, with suggest set,
// the suggestions; rejected ones are not highlighted. Marks never overlap.
func (a *annotatePane) setQuoteMarks(items []quoteItem, suggest bool) {
	marks := a.qmarks[:0]
	for i := range items {
		it := &items[i]
		layer := qLayerNone
		switch it.status() {
		case model.QuoteAccepted:
			layer = qLayerAccepted
		case quoteSuggested:
			if suggest {
				layer = qLayerSuggested
			}
		}
		if layer == qLayerNone {
			continue
		}
		s := it.start
		if n := len(marks); n > 0 && s < marks[n-1].end {
			s = marks[n-1].end
		}
		if s < it.end {
			marks = append(marks, quoteMark{s, it.end, layer})
		}
	}
	a.qmarks = marks
}

// quoteLayerAt is the quote layer of code point off.
func (a *annotatePane) quoteLayerAt(off int) int {
	i := sort.Search(len(a.qmarks), func(i int) bool { return a.qmarks[i].end > off })
	if i < len(a.qmarks) && a.qmarks[i].start <= off {
		return a.qmarks[i].layer
	}
	return qLayerNone
}

// quoteCuts adds the quotation boundaries inside [start, end) to a line's cuts.
func (a *annotatePane) quoteCuts(start, end int, add func(int)) {
	i := sort.Search(len(a.qmarks), func(i int) bool { return a.qmarks[i].end > start })
	for ; i < len(a.qmarks) && a.qmarks[i].start < end; i++ {
		add(a.qmarks[i].start)
		add(a.qmarks[i].end)
	}
}

// gutter is the left margin of screen line i: the pad, or a quotation bar
// when the line shows part of one (a blank line inside a quotation that
// spans paragraphs keeps the bar).
func (a *annotatePane) gutter(i int, pad string) string {
	if pad == "" || len(a.qmarks) == 0 {
		return pad
	}
	l := a.lay.Lines[i]
	cs, ce := -1, -1
	if a.quotesPanel && len(a.stops) > 0 && a.anchor < 0 {
		cs, ce = a.cursorRange()
	}
	layer, current := qLayerNone, false
	k := sort.Search(len(a.qmarks), func(k int) bool { return a.qmarks[k].end > l.Start })
	for ; k < len(a.qmarks) && a.qmarks[k].start <= l.End; k++ {
		mk := a.qmarks[k]
		on := mk.start < l.End && l.Start < mk.end
		if l.End <= l.Start {
			on = mk.start < l.Start && l.Start < mk.end
		}
		if !on {
			continue
		}
		layer = max(layer, mk.layer)
		if mk.start < ce && cs < mk.end {
			current = true
		}
	}
	st := a.c.styles
	switch {
	case layer == qLayerNone:
		return pad
	case current:
		return st.qp.barCurrent.render(st.Quotes.BarCurrentCh) + pad[1:]
	case layer == qLayerAccepted:
		return st.qp.bar.render(st.Quotes.BarCh) + pad[1:]
	}
	return st.qp.barSuggested.render(st.Quotes.BarSuggestedCh) + pad[1:]
}

// quotesPanelW is the quotes panel's width beside the text; 0 when the
// terminal is too narrow (it goes below the text then).
func quotesPanelW(w int) int {
	if w >= 70 {
		return clampInt(w*2/5, 30, 60)
	}
	return 0
}

// panelBelowH is the height of a panel drawn below the text (the quotes
// panel on a narrow terminal), 0 when it is beside it or replaces it.
func (a *annotatePane) panelBelowH() int {
	if !a.panel || !a.quotesPanel || a.panelW() > 0 || a.h < 12 {
		return 0
	}
	return clampInt(a.h*2/5, 6, 14)
}

// panelRect is where the panel is drawn, in body coordinates.
type panelRect struct{ x, y, w, h int }

func (m *Model) quotesPanelSize() panelRect {
	a := m.ann
	if pw := a.panelW(); pw > 0 {
		return panelRect{a.w - pw, 0, pw, a.h}
	}
	if ph := a.panelBelowH(); ph > 0 {
		return panelRect{0, a.h - ph, a.w, ph}
	}
	return panelRect{0, 0, a.w, a.h}
}

// quotesPanelView draws the quotes panel: the speaker prompt while it is
// open, else the article's quotations with the one under the cursor
// expanded.
func (m *Model) quotesPanelView(w, h int) string {
	st := m.c.styles
	q := &m.quotes
	inner := max(0, w-2)
	rows := max(0, h-2)
	if p := q.prompt; p != nil {
		return box(st, true, "Speaker", "", p.view(inner, rows), w, h)
	}
	cur := m.currentQuote()
	// Only the items on screen are drawn: every item is two lines but the
	// current one, so where each starts is known without drawing it.
	var curLines []string
	if cur >= 0 {
		curLines = m.quoteItemLines(&q.items[cur], true, inner)
	}
	starts := make([]int, len(q.items))
	total, live := 0, 0
	curFirst, curLast := -1, -1
	for i := range q.items {
		if q.items[i].status() != model.QuoteRejected {
			live++
		}
		starts[i] = total
		if i == cur {
			curFirst, curLast = total, total+len(curLines)-1
			total += len(curLines)
		} else {
			total += 2
		}
	}
	off := blockOffset(starts, curFirst, curLast, rows)
	var lines []string
	for i := sort.SearchInts(starts, off+1) - 1; i >= 0 && i < len(q.items) && starts[i] < off+rows; i++ {
		if i == cur {
			lines = append(lines, curLines...)
		} else {
			lines = append(lines, m.quoteItemLines(&q.items[i], false, inner)...)
		}
	}
	if len(q.items) == 0 {
		msg := "No quotations found. Select words and press " + keyName(m.c.keys.QuoteTag) + " to tag one."
		if q.detecting {
			msg = "Finding quotations…"
		}
		lines = []string{st.p.placeholder.render(msg)}
	}
	info := fmt.Sprint(live)
	if cur >= 0 {
		info = fmt.Sprintf("%d/%d", cur+1, len(q.items))
	}
	if q.detecting {
		info = "detecting…"
	}
	return box(st, true, "Quotes", info, lines, w, h)
}

// quoteItemLines is one quotation in the panel: its state and first words,
// then speaker and kind; the current one shows more of its text, the
// speaker's role, the cue and whether the speaker is a tagged entity.
func (m *Model) quoteItemLines(it *quoteItem, current bool, w int) []string {
	st := m.c.styles
	var glyph string
	switch it.status() {
	case model.QuoteAccepted:
		glyph = st.qp.stateAccepted.render(st.Quotes.AcceptedCh)
	case model.QuoteRejected:
		glyph = st.qp.stateRejected.render(st.Quotes.RejectedCh)
	default:
		glyph = st.qp.stateSuggested.render(st.Quotes.SuggestedCh)
	}
	marker := "  "
	if current {
		marker = st.Marker + " "
	}
	text := strings.Join(strings.Fields(it.text), " ")
	dim := it.status() != model.QuoteAccepted
	paintText := func(s string) string {
		if dim {
			return st.p.rowDim.render(s)
		}
		return s
	}
	var lines []string
	if !current {
		lines = append(lines, marker+glyph+" "+paintText(truncate("“"+cleanLine(text)+"”", max(1, w-4))))
	} else {
		wrapped := wrapWords("“"+cleanLine(text)+"”", max(1, w-4), 3)
		for k, l := range wrapped {
			lead := "    "
			if k == 0 {
				lead = marker + glyph + " "
			}
			lines = append(lines, lead+paintText(l))
		}
	}
	who := it.speaker()
	if who == "" {
		who = "speaker unknown"
	}
	meta := cleanLine(who)
	if current && it.det != nil && it.det.Role != "" && it.det.Role != it.speaker() {
		meta += " — " + cleanLine(it.det.Role)
	}
	meta += " · " + string(it.kind())
	lines = append(lines, "    "+st.p.rowDim.render(truncate(meta, max(1, w-4))))
	if current {
		var more []string
		if it.det != nil && it.det.Cue != "" {
			cue := it.det.Cue
			if it.det.Via != "" {
				cue += " " + it.det.Via
			}
			more = append(more, "cue: "+cleanLine(cue))
		}
		more = append(more, it.status())
		if it.ann != nil && unreviewedQuote(*it.ann) {
			more = append(more, describeSource(it.ann.Source)+" ("+keyName(m.c.keys.ReviewAccept)+" accept)")
		}
		if it.ann != nil && it.ann.Speaker != "" {
			if it.ann.SpeakerSpan != 0 {
				more = append(more, "linked to the entity")
			} else {
				more = append(more, "not a tagged entity")
			}
		}
		lines = append(lines, "    "+st.p.rowDim.render(truncate(strings.Join(more, " · "), max(1, w-4))))
	}
	return lines
}

// wrapWords wraps plain text to w cells in at most n lines, the last one
// ending in an ellipsis when text is left over.
func wrapWords(s string, w, n int) []string {
	var lines []string
	var cur strings.Builder
	cw := 0
	words := strings.Fields(s)
	for i, word := range words {
		ww := textWidth(word)
		if cw > 0 && cw+1+ww > w {
			lines = append(lines, cur.String())
			cur.Reset()
			cw = 0
			if len(lines) == n {
				lines[n-1] = truncate(lines[n-1]+" "+strings.Join(words[i:], " "), w)
				return lines
			}
		}
		if cw > 0 {
			cur.WriteByte(' ')
			cw++
		}
		cur.WriteString(word)
		cw += ww
	}
	if cur.Len() > 0 {
		lines = append(lines, truncate(cur.String(), w))
	}
	return lines
}

// quotesStatus adds quotes mode's part to the status bar: the quotation
// under the cursor, and a carriers search in progress.
func (m *Model) quotesStatus(s *statusInfo) {
	if sc := m.quotes.scan; sc != nil && s.scan == "" {
		s.scan = fmt.Sprintf("searching %s/%s", commas(sc.done), commas(sc.total))
	}
	if !m.annotating || !m.quotes.on || m.ann.anchor >= 0 {
		return // a selection's size says more while selecting
	}
	if i := m.currentQuote(); i >= 0 {
		it := &m.quotes.items[i]
		state := it.status()
		if it.ann != nil && unreviewedQuote(*it.ann) {
			state += ", " + describeSource(it.ann.Source)
		}
		s.span = fmt.Sprintf("%s (%s, %s)", describeQuote(it.text, it.speaker()), it.kind(), state)
	}
}

func (m *Model) quotesShortHelp() []key.Binding {
	k := m.c.keys
	return []key.Binding{k.QuoteNext, k.QuoteAccept, k.QuoteSpeaker, k.QuoteKind, k.QuoteReject, k.QuoteTag, k.QuoteCarriers, k.Undo, k.Quotes}
}

func (m *Model) quotesFullHelp() [][]key.Binding {
	k := m.c.keys
	return [][]key.Binding{
		{k.Quotes, k.QuoteNext, k.QuotePrev},
		{k.QuoteAccept, k.QuoteSpeaker, k.QuoteKind, k.QuoteReject},
		{k.QuoteTag, k.QuoteCarriers, k.Undo, k.Redo},
	}
}

// blockOffset is the first line to show of a list of blocks (starting at
// lines starts) so that the block [first, last] is in view in rows lines,
// starting the view at a block's first line, with as many blocks before it
// as fit.
func blockOffset(starts []int, first, last, rows int) int {
	if first < 0 || rows <= 0 || last < rows {
		return 0
	}
	for _, st := range starts {
		if st >= last-rows+1 && st <= first {
			return st
		}
	}
	return first
}
