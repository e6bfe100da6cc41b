package annotate

import (
	"sort"
	"strings"
	"unicode"

	"storydesk/model"
	"storydesk/tui/layout"
	"storydesk/tui/ui"
)

// Pane is annotate mode's text: the stored snapshot the spans point into
// (or the cleaned text before the first annotation), laid out by tui/layout
// so every screen cell maps to a code point, with a word cursor, a
// selection and the stored spans highlighted.
//
// The cursor rests on stops: word tokens (and currency signs, so "$5" can be
// tagged). On a tagged span the cursor covers the whole span and moves past
// it in one step, so every entity is one keystroke away from the next word.
// Selections are whole tokens: from the anchor stop to the cursor stop.
type Pane struct {
	c    *ui.Context
	w, h int

	id      string // article ID
	title   string
	text    string // what the spans index, in code points
	runes   []rune
	disp    string // text with tabs and controls replaced one rune for one, for the screen
	changed bool   // the cleaned text on disk is not the snapshot
	spans   []model.Span
	unsaved []model.Span // an action's spans waiting for the server (unsaved.go)

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

	panel    bool    // a side panel is shown
	extPanel bool    // … and it is the overlay's, not the entities panel
	overlay  Overlay // an extension's marks and panel (quotes); nil for none

	// Imported quotations not reviewed yet (review_pane.go), highlighted
	// as imported spans are.
	impQ []impQuote
	// Entity suggestions (Suggestions), drawn the same way.
	sugg Suggestions

	nav navMarks // jump hints and search matches drawn over the text (nav.go)
}

// NewPane is an empty pane; Open puts an article in it.
func NewPane(c *ui.Context) *Pane {
	return &Pane{c: c, anchor: -1, goal: -1}
}

// SetOverlay gives the pane an extension's marks and panel.
func (a *Pane) SetOverlay(o Overlay) { a.overlay = o }

// Open shows an article's text with its spans, the cursor at code point pos
// (or the first word when pos < 0).
func (a *Pane) Open(id, title, text string, spans []model.Span, changed bool, pos int) {
	same := a.lay != nil && a.id == id && a.text == text
	a.id, a.title, a.text, a.changed = id, title, text, changed
	a.spans = sortedSpans(spans)
	a.anchor, a.visual, a.goal, a.top = -1, false, -1, 0
	if !same {
		// Re-entering the same text keeps its layout: wrapping a long
		// article is the one costly step here.
		a.runes = []rune(text)
		a.disp = ui.DisplayText(a.runes)
		a.lay, a.layW = nil, -1
	}
	a.relayout()
	if pos >= 0 {
		a.MoveTo(pos)
	} else {
		a.cur = 0
	}
	a.scrollIntoView()
}

// SetSpans replaces the spans after a save, keeping cursor and selection.
func (a *Pane) SetSpans(spans []model.Span) {
	a.spans = sortedSpans(spans)
	a.scrollIntoView()
}

// sortedSpans is spans by position. The store's are in order already and
// never changed in place (docops.Apply copies): they are shared, not
// copied, so a tag on an article with thousands costs no copy here.
func sortedSpans(spans []model.Span) []model.Span {
	if sort.SliceIsSorted(spans, func(i, j int) bool {
		return spans[i].Start < spans[j].Start || spans[i].Start == spans[j].Start && spans[i].End < spans[j].End
	}) {
		return spans
	}
	out := append([]model.Span(nil), spans...)
	model.SortSpans(out)
	return out
}

// SetSize gives the pane the body's size.
func (a *Pane) SetSize(w, h int) {
	a.w, a.h = max(0, w), max(0, h)
	if a.lay != nil {
		a.relayout()
		a.scrollIntoView()
	}
}

// The article on screen: its ID; the text the spans index (Runes: the same
// as code points) and the spans (neither to be changed); Changed, that its
// text on disk is not this snapshot.
func (a *Pane) ID() string          { return a.id }
func (a *Pane) Text() string        { return a.text }
func (a *Pane) Runes() []rune       { return a.runes }
func (a *Pane) Spans() []model.Span { return a.spans }
func (a *Pane) Changed() bool       { return a.changed }

// Ready reports that an article is laid out.
func (a *Pane) Ready() bool { return a.lay != nil }

// HasWords reports that the cursor has somewhere to be.
func (a *Pane) HasWords() bool { return a.lay != nil && len(a.stops) > 0 }

// Layout is the text as wrapped on screen (nil before Open).
func (a *Pane) Layout() *layout.Layout { return a.lay }

// pad is the margin each side of the text: one cell when there is room.
func (a *Pane) pad() int {
	if a.innerW() >= 24 {
		return 1
	}
	return 0
}

func (a *Pane) innerW() int {
	w := a.w
	if a.panel {
		w -= a.panelW()
	}
	return max(0, w-2)
}

// LineWidth is the width a line drawn in the legend row has (the
// canonical-name prompt's).
func (a *Pane) LineWidth() int { return a.innerW() - 2*a.pad() }

func (a *Pane) innerH() int { return max(0, a.h-a.panelBelowH()-2) }

// panelW is the side panel's width when it is shown beside the text.
func (a *Pane) panelW() int {
	if a.extPanel && a.overlay != nil {
		return a.overlay.PanelW(a.w)
	}
	if a.w >= 70 {
		return ui.ClampInt(a.w/4, 26, 40)
	}
	return 0 // narrow: the panel replaces the text
}

// panelBelowH is the height of a panel drawn below the text (the
// overlay's on a narrow terminal), 0 when it is beside it or replaces it.
func (a *Pane) panelBelowH() int {
	if !a.panel || !a.extPanel || a.overlay == nil || a.panelW() > 0 {
		return 0
	}
	return a.overlay.PanelBelowH(a.h)
}

// PanelRect is where the side panel is drawn, in body coordinates.
func (a *Pane) PanelRect() (x, y, w, h int) {
	if pw := a.panelW(); pw > 0 {
		return a.w - pw, 0, pw, a.h
	}
	if ph := a.panelBelowH(); ph > 0 {
		return 0, a.h - ph, a.w, ph
	}
	return 0, 0, a.w, a.h
}

// Panel reports whether a side panel is shown, and whether it is the
// overlay's (the entities panel otherwise).
func (a *Pane) Panel() (shown, ext bool) { return a.panel, a.extPanel }

// SetPanel shows or hides the side panel, re-wrapping the text for the
// width left.
func (a *Pane) SetPanel(shown, ext bool) {
	a.panel, a.extPanel = shown, ext
	a.relayout()
	a.scrollIntoView()
}

func (a *Pane) legendH() int {
	if a.innerH() >= 3 {
		return 1
	}
	return 0
}

// textH is the number of text lines on screen.
func (a *Pane) textH() int { return max(0, a.innerH()-a.legendH()) }

// relayout wraps the text for the current width, keeping the cursor and
// anchor on the same code points.
func (a *Pane) relayout() {
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
		a.MoveTo(curOff)
		if ancOff >= 0 {
			a.anchor = a.stopAt(ancOff)
		}
	}
	a.goal = -1
}

func (a *Pane) computeStops() {
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
func (a *Pane) tok(p int) layout.Token { return a.lay.Tokens[a.stops[p]] }

// stopAt returns the stop position containing offset, or the nearest after
// it (the last one at the end of the text).
func (a *Pane) stopAt(off int) int {
	ti := a.lay.TokenAt(off)
	p := sort.SearchInts(a.stops, ti)
	return ui.ClampInt(p, 0, max(0, len(a.stops)-1))
}

// MoveTo puts the cursor on the word at code point off, or on the start of
// the span there.
func (a *Pane) MoveTo(off int) {
	if len(a.stops) == 0 {
		a.cur = 0
		return
	}
	a.cur = a.stopAt(off)
	if sp, ok := a.SpanAt(a.tok(a.cur).Start); ok {
		a.cur = a.stopAt(sp.Start)
	}
}

// JumpTo puts the cursor on the word at code point off (inside a span if
// that is where it is) and brings it into view.
func (a *Pane) JumpTo(off int) {
	if len(a.stops) == 0 {
		return
	}
	a.cur = a.stopAt(off)
	a.goal = -1
	a.scrollIntoView()
}

// SelectRange selects the words from code point start to end, the cursor on
// the first, and brings it into view.
func (a *Pane) SelectRange(start, end int) {
	if len(a.stops) == 0 {
		return
	}
	a.ClearSelection()
	a.cur = a.stopAt(start)
	if e := a.stopAt(end - 1); e > a.cur {
		a.anchor = e
	}
	a.goal = -1
	a.scrollIntoView()
}

// CursorOffset is the code point the cursor is on (for saving the position).
func (a *Pane) CursorOffset() int {
	if a.lay == nil || len(a.stops) == 0 {
		return 0
	}
	return a.tok(a.cur).Start
}

// CursorLine is the layout line the cursor is on, and Visible the lines on
// screen.
func (a *Pane) CursorLine() int {
	if !a.HasWords() {
		return 0
	}
	return a.tok(a.cur).Line
}

func (a *Pane) Visible() (top, n int) { return a.top, a.textH() }

// SpanAt returns the span covering code point off.
func (a *Pane) SpanAt(off int) (model.Span, bool) {
	i := sort.Search(len(a.spans), func(i int) bool { return a.spans[i].End > off })
	if i < len(a.spans) && a.spans[i].Start <= off {
		return a.spans[i], true
	}
	return model.Span{}, false
}

// CursorSpan is the span under the cursor when nothing is selected.
func (a *Pane) CursorSpan() (model.Span, bool) {
	if len(a.stops) == 0 || a.anchor >= 0 {
		return model.Span{}, false
	}
	return a.SpanAt(a.tok(a.cur).Start)
}

// CursorRange is what the cursor covers: its token, or the span it is on.
func (a *Pane) CursorRange() (int, int) {
	t := a.tok(a.cur)
	if sp, ok := a.SpanAt(t.Start); ok {
		return sp.Start, sp.End
	}
	return t.Start, t.End
}

// Selection returns the selected code points; ok is false with no selection.
func (a *Pane) Selection() (start, end int, ok bool) {
	if a.anchor < 0 || len(a.stops) == 0 {
		return 0, 0, false
	}
	lo, hi := min(a.anchor, a.cur), max(a.anchor, a.cur)
	return a.tok(lo).Start, a.tok(hi).End, true
}

// Selecting reports a selection held (v, or a shift motion).
func (a *Pane) Selecting() bool { return a.anchor >= 0 }

// selectedWords is how many words the selection holds.
func (a *Pane) selectedWords() int {
	return max(a.anchor, a.cur) - min(a.anchor, a.cur) + 1
}

// target is what a label key applies to: the selection, or the word (or
// span) under the cursor.
func (a *Pane) target() (start, end int, ok bool) {
	if s, e, ok := a.Selection(); ok {
		return s, e, true
	}
	if len(a.stops) == 0 {
		return 0, 0, false
	}
	s, e := a.CursorRange()
	return s, e, true
}

// ClearSelection drops the selection (and v mode).
func (a *Pane) ClearSelection() { a.anchor, a.visual = -1, false }

// toggleSelect is v: start a selection at the cursor, or drop it.
func (a *Pane) toggleSelect() {
	if a.anchor >= 0 {
		a.ClearSelection()
	} else {
		a.anchor, a.visual = a.cur, true
	}
}

// Visual reports that v is on: motions extend the selection.
func (a *Pane) Visual() bool { return a.visual }

// selState identifies where the cursor and selection are, to tell when a
// save comes back whether the user has moved on since the key.
type selState struct {
	id                  string
	anchor, cur, nstops int
}

// SelKey is the cursor and selection now, for a session.Job's Sel.
func (a *Pane) SelKey() any {
	return selState{a.id, a.anchor, a.cur, len(a.stops)}
}

// labelIndex is a label's position in the label set, or -1.
func (a *Pane) labelIndex(label string) int {
	for i, l := range a.c.Labels {
		if l == label {
			return i
		}
	}
	return -1
}
