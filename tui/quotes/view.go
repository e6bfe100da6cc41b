package quotes

import (
	"fmt"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"

	"storydesk/model"
	"storydesk/tui/layout"
	"storydesk/tui/ui"
	"storydesk/tui/widgets"
)

// mark is a highlighted stretch of the annotate text.
type mark struct{ start, end, layer int }

// setMarks highlights the accepted quotations and, with suggest set, the
// suggestions; rejected ones are not highlighted. Marks never overlap.
func (f *Feature) setMarks(items []item, suggest bool) {
	marks := f.marks[:0]
	for i := range items {
		it := &items[i]
		layer := ui.QLayerNone
		switch it.status() {
		case model.QuoteAccepted:
			layer = ui.QLayerAccepted
		case Suggested:
			if suggest {
				layer = ui.QLayerSuggested
			}
		}
		if layer == ui.QLayerNone {
			continue
		}
		s := it.start
		if n := len(marks); n > 0 && s < marks[n-1].end {
			s = marks[n-1].end
		}
		if s < it.end {
			marks = append(marks, mark{s, it.end, layer})
		}
	}
	f.marks = marks
}

// layerAt is the quote layer of code point off.
func (f *Feature) layerAt(off int) int {
	i := sort.Search(len(f.marks), func(i int) bool { return f.marks[i].end > off })
	if i < len(f.marks) && f.marks[i].start <= off {
		return f.marks[i].layer
	}
	return ui.QLayerNone
}

// cuts adds the quotation boundaries inside [start, end) to a line's cuts.
func (f *Feature) cuts(start, end int, add func(int)) {
	i := sort.Search(len(f.marks), func(i int) bool { return f.marks[i].end > start })
	for ; i < len(f.marks) && f.marks[i].start < end; i++ {
		add(f.marks[i].start)
		add(f.marks[i].end)
	}
}

// gutter is the left margin of screen line l: the pad, or a quotation bar
// when the line shows part of one (a blank line inside a quotation that
// spans paragraphs keeps the bar); cs, ce is the cursor's range in quotes
// mode, whose quotation's bar is drawn as the current one.
func (f *Feature) gutter(l layout.Line, cs, ce int, pad string) string {
	st := f.c.Styles
	if pad == "" || len(f.marks) == 0 {
		return pad
	}
	layer, current := ui.QLayerNone, false
	k := sort.Search(len(f.marks), func(k int) bool { return f.marks[k].end > l.Start })
	for ; k < len(f.marks) && f.marks[k].start <= l.End; k++ {
		mk := f.marks[k]
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
	switch {
	case layer == ui.QLayerNone:
		return pad
	case current:
		return st.QP.BarCurrent.Render(st.Quotes.BarCurrentCh) + pad[1:]
	case layer == ui.QLayerAccepted:
		return st.QP.Bar.Render(st.Quotes.BarCh) + pad[1:]
	}
	return st.QP.BarSuggested.Render(st.Quotes.BarSuggestedCh) + pad[1:]
}

// panelW is the quotes panel's width beside the text; 0 when the
// terminal is too narrow (it goes below the text then).
func panelW(w int) int {
	if w >= 70 {
		return ui.ClampInt(w*2/5, 30, 60)
	}
	return 0
}

// panelBelowH is the quotes panel's height below the text of a pane
// h lines high, when it is not beside it (0: it replaces the text).
func panelBelowH(h int) int {
	if h < 12 {
		return 0
	}
	return ui.ClampInt(h*2/5, 6, 14)
}

// panelView draws the quotes panel: the speaker prompt while it is
// open, else the article's quotations with the one under the cursor
// expanded.
func (f *Feature) panelView(w, h int) string {
	st := f.c.Styles
	inner := max(0, w-2)
	rows := max(0, h-2)
	if p := f.prompt; p != nil {
		return ui.Box(st, true, "Speaker", "", p.view(inner, rows), w, h)
	}
	cur := f.current()
	// Only the items on screen are drawn: every item is two lines but the
	// current one, so where each starts is known without drawing it.
	var curLines []string
	if cur >= 0 {
		curLines = f.itemLines(&f.items[cur], true, inner)
	}
	starts := make([]int, len(f.items))
	total, live := 0, 0
	curFirst, curLast := -1, -1
	for i := range f.items {
		if f.items[i].status() != model.QuoteRejected {
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
	for i := sort.SearchInts(starts, off+1) - 1; i >= 0 && i < len(f.items) && starts[i] < off+rows; i++ {
		if i == cur {
			lines = append(lines, curLines...)
		} else {
			lines = append(lines, f.itemLines(&f.items[i], false, inner)...)
		}
	}
	if len(f.items) == 0 {
		msg := "No quotations found. Select words and press " + ui.KeyName(f.c.Keys.QuoteTag) + " to tag one."
		if f.detecting {
			msg = "Finding quotations…"
		}
		lines = []string{st.P.Placeholder.Render(msg)}
	}
	info := fmt.Sprint(live)
	if cur >= 0 {
		info = fmt.Sprintf("%d/%d", cur+1, len(f.items))
	}
	if f.detecting {
		info = "detecting…"
	}
	return ui.Box(st, true, "Quotes", info, lines, w, h)
}

// itemLines is one quotation in the panel: its state and first words,
// then speaker and kind; the current one shows more of its text, the
// speaker's role, the cue and whether the speaker is a tagged entity.
func (f *Feature) itemLines(it *item, current bool, w int) []string {
	st := f.c.Styles
	var glyph string
	switch it.status() {
	case model.QuoteAccepted:
		glyph = st.QP.StateAccepted.Render(st.Quotes.AcceptedCh)
	case model.QuoteRejected:
		glyph = st.QP.StateRejected.Render(st.Quotes.RejectedCh)
	default:
		glyph = st.QP.StateSuggested.Render(st.Quotes.SuggestedCh)
	}
	marker := "  "
	if current {
		marker = st.Marker + " "
	}
	text := strings.Join(strings.Fields(it.text), " ")
	dim := it.status() != model.QuoteAccepted
	paintText := func(s string) string {
		if dim {
			return st.P.RowDim.Render(s)
		}
		return s
	}
	var lines []string
	if !current {
		lines = append(lines, marker+glyph+" "+paintText(ui.Truncate("“"+ui.CleanLine(text)+"”", max(1, w-4))))
	} else {
		wrapped := wrapWords("“"+ui.CleanLine(text)+"”", max(1, w-4), 3)
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
	meta := ui.CleanLine(who)
	if current && it.det != nil && it.det.Role != "" && it.det.Role != it.speaker() {
		meta += " — " + ui.CleanLine(it.det.Role)
	}
	meta += " · " + string(it.kind())
	lines = append(lines, "    "+st.P.RowDim.Render(ui.Truncate(meta, max(1, w-4))))
	if current {
		var more []string
		if it.det != nil && it.det.Cue != "" {
			cue := it.det.Cue
			if it.det.Via != "" {
				cue += " " + it.det.Via
			}
			more = append(more, "cue: "+ui.CleanLine(cue))
		}
		more = append(more, it.status())
		if it.ann != nil && it.ann.Unreviewed() {
			more = append(more, ui.DescribeSource(it.ann.Source)+" ("+ui.KeyName(f.c.Keys.ReviewAccept)+" accept)")
		}
		if it.ann != nil && it.ann.Speaker != "" {
			if it.ann.SpeakerSpan != 0 {
				more = append(more, "linked to the entity")
			} else {
				more = append(more, "not a tagged entity")
			}
		}
		lines = append(lines, "    "+st.P.RowDim.Render(ui.Truncate(strings.Join(more, " · "), max(1, w-4))))
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
		ww := ui.TextWidth(word)
		if cw > 0 && cw+1+ww > w {
			lines = append(lines, cur.String())
			cur.Reset()
			cw = 0
			if len(lines) == n {
				lines[n-1] = ui.Truncate(lines[n-1]+" "+strings.Join(words[i:], " "), w)
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
		lines = append(lines, ui.Truncate(cur.String(), w))
	}
	return lines
}

// Status adds quotes mode's part to the status bar, after annotate
// mode's: the quotation under the cursor, and a carriers search in
// progress.
func (f *Feature) Status(s *widgets.StatusInfo) {
	if sc := f.scan; sc != nil && s.Scan == "" {
		s.Scan = fmt.Sprintf("searching %s/%s", ui.Commas(sc.done), ui.Commas(sc.total))
	}
	if !f.ann.Active() || !f.on || f.ann.Pane().Selecting() {
		return // a selection's size says more while selecting
	}
	if i := f.current(); i >= 0 {
		it := &f.items[i]
		state := it.status()
		if it.ann != nil && it.ann.Unreviewed() {
			state += ", " + ui.DescribeSource(it.ann.Source)
		}
		s.Span = fmt.Sprintf("%s (%s, %s)", describe(it.text, it.speaker()), it.kind(), state)
	}
}

func (f *Feature) shortHelp() []key.Binding {
	k := f.c.Keys
	return []key.Binding{k.QuoteNext, k.QuoteAccept, k.QuoteSpeaker, k.QuoteKind, k.QuoteReject, k.QuoteTag, k.QuoteCarriers, k.Undo, k.Quotes}
}

func (f *Feature) fullHelp() [][]key.Binding {
	k := f.c.Keys
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
