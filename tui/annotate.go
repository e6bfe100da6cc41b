package tui

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"storydesk/model"
	"storydesk/tui/layout"
	"storydesk/tui/ui"
)

// annotatePane is annotate mode: the text the spans point into (the stored
// snapshot, or the cleaned text before the first annotation), laid out by
// tui/layout so every screen cell maps to a code point, with a word cursor,
// a selection and the stored spans highlighted.
//
// The cursor rests on stops: word tokens (and currency signs, so "$5" can be
// tagged). On a tagged span the cursor covers the whole span and moves past
// it in one step, so every entity is one keystroke away from the next word.
// Selections are whole tokens: from the anchor stop to the cursor stop.
type annotatePane struct {
	c    *ui.Context
	w, h int

	id      string // article ID
	title   string
	text    string // what the spans index, in code points
	runes   []rune
	disp    string // text with tabs and controls replaced one rune for one, for the screen
	changed bool   // the cleaned text on disk is not the snapshot
	spans   []model.Span

	lay   *layout.Layout
	layW  int
	stops []int // token indexes the cursor can rest on, ascending
	paras []int // stop positions starting a paragraph
	sents []int // stop positions starting a sentence

	cur    int  // position in stops
	anchor int  // position in stops where the selection started; -1 for none
	visual bool // v is on: motions extend the selection
	goal   int  // column j/k aim for; -1 until a vertical move sets it
	top    int  // first layout line on screen
	panel  bool // entities panel shown

	// Quotes (quotes_view.go): the panel shown is the quotes panel, and
	// the quotations highlighted in the text.
	quotesPanel bool
	qmarks      []quoteMark

	// Imported quotations not reviewed yet (review.go), highlighted as
	// imported spans are.
	impQ []impQuote
}

func newAnnotatePane(c *ui.Context) *annotatePane {
	return &annotatePane{c: c, anchor: -1, goal: -1}
}

// open shows an article's text with its spans, the cursor at code point pos
// (or the first word when pos < 0).
func (a *annotatePane) open(id, title, text string, spans []model.Span, changed bool, pos int) {
	same := a.lay != nil && a.id == id && a.text == text
	a.id, a.title, a.text, a.changed = id, title, text, changed
	a.spans = sortedSpans(spans)
	a.anchor, a.visual, a.goal, a.top = -1, false, -1, 0
	if !same {
		// Re-entering the same text keeps its layout: wrapping a long
		// article is the one costly step here.
		a.runes = []rune(text)
		a.disp = displayText(a.runes)
		a.lay, a.layW = nil, -1
	}
	a.relayout()
	if pos >= 0 {
		a.moveToOffset(pos)
	} else {
		a.cur = 0
	}
	a.scrollIntoView()
}

// setSpans replaces the spans after a save, keeping cursor and selection.
func (a *annotatePane) setSpans(spans []model.Span) {
	a.spans = sortedSpans(spans)
	a.scrollIntoView()
}

func sortedSpans(spans []model.Span) []model.Span {
	out := append([]model.Span(nil), spans...)
	model.SortSpans(out)
	return out
}

// displayText replaces what must not reach the terminal (tabs, controls,
// bidi overrides) with one rune each, so offsets are unchanged.
func displayText(rs []rune) string {
	var b strings.Builder
	b.Grow(len(rs))
	for _, r := range rs {
		switch {
		case r == '\t' || r == '\r':
			b.WriteRune(' ')
		case ui.UnsafeRune(r):
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (a *annotatePane) SetSize(w, h int) {
	a.w, a.h = max(0, w), max(0, h)
	if a.lay != nil {
		a.relayout()
		a.scrollIntoView()
	}
}

// textW is the wrap width: the inner width less a one-cell margin each side
// when there is room for it.
func (a *annotatePane) pad() int {
	if a.innerW() >= 24 {
		return 1
	}
	return 0
}

func (a *annotatePane) innerW() int {
	w := a.w
	if a.panel {
		w -= a.panelW()
	}
	return max(0, w-2)
}

func (a *annotatePane) innerH() int { return max(0, a.h-a.panelBelowH()-2) }

// panelW is the entities panel's width when it is shown beside the text.
func (a *annotatePane) panelW() int {
	if a.quotesPanel {
		return quotesPanelW(a.w)
	}
	if a.w >= 70 {
		return ui.ClampInt(a.w/4, 26, 40)
	}
	return 0 // narrow: the panel replaces the text
}

func (a *annotatePane) legendH() int {
	if a.innerH() >= 3 {
		return 1
	}
	return 0
}

// textH is the number of text lines on screen.
func (a *annotatePane) textH() int { return max(0, a.innerH()-a.legendH()) }

// relayout wraps the text for the current width, keeping the cursor and
// anchor on the same code points.
func (a *annotatePane) relayout() {
	tw := max(2, a.innerW()-2*a.pad())
	if a.lay != nil && a.layW == tw {
		return
	}
	curOff, ancOff := -1, -1
	if a.lay != nil && len(a.stops) > 0 {
		curOff = a.tok(a.cur).Start
		if a.anchor >= 0 {
			ancOff = a.tok(a.anchor).Start
		}
	}
	a.lay, a.layW = layout.Wrap(a.disp, tw), tw
	a.computeStops()
	if curOff >= 0 {
		a.moveToOffset(curOff)
		if ancOff >= 0 {
			a.anchor = a.stopAt(ancOff)
		}
	}
	a.goal = -1
}

func (a *annotatePane) computeStops() {
	a.stops, a.paras, a.sents = a.stops[:0], nil, nil
	for i, t := range a.lay.Tokens {
		if t.Word || unicode.Is(unicode.Sc, a.runes[t.Start]) {
			a.stops = append(a.stops, i)
		}
	}
	prevEnd := 0
	for p, ti := range a.stops {
		t := a.lay.Tokens[ti]
		between := a.runes[prevEnd:t.Start]
		para := p == 0 || containsRune(between, '\n')
		if para {
			a.paras = append(a.paras, p)
		}
		if para || endsSentence(a.runes, a.lay.Tokens[a.stops[p-1]], between) {
			a.sents = append(a.sents, p)
		}
		prevEnd = t.End
	}
	a.cur = ui.ClampInt(a.cur, 0, max(0, len(a.stops)-1))
	if a.anchor >= len(a.stops) {
		a.anchor = -1
	}
}

func containsRune(rs []rune, r rune) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// abbreviations end in a dot that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true, "sr": true, "jr": true,
	"gen": true, "sen": true, "rep": true, "gov": true, "lt": true, "col": true, "capt": true, "sgt": true,
	"no": true, "vs": true, "etc": true, "inc": true, "ltd": true, "co": true, "corp": true, "mt": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true,
	"sept": true, "oct": true, "nov": true, "dec": true, "ave": true, "rd": true, "pres": true, "rev": true,
}

// endsSentence reports whether the text between the previous word and the
// next one closes a sentence: a terminator not owed to an abbreviation.
func endsSentence(rs []rune, prev layout.Token, between []rune) bool {
	for i, r := range between {
		switch r {
		case '!', '?', '…', '。', '！', '？':
			return true
		case '.':
			if i > 0 {
				return true // "word ." or "word).": not glued to the word
			}
			w := strings.ToLower(string(rs[prev.Start:prev.End]))
			if abbreviations[w] || model.RuneLen(w) == 1 && unicode.IsUpper(rs[prev.Start]) {
				return false
			}
			return true
		}
	}
	return false
}

// tok is the token at stop position p.
func (a *annotatePane) tok(p int) layout.Token { return a.lay.Tokens[a.stops[p]] }

// stopAt returns the stop position containing offset, or the nearest after
// it (the last one at the end of the text).
func (a *annotatePane) stopAt(off int) int {
	ti := a.lay.TokenAt(off)
	p := sort.SearchInts(a.stops, ti)
	return ui.ClampInt(p, 0, max(0, len(a.stops)-1))
}

func (a *annotatePane) moveToOffset(off int) {
	if len(a.stops) == 0 {
		a.cur = 0
		return
	}
	a.cur = a.stopAt(off)
	if sp, ok := a.spanAt(a.tok(a.cur).Start); ok {
		a.cur = a.stopAt(sp.Start)
	}
}

// CursorOffset is the code point the cursor is on (for saving the position).
func (a *annotatePane) CursorOffset() int {
	if a.lay == nil || len(a.stops) == 0 {
		return 0
	}
	return a.tok(a.cur).Start
}

// spanAt returns the span covering code point off.
func (a *annotatePane) spanAt(off int) (model.Span, bool) {
	i := sort.Search(len(a.spans), func(i int) bool { return a.spans[i].End > off })
	if i < len(a.spans) && a.spans[i].Start <= off {
		return a.spans[i], true
	}
	return model.Span{}, false
}

// cursorSpan is the span under the cursor when nothing is selected.
func (a *annotatePane) cursorSpan() (model.Span, bool) {
	if len(a.stops) == 0 || a.anchor >= 0 {
		return model.Span{}, false
	}
	return a.spanAt(a.tok(a.cur).Start)
}

// cursorRange is what the cursor covers: its token, or the span it is on.
func (a *annotatePane) cursorRange() (int, int) {
	t := a.tok(a.cur)
	if sp, ok := a.spanAt(t.Start); ok {
		return sp.Start, sp.End
	}
	return t.Start, t.End
}

// selection returns the selected code points; ok is false with no selection.
func (a *annotatePane) selection() (start, end int, ok bool) {
	if a.anchor < 0 || len(a.stops) == 0 {
		return 0, 0, false
	}
	lo, hi := min(a.anchor, a.cur), max(a.anchor, a.cur)
	return a.tok(lo).Start, a.tok(hi).End, true
}

// target is what a label key applies to: the selection, or the word (or
// span) under the cursor.
func (a *annotatePane) target() (start, end int, ok bool) {
	if s, e, ok := a.selection(); ok {
		return s, e, true
	}
	if len(a.stops) == 0 {
		return 0, 0, false
	}
	s, e := a.cursorRange()
	return s, e, true
}

func (a *annotatePane) clearSelection() { a.anchor, a.visual = -1, false }

// selState identifies where the cursor and selection are, to tell when a
// save comes back whether the user has moved on since the key.
type selState struct {
	id                  string
	anchor, cur, nstops int
}

func (a *annotatePane) selKey() selState {
	return selState{a.id, a.anchor, a.cur, len(a.stops)}
}

// Motions. Each returns nothing; the root decides whether the move extends
// the selection (v mode or a shift key) before calling them.

func (a *annotatePane) wordNext() {
	if len(a.stops) == 0 {
		return
	}
	_, end := a.cursorRange()
	p := a.cur + 1
	for p < len(a.stops) && a.tok(p).Start < end {
		p++
	}
	if p < len(a.stops) {
		a.cur = p
	}
}

func (a *annotatePane) wordPrev() {
	if a.cur == 0 || len(a.stops) == 0 {
		return
	}
	start, _ := a.cursorRange()
	p := a.cur - 1
	for p > 0 && a.tok(p).Start >= start {
		p--
	}
	a.cur = p
	a.snapToSpanStart()
}

// snapToSpanStart puts the cursor on the first stop of the span it is in.
func (a *annotatePane) snapToSpanStart() {
	if sp, ok := a.spanAt(a.tok(a.cur).Start); ok {
		if p := a.stopAt(sp.Start); p < a.cur {
			a.cur = p
		}
	}
}

// line moves the cursor to the stop nearest the goal column on the next
// (dir 1) or previous (dir -1) screen line that has one.
func (a *annotatePane) line(dir int) {
	if len(a.stops) == 0 {
		return
	}
	t := a.tok(a.cur)
	if a.goal < 0 {
		a.goal = t.Col
	}
	ln := t.Line
	if dir > 0 {
		// From a span wrapped over two lines, start below its end.
		_, end := a.cursorRange()
		ln = a.lay.Tokens[a.lay.TokenAt(end-1)].Line
	}
	for ln += dir; ln >= 0 && ln < len(a.lay.Lines); ln += dir {
		if p, ok := a.nearestOnLine(ln, a.goal); ok {
			a.cur = p
			a.snapToSpanStartKeepLine()
			return
		}
	}
}

// snapToSpanStartKeepLine snaps to a span's first stop only when that stays
// on the same line, so j/k through a wrapped span still moves a line.
func (a *annotatePane) snapToSpanStartKeepLine() {
	if sp, ok := a.spanAt(a.tok(a.cur).Start); ok {
		p := a.stopAt(sp.Start)
		if a.tok(p).Line == a.tok(a.cur).Line {
			a.cur = p
		}
	}
}

func (a *annotatePane) nearestOnLine(ln, col int) (int, bool) {
	l := a.lay.Lines[ln]
	lo := sort.SearchInts(a.stops, l.First)
	best, bestD := -1, 0
	for p := lo; p < len(a.stops) && a.stops[p] < l.First+l.N; p++ {
		t := a.tok(p)
		d := 0
		switch {
		case col < t.Col:
			d = t.Col - col
		case col >= t.Col+max(1, t.Width):
			d = col - (t.Col + max(1, t.Width) - 1)
		}
		if best < 0 || d < bestD {
			best, bestD = p, d
		}
	}
	return best, best >= 0
}

// jump moves to the next (dir 1) or previous start in starts (stop
// positions, ascending). Backwards it goes to the start of the current
// sentence or paragraph first, as editors do.
func (a *annotatePane) jump(starts []int, dir int) {
	if len(starts) == 0 {
		return
	}
	if dir > 0 {
		i := sort.SearchInts(starts, a.cur+1)
		if i < len(starts) {
			a.cur = starts[i]
		} else {
			a.cur = len(a.stops) - 1
		}
		return
	}
	i := sort.SearchInts(starts, a.cur) - 1
	if i >= 0 {
		a.cur = starts[i]
	} else {
		a.cur = 0
	}
}

func (a *annotatePane) first() { a.cur = 0 }
func (a *annotatePane) last() {
	a.cur = max(0, len(a.stops)-1)
	a.snapToSpanStart()
}

// screen moves by a screen of lines (dir ±1).
func (a *annotatePane) screen(dir int) {
	n := max(1, a.textH()-2)
	g := a.goal
	for i := 0; i < n; i++ {
		before := a.cur
		a.line(dir)
		if a.cur == before {
			break
		}
	}
	a.goal = g
	if a.goal < 0 && len(a.stops) > 0 {
		a.goal = a.tok(a.cur).Col
	}
	a.top = ui.ClampInt(a.top+dir*n, 0, max(0, len(a.lay.Lines)-a.textH()))
}

// entity moves to the next (dir 1) or previous span; it reports false when
// it wrapped around the article (or there is none).
func (a *annotatePane) entity(dir int) (moved, wrapped bool) {
	if len(a.spans) == 0 || len(a.stops) == 0 {
		return false, false
	}
	start, end := a.cursorRange()
	var sp model.Span
	if dir > 0 {
		i := sort.Search(len(a.spans), func(i int) bool { return a.spans[i].Start >= end })
		if i == len(a.spans) {
			i, wrapped = 0, true
		}
		sp = a.spans[i]
	} else {
		i := sort.Search(len(a.spans), func(i int) bool { return a.spans[i].Start >= start }) - 1
		if i < 0 {
			i, wrapped = len(a.spans)-1, true
		}
		sp = a.spans[i]
	}
	a.cur = a.stopAt(sp.Start)
	return true, wrapped
}

// scrollIntoView keeps the cursor on screen with a little context.
func (a *annotatePane) scrollIntoView() {
	if a.lay == nil {
		return
	}
	h := a.textH()
	if h <= 0 || len(a.stops) == 0 {
		a.top = ui.ClampInt(a.top, 0, max(0, len(a.lay.Lines)-max(1, h)))
		return
	}
	ln := a.tok(a.cur).Line
	margin := min(2, (h-1)/2)
	if ln < a.top+margin {
		a.top = ln - margin
	}
	if ln > a.top+h-1-margin {
		a.top = ln - (h - 1 - margin)
	}
	a.top = ui.ClampInt(a.top, 0, max(0, len(a.lay.Lines)-h))
}

// labelIndex is a label's position in the label set, or -1.
func (a *annotatePane) labelIndex(label string) int {
	for i, l := range a.c.Labels {
		if l == label {
			return i
		}
	}
	return -1
}

// lineMarks is what RenderLine gets for screen line i: the spans, the
// selection and the cursor, as non-overlapping runs of annotate styles.
func (a *annotatePane) lineMarks(i int) []layout.Mark {
	l := a.lay.Lines[i]
	if l.Blank || l.End <= l.Start {
		return nil
	}
	nl := len(a.c.Labels)
	base := ui.AnnBase(nl)
	cs, ce := -1, -1
	if len(a.stops) > 0 {
		cs, ce = a.cursorRange()
	}
	ss, se, sel := a.selection()
	cuts := []int{l.Start, l.End}
	add := func(x int) {
		if x > l.Start && x < l.End {
			cuts = append(cuts, x)
		}
	}
	first := sort.Search(len(a.spans), func(k int) bool { return a.spans[k].End > l.Start })
	for k := first; k < len(a.spans) && a.spans[k].Start < l.End; k++ {
		add(a.spans[k].Start)
		add(a.spans[k].End)
	}
	a.quoteCuts(l.Start, l.End, add)
	a.importedCuts(l.Start, l.End, add)
	if sel {
		add(ss)
		add(se)
	}
	add(cs)
	add(ce)
	sort.Ints(cuts)
	var marks []layout.Mark
	for k := 0; k+1 < len(cuts); k++ {
		s, e := cuts[k], cuts[k+1]
		if s == e {
			continue
		}
		style := 0
		imported := false
		if sp, ok := a.spanAt(s); ok {
			if li := a.labelIndex(sp.Label); li >= 0 {
				style = 1 + li
			} else {
				style = nl + 1
			}
			imported = sp.Source != ""
		}
		if !imported && len(a.impQ) > 0 {
			_, imported = a.importedQuoteAt(s)
		}
		if sel && s >= ss && s < se {
			style = nl + 2
		}
		if s >= cs && s < ce {
			style += base
		}
		style += a.quoteLayerAt(s) * 2 * base
		if imported {
			style += ui.AnnImported(nl)
		}
		if style == 0 {
			continue
		}
		if n := len(marks); n > 0 && marks[n-1].Style == style && marks[n-1].End == s {
			marks[n-1].End = e
			continue
		}
		marks = append(marks, layout.Mark{Start: s, End: e, Style: style})
	}
	return marks
}

// textLines renders the visible text lines (without the box).
func (a *annotatePane) textLines() []string {
	h := a.textH()
	pad := strings.Repeat(" ", a.pad())
	painters := a.c.Styles.AnnPainters()
	out := make([]string, 0, h)
	for i := a.top; i < len(a.lay.Lines) && len(out) < h; i++ {
		out = append(out, a.gutter(i, pad)+a.lay.RenderLine(i, a.lineMarks(i), painters))
	}
	return out
}

// legend is the one-line key → label strip, each label in its colour.
func (a *annotatePane) legend(w int) string {
	st := a.c.Styles
	var b strings.Builder
	used := 0
	for i, l := range a.c.Labels {
		k := labelKeyName(a.c.Keys, i)
		item := k + " " + l
		iw := ui.TextWidth(item)
		if used > 0 {
			iw++
		}
		if used+iw > w {
			break
		}
		if used > 0 {
			b.WriteString(" ")
		}
		b.WriteString(st.P.RowDim.Render(k) + " ")
		b.WriteString(st.Ann[1+i].Render(ui.CleanLine(l)))
		used += iw
	}
	return b.String()
}

// labelKeyName is the first key bound to label i, for the legend.
func labelKeyName(k ui.KeyMap, i int) string {
	if i < len(k.Labels) {
		if ks := k.Labels[i].Keys(); len(ks) > 0 {
			return ks[0]
		}
	}
	return "·"
}

// Percent is how far down the text the screen is.
func (a *annotatePane) Percent() int {
	if a.lay == nil {
		return 0
	}
	m := len(a.lay.Lines) - a.textH()
	if m <= 0 {
		return 100
	}
	return ui.ClampInt(a.top*100/m, 0, 100)
}

// View draws the text box (and the entities panel when it is open).
// prompt, when set, replaces the legend line (the canonical-name prompt).
func (a *annotatePane) View(info, prompt string, panel func(w, h int) string) string {
	if a.w <= 0 || a.h <= 0 {
		return ""
	}
	below := a.panelBelowH()
	if a.panel && a.panelW() == 0 && below == 0 && panel != nil {
		return panel(a.w, a.h)
	}
	inner := a.innerW()
	pad := strings.Repeat(" ", a.pad())
	if n := a.unreviewed(); n > 0 {
		// How much of the article is still as imported.
		info = fmt.Sprintf("%s%d to review · %s", a.c.Styles.Review.MarkCh, n, info)
	}
	var content []string
	if a.legendH() > 0 {
		lw := inner - 2*a.pad()
		switch hint := a.reviewHint(); {
		case prompt != "":
			content = append(content, pad+prompt)
		case hint != "":
			// On an imported annotation: where it came from and the keys
			// that review it, then as many labels (for relabelling) as fit.
			hint = ui.Truncate(hint, lw)
			if rest := lw - ui.TextWidth(hint) - 3; rest >= 8 {
				hint += "   " + a.legend(rest)
			}
			content = append(content, pad+hint)
		default:
			content = append(content, pad+a.legend(lw))
		}
	}
	if a.lay != nil {
		if len(a.stops) == 0 {
			content = append(content, a.c.Styles.P.Placeholder.Render("This article has no words to annotate."))
		} else {
			content = append(content, a.textLines()...)
		}
	}
	title := ui.CleanLine(a.title)
	if title == "" {
		title = "Annotate"
	}
	bw := a.w
	if a.panel && panel != nil {
		bw = a.w - a.panelW()
	}
	if below > 0 && panel != nil {
		return ui.Box(a.c.Styles, true, title, info, content, bw, a.h-below) + "\n" + panel(a.w, below)
	}
	body := ui.Box(a.c.Styles, true, title, info, content, bw, a.h)
	if a.panel && panel != nil {
		return ui.JoinColumns(body, panel(a.panelW(), a.h))
	}
	return body
}
